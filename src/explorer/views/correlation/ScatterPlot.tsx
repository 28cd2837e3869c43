import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'react';
import { useChart } from '../../lib/charts';
import type { CorrelationResult } from '../../lib/queries';

interface Props {
  result: CorrelationResult;
  xLabel: string;
  onOpenKommune: (id: string) => void;
}

interface PointDatum {
  x: number;
  y: number;
  name: string;
  id: string;
}

/** The points (one per kommune) with the least-squares line; a click on a point opens its kommune. */
export function ScatterPlot({ result, xLabel, onOpenKommune }: Props) {
  const config = useMemo<ChartConfiguration<'scatter'>>(() => {
    const points: PointDatum[] = result.points.map((point) => ({ x: point.x, y: point.y, name: point.kommune.name, id: point.kommune.id }));
    const xs = points.map((point) => point.x);
    const line = result.slope !== null && result.intercept !== null && xs.length > 0
      ? [Math.min(...xs), Math.max(...xs)].map((x) => ({ x, y: result.slope! * x + result.intercept! }))
      : [];
    return {
      type: 'scatter',
      data: {
        datasets: [
          { label: 'Kommuner', data: points, backgroundColor: 'rgba(11, 95, 165, 0.7)', borderColor: '#0b5fa5', pointRadius: 4, pointHoverRadius: 7 },
          { type: 'line', label: 'Least-squares line', data: line, borderColor: '#b34700', borderWidth: 2, pointRadius: 0, pointHitRadius: 0 },
        ] as ChartConfiguration<'scatter'>['data']['datasets'],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { type: 'linear', title: { display: true, text: xLabel } },
          // Up is better on both kinds of indicator: ranks (1 is best) are drawn upside down.
          y: {
            type: 'linear',
            reverse: !result.higherIsBetter,
            title: { display: true, text: `${result.indicator.name}${result.higherIsBetter ? '' : ' (1 is best, on top)'}` },
          },
        },
        plugins: {
          tooltip: {
            filter: (item) => item.datasetIndex === 0,
            callbacks: {
              label: (item) => {
                const datum = item.raw as PointDatum;
                return `${datum.name}: ${datum.x.toLocaleString('en-GB')}, ${datum.y.toLocaleString('en-GB')}`;
              },
            },
          },
        },
        onHover: (event, elements) => {
          const target = event.native?.target as HTMLElement | undefined;
          if (target) target.style.cursor = elements.some((element) => element.datasetIndex === 0) ? 'pointer' : 'default';
        },
        onClick: (_event, elements) => {
          const hit = elements.find((element) => element.datasetIndex === 0);
          if (hit) onOpenKommune(points[hit.index]!.id);
        },
      },
    };
  }, [result, xLabel, onOpenKommune]);
  const canvasRef = useChart(config as unknown as ChartConfiguration);

  return (
    <div className="chart" data-testid="scatter" data-points={result.points.length}>
      <canvas
        ref={canvasRef}
        role="img"
        aria-label={`Scatter plot of ${result.points.length} kommuner; the table of points below lists the same values`}
      />
    </div>
  );
}
