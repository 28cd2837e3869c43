import { useCallback } from 'react';
import { SelectField } from '../../components/SelectField';
import { Status } from '../../components/Status';
import { downloadCsv } from '../../lib/download';
import { exportHref } from '../../lib/exportLinks';
import { metricLabel } from '../../lib/metricLabel';
import { COOPERATION_METRICS, CORRELATION, INDICATORS_AND_FYLKER, type CooperationMetric, type CorrelationResult } from '../../lib/queries';
import { hrefFor, navigate } from '../../lib/route';
import { useQuery } from '../../lib/useQuery';
import { ScatterPlot } from './ScatterPlot';

// A measure of every kommune against a competence share of every kommune: the default scatter has all 356 points.
const DEFAULT_METRIC: CooperationMetric = 'COMMUTING_PARTNERS';
const DEFAULT_INDICATORS = ['ssb/long-higher-education-share', 'ssb/higher-education-share', 'kommune-nm/kompetanse'];

const LEVELS = [0.9, 0.95, 0.99];

const METRIC_OPTIONS = COOPERATION_METRICS.map((candidate) => ({ value: candidate, label: metricLabel(candidate) }));

function formatStat(value: number | null, digits = 3): string {
  return value === null ? '—' : value.toFixed(digits);
}

function formatP(value: number | null): string {
  if (value === null) return '—';
  return value < 0.001 ? '< 0.001' : value.toFixed(3);
}

interface Interval { lower: number; upper: number; level: number }

/** "[0.12, 0.48]", or a dash when the interval is undefined (fewer than 4 points). */
export function formatInterval(interval: Interval | null | undefined): string {
  return interval ? `[${interval.lower.toFixed(3)}, ${interval.upper.toFixed(3)}]` : '—';
}

const P_METHOD_LABEL: Record<string, string> = {
  EXACT_PERMUTATION: 'exact permutation',
  MONTE_CARLO_PERMUTATION: 'Monte Carlo permutation',
  T_APPROXIMATION: 't approximation',
};

function Summary({ result }: { result: CorrelationResult }) {
  const level = `${Math.round(result.confidenceLevel * 1000) / 10} %`;
  return (
    <>
      <dl className="stats" data-testid="correlation-stats">
        <div><dt>n</dt><dd>{result.n}</dd></div>
        <div><dt>Pearson r</dt><dd>{formatStat(result.pearson)}</dd></div>
        <div><dt>{level} CI (r)</dt><dd data-testid="pearson-interval">{formatInterval(result.pearsonInterval)}</dd></div>
        <div><dt>p (r)</dt><dd>{formatP(result.pValue)}</dd></div>
        <div><dt>Spearman ρ</dt><dd>{formatStat(result.spearman)}</dd></div>
        <div><dt>{level} CI (ρ)</dt><dd data-testid="spearman-interval">{formatInterval(result.spearmanInterval)}</dd></div>
        <div><dt>p (ρ)</dt><dd>{formatP(result.spearmanPValue)}</dd></div>
        <div><dt>p-values by</dt><dd>{result.pValueMethod ? P_METHOD_LABEL[result.pValueMethod] : 'none (too few kommuner)'}</dd></div>
        {result.slope !== null && (
          <div><dt>Line</dt><dd>y = {result.slope.toPrecision(3)}·x + {formatStat(result.intercept, 2)}</dd></div>
        )}
      </dl>
      {result.partial && (
        <p>
          Controlling for {result.partial.covariates.join(', ')}: partial r = {formatStat(result.partial.pearson)}{' '}
          {formatInterval(result.partial.pearsonInterval)}, p = {formatP(result.partial.pValue)}; partial ρ ={' '}
          {formatStat(result.partial.spearman)} {formatInterval(result.partial.spearmanInterval)}, p = {formatP(result.partial.spearmanPValue)};
          n = {result.partial.n} (every variable ranked for ρ).
        </p>
      )}
      <p className="muted">
        {result.higherIsBetter
          ? 'A higher value of the indicator is better, so a positive r means more cooperation goes with better values.'
          : 'Rank 1 is best, so a negative r means more cooperation goes with better ranks (drawn higher up).'}
      </p>
      <p className="coverage" data-testid="coverage">
        Coverage: {result.coverage.universe === 'ALL_KOMMUNER' ? 'every kommune (a zero is measured)' : 'curated kommuner only'}
        {' '}— {result.coverage.measured} of {result.coverage.kommuner} kommuner measured
        {result.metricYear !== null && result.metricYear !== undefined ? `, metric year ${result.metricYear}` : ''}
        {result.coverage.populationYear ? `, population ${result.coverage.populationYear}` : ''}; source: {result.coverage.source.publisher}.
      </p>
      <p className="muted" data-testid="series-years">
        Years: {result.series.map((series) => `${series.name} ${series.year ?? '(undated)'}`).join(' · ')}
      </p>
      {result.warnings.length > 0 && (
        <ul className="warnings" data-testid="warnings">
          {result.warnings.map((warning) => <li key={warning.code}><code>{warning.code}</code> {warning.message}</li>)}
        </ul>
      )}
    </>
  );
}

