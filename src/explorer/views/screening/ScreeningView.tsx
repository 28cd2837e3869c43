import { SelectField } from '../../components/SelectField';
import { Status } from '../../components/Status';
import { exportHref } from '../../lib/exportLinks';
import { metricLabel } from '../../lib/metricLabel';
import { INDICATORS_AND_FYLKER } from '../../lib/queries';
import { navigate } from '../../lib/route';
import { useQuery } from '../../lib/useQuery';
import { SCREENING, type ScreeningPair } from './queries';

/** Red for positive, blue for negative coefficients, stronger with |r|; grey without a coefficient. */
export function heatColour(coefficient: number | null): string {
  if (coefficient === null) return '#eeeeee';
  const strength = Math.min(1, Math.abs(coefficient));
  const light = Math.round(255 - strength * 175);
  return coefficient >= 0 ? `rgb(255, ${light}, ${light})` : `rgb(${light}, ${light}, 255)`;
}

function formatP(value: number | null): string {
  if (value === null) return '—';
  return value < 0.001 ? '< 0.001' : value.toFixed(3);
}

const STATISTICS = [{ value: 'SPEARMAN', label: 'Spearman ρ' }, { value: 'PEARSON', label: 'Pearson r' }];

/** Every cooperation measure against every indicator (Query.screening) as a heat map; a cell opens its scatter plot. */
export function ScreeningView({ params }: { params: URLSearchParams }) {
  const meta = useQuery(INDICATORS_AND_FYLKER, {});
  const statistic = params.get('statistic') === 'PEARSON' ? 'PEARSON' : 'SPEARMAN';
  const controlForSize = params.get('control') !== 'none';
  const fylke = params.get('fylke') ?? '';
  const yearParam = Number(params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam > 1900 ? yearParam : undefined;
  const screening = useQuery(SCREENING, {
    year: year ?? null, fylke: fylke || null, statistic, controlFor: controlForSize ? [{ kind: 'LOG_POPULATION' }] : null,
  });
  const result = screening.data?.screening;

  function update(changes: Record<string, string | undefined>) {
    navigate('screening', { statistic, control: controlForSize ? undefined : 'none', fylke, year, ...changes }, true);
  }
  function open(pair: ScreeningPair) {
    navigate('correlation', { metric: pair.metric, indicator: pair.indicator.key, year: pair.year, fylke: fylke || undefined, control: controlForSize ? 'size' : undefined });
  }

  const pairs = result?.pairs ?? [];
  const metrics = [...new Set(pairs.map((pair) => pair.metric))].sort();
  const indicators = [...new Map(pairs.map((pair) => [pair.indicator.key, pair.indicator])).values()].sort((a, b) => a.key.localeCompare(b.key));
  const cell = new Map(pairs.map((pair) => [`${pair.metric}|${pair.indicator.key}`, pair]));
  const exportParams = { statistic, fylke: fylke || undefined, year, controlFor: controlForSize ? 'LOG_POPULATION' : undefined };

  return (
    <section className="panel wide" aria-labelledby="screening-title">
      <h1 id="screening-title">Screening: every measure × every indicator</h1>
      <div className="inline wrap controls-row">
        <SelectField label="Coefficient" value={statistic} options={STATISTICS} onChange={(value) => update({ statistic: value })} />
        <SelectField
          label="Fylke"
          value={fylke}
          options={[{ value: '', label: 'All of Norway' }, ...(meta.data?.fylker ?? []).map((f) => ({ value: f.nr, label: `${f.name} (${f.nr})` }))]}
          onChange={(nr) => update({ fylke: nr })}
        />
        <label className="check">
          <input type="checkbox" checked={controlForSize} onChange={(event) => update({ control: event.target.checked ? undefined : 'none' })} />
          Control for size (log population)
        </label>
        <a href={exportHref('screening', 'csv', exportParams)} data-testid="export-screening-csv">CSV with citation</a>
        <a href={exportHref('screening', 'json', exportParams)}>JSON</a>
      </div>
      <Status loading={screening.loading} error={screening.error}>
        {result && (
          <>
            <p className="muted">
              {pairs.length} pairs, {result.tests} with a p-value; {result.partial ? `partial ${statistic === 'SPEARMAN' ? 'ρ' : 'r'} given ${result.covariates.join(', ')}` : statistic}.
              A cell shows the coefficient; * marks p &lt; 0.05 after Benjamini–Hochberg, ** after Holm. Red is positive, blue negative
              (for rank indicators a negative coefficient means better ranks). Click a cell to open its scatter plot.
            </p>
            <div style={{ overflowX: 'auto' }}>
              <table className="data compact" data-testid="screening-heatmap">
                <caption className="visually-hidden">Coefficient of each measure (rows) with each indicator (columns)</caption>
                <thead>
                  <tr>
                    <th scope="col">Measure</th>
                    {indicators.map((indicator) => <th scope="col" key={indicator.key} title={indicator.key}>{indicator.name}</th>)}
                  </tr>
                </thead>
                <tbody>
                  {metrics.map((metric) => (
                    <tr key={metric}>
                      <th scope="row">{metricLabel(metric)}</th>
                      {indicators.map((indicator) => {
                        const pair = cell.get(`${metric}|${indicator.key}`);
                        if (!pair) return <td key={indicator.key} />;
                        const stars = pair.pAdjustedHolm !== null && pair.pAdjustedHolm < 0.05 ? '**' : pair.pAdjustedBH !== null && pair.pAdjustedBH < 0.05 ? '*' : '';
                        return (
                          <td key={indicator.key} style={{ background: heatColour(pair.coefficient), padding: 0 }}>
                            <button
                              type="button"
                              className="heat-cell"
                              style={{ all: 'unset', cursor: 'pointer', display: 'block', padding: '0.3rem 0.5rem', fontVariantNumeric: 'tabular-nums' }}
                              title={`${metricLabel(metric)} × ${indicator.name} (${pair.year}): n = ${pair.n}, p = ${formatP(pair.pValue)}, BH ${formatP(pair.pAdjustedBH)}, Holm ${formatP(pair.pAdjustedHolm)}`}
                              onClick={() => open(pair)}
                            >
                              {pair.coefficient === null ? '—' : pair.coefficient.toFixed(2)}{stars}
                            </button>
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <h2>Strongest pairs</h2>
            <table className="data compact" data-testid="screening-list">
              <thead>
                <tr>
                  <th scope="col">Measure</th><th scope="col">Indicator</th><th scope="col">n</th><th scope="col">Coefficient</th>
                  <th scope="col">{Math.round((result.confidenceLevel) * 100)} % CI</th><th scope="col">p</th><th scope="col">p (BH)</th><th scope="col">p (Holm)</th><th scope="col">Warnings</th>
                </tr>
              </thead>
              <tbody>
                {pairs.slice(0, 40).map((pair) => (
                  <tr key={`${pair.metric}|${pair.indicator.key}`}>
                    <td><a href="#" onClick={(event) => { event.preventDefault(); open(pair); }}>{metricLabel(pair.metric)}</a></td>
                    <td>{pair.indicator.name} {pair.year}</td>
                    <td className="number">{pair.n}</td>
                    <td className="number">{pair.coefficient === null ? '—' : pair.coefficient.toFixed(3)}</td>
                    <td className="number">{pair.interval ? `[${pair.interval.lower.toFixed(2)}, ${pair.interval.upper.toFixed(2)}]` : '—'}</td>
                    <td className="number">{formatP(pair.pValue)}</td>
                    <td className="number">{formatP(pair.pAdjustedBH)}</td>
                    <td className="number">{formatP(pair.pAdjustedHolm)}</td>
                    <td><small>{pair.warnings.join(' ')}</small></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Status>
    </section>
  );
}
