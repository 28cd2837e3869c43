import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'react';
import { Status } from '../../components/Status';
import { useChart } from '../../lib/charts';
import { KOMMUNE_HISTORY } from '../../lib/queries';
import { hrefFor } from '../../lib/route';
import { useQuery } from '../../lib/useQuery';

interface Props {
  nr: string;
  indicator: string;
  indicatorName: string;
}

const SERIES_COLOURS = ['#0b5fa5', '#b34700', '#2e7d32', '#ad1457'];

/** One kommune's ranks on one indicator over the editions (Kommune.rankings), one line per scope. */
export function RankHistory({ nr, indicator, indicatorName }: Props) {
  const history = useQuery(KOMMUNE_HISTORY, { nr, indicator });
  const kommune = history.data?.kommune;
  const entries = useMemo(() => [...(kommune?.rankings ?? [])].sort((a, b) => a.edition - b.edition), [kommune]);

  const config = useMemo<ChartConfiguration<'line'> | undefined>(() => {
    if (entries.length === 0) return undefined;
    const scopes = [...new Set(entries.map((entry) => entry.scopeName))];
    return {
      type: 'line',
      data: {
        datasets: scopes.map((scope, index) => ({
          label: scope === 'Norge' ? 'Rank in Norway' : `Rank in ${scope}`,
          data: entries.filter((entry) => entry.scopeName === scope).map((entry) => ({ x: entry.edition, y: entry.rank })),
          borderColor: SERIES_COLOURS[index % SERIES_COLOURS.length],
          backgroundColor: SERIES_COLOURS[index % SERIES_COLOURS.length],
          pointRadius: 4,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        scales: {
          x: { type: 'linear', title: { display: true, text: 'Edition' }, ticks: { stepSize: 1, callback: (value) => String(value) } },
          // Rank 1 is best, so it goes on top.
          y: { type: 'linear', reverse: true, min: 1, title: { display: true, text: 'Rank' }, ticks: { precision: 0 } },
        },
      },
    };
  }, [entries]);
  const canvasRef = useChart(config as ChartConfiguration | undefined);

  return (
    <section className="rank-history" aria-labelledby="rank-history-title">
      <h2 id="rank-history-title">{kommune ? `${kommune.name}: ${indicatorName} over the editions` : 'History'}</h2>
      <Status loading={history.loading} error={history.error}>
        {entries.length === 0 ? (
          <p className="muted">No published ranks of this kommune on this indicator.</p>
        ) : (
          <>
            <div className="chart small">
              <canvas ref={canvasRef} role="img" aria-label={`Line chart of the ranks listed in the table below`} />
            </div>
            <table className="compact">
              <caption className="visually-hidden">Ranks by edition</caption>
              <thead>
                <tr><th scope="col">Edition</th><th scope="col">Rank</th><th scope="col">Among</th></tr>
              </thead>
              <tbody>
                {entries.map((entry, index) => (
                  <tr key={index}>
                    <td>{entry.edition}</td>
                    <td>{entry.rank}</td>
                    <td>{entry.scopeName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {kommune && <p><a href={hrefFor('graph', { center: kommune.id })}>Show {kommune.name} in the graph</a></p>}
          </>
        )}
      </Status>
    </section>
  );
}