/** Cooperation metrics against indicators over kommuner (Query.correlation). */
export function CorrelationView({ params }: { params: URLSearchParams }) {
  const meta = useQuery(INDICATORS_AND_FYLKER, {});
  const indicators = meta.data?.indicators ?? [];

  const metric = COOPERATION_METRICS.find((candidate) => candidate === params.get('metric')) ?? DEFAULT_METRIC;
  const indicator = indicators.find((candidate) => candidate.key === params.get('indicator'))
    ?? DEFAULT_INDICATORS.map((key) => indicators.find((candidate) => candidate.key === key)).find(Boolean)
    ?? indicators[0];
  const yearParam = Number(params.get('year'));
  const year = indicator?.years.includes(yearParam) ? yearParam : indicator?.years.at(-1);
  const fylke = params.get('fylke') ?? '';
  const controlForSize = params.get('control') === 'size';
  const confidenceLevel = LEVELS.includes(Number(params.get('level'))) ? Number(params.get('level')) : 0.95;

  const correlation = useQuery(
    CORRELATION,
    {
      metric,
      indicator: indicator?.key,
      year,
      fylke: fylke || null,
      controlFor: controlForSize ? [{ kind: 'LOG_POPULATION' }] : null,
      confidenceLevel,
    },
    !indicator || year === undefined,
  );
  const result = correlation.data?.correlation;

  function update(changes: Record<string, string | number | undefined>) {
    const current = { metric, indicator: indicator?.key, year, fylke, control: controlForSize ? 'size' : undefined, level: confidenceLevel === 0.95 ? undefined : confidenceLevel };
    navigate('correlation', { ...current, ...changes }, true);
  }

  const exportParams = {
    metric, indicator: indicator?.key, year, fylke: fylke || undefined,
    controlFor: controlForSize ? 'LOG_POPULATION' : undefined, confidenceLevel: confidenceLevel === 0.95 ? undefined : confidenceLevel,
  };
  const openKommune = useCallback((id: string) => navigate('graph', { center: id }), []);
  const xLabel = metricLabel(metric);

  function exportCsv() {
    if (!result) return;
    downloadCsv(
      `correlation-${result.metric}-${result.indicator.key.replace(/\W+/g, '-')}-${result.year}${fylke ? `-fylke-${fylke}` : ''}.csv`,
      result.points.map((point) => ({ kommuneNr: point.kommune.nr, kommune: point.kommune.name, [result.metric]: point.x, [result.indicator.key]: point.y })),
    );
  }

  return (
    <section className="panel wide" aria-labelledby="correlation-title">
      <h1 id="correlation-title">Cooperation vs competence</h1>
      <Status loading={meta.loading} error={meta.error} />
      {indicator && (
        <div className="inline wrap controls-row">
          <SelectField label="Cooperation metric (x)" value={metric} options={METRIC_OPTIONS} onChange={(value) => update({ metric: value })} />
          <SelectField
            label="Indicator (y)"
            value={indicator.key}
            options={indicators.map((candidate) => ({ value: candidate.key, label: candidate.name }))}
            onChange={(key) => update({ indicator: key, year: undefined })}
          />
          <SelectField
            label={indicator.kind === 'RANK' ? 'Edition' : 'Year'}
            value={String(year ?? '')}
            options={[...indicator.years].reverse().map((candidate) => ({ value: String(candidate), label: String(candidate) }))}
            onChange={(value) => update({ year: value })}
          />
          <SelectField
            label="Fylke"
            value={fylke}
            options={[{ value: '', label: 'All of Norway' }, ...(meta.data?.fylker ?? []).map((f) => ({ value: f.nr, label: `${f.name} (${f.nr})` }))]}
            onChange={(nr) => update({ fylke: nr })}
          />
          <label className="check">
            <input type="checkbox" checked={controlForSize} onChange={(event) => update({ control: event.target.checked ? 'size' : undefined })} />
            Control for size (log population)
          </label>
          <SelectField
            label="Confidence level"
            value={String(confidenceLevel)}
            options={LEVELS.map((candidate) => ({ value: String(candidate), label: `${candidate * 100} %` }))}
            onChange={(value) => update({ level: value })}
          />
          <button type="button" onClick={exportCsv} disabled={!result || result.points.length === 0}>Export CSV</button>
          {year !== undefined && (
            <>
              <a href={exportHref('correlation', 'csv', exportParams)} data-testid="export-correlation-csv">CSV with citation</a>
              <a href={exportHref('correlation', 'json', exportParams)}>JSON</a>
            </>
          )}
        </div>
      )}
      <Status loading={correlation.loading} error={correlation.error}>
        {result && (
          <div className="correlation">
            <div>
              <Summary result={result} />
              <ScatterPlot result={result} xLabel={xLabel} onOpenKommune={openKommune} />
              <p className="muted">Hover a point to see its kommune; click it to open the kommune in the graph.</p>
            </div>
            <details className="points">
              <summary>Points ({result.points.length})</summary>
              <table className="data compact">
                <caption className="visually-hidden">One row per kommune</caption>
                <thead>
                  <tr><th scope="col">Kommune</th><th scope="col">{xLabel}</th><th scope="col">{result.indicator.name}</th></tr>
                </thead>
                <tbody>
                  {result.points.map((point) => (
                    <tr key={point.kommune.id}>
                      <td><a href={hrefFor('graph', { center: point.kommune.id })}>{point.kommune.name}</a></td>
                      <td className="number">{point.x.toLocaleString('en-GB')}</td>
                      <td className="number">{point.y.toLocaleString('en-GB')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </div>
        )}
      </Status>
    </section>
  );
}
