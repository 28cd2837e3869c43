import type { ApolloServer } from '@apollo/server';
import { stringify } from 'csv-stringify/sync';
import { Router, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Context } from '../context.js';

/**
 * Downloads researchers can load: every correlation, screening and kommune profile as CSV
 * (UTF-8 without BOM, text quoted so kommune numbers keep their leading zeros, a `#` citation
 * block on top) or JSON (the same data with the citation as an object). Each route runs the
 * GraphQL query it documents through Apollo, so limits, validation, errors and access are the
 * API's own. Columns: docs/statistics.md.
 */

interface CitedSource {
  title: string;
  publisher: string;
  url: string | null;
}

interface ExportTable {
  citation: { sources: CitedSource[]; query: string; variables: Record<string, unknown>; summary: string[] };
  columns: string[];
  rows: Record<string, unknown>[];
  result: unknown;
}

const SOURCE = 'title publisher url';

const CORRELATION = `query ExportCorrelation($metric: CooperationMetric!, $indicator: String!, $year: Int!, $metricYear: Int, $fylke: String, $controlFor: [Covariate!], $confidenceLevel: Float) {
  correlation(metric: $metric, indicator: $indicator, year: $year, metricYear: $metricYear, fylke: $fylke, controlFor: $controlFor, confidenceLevel: $confidenceLevel) {
    metric year metricYear n pearson spearman pValue spearmanPValue pValueMethod permutations confidenceLevel slope intercept higherIsBetter
    pearsonInterval { lower upper level method } spearmanInterval { lower upper level method }
    ties { x y } series { role name year } warnings { code message }
    coverage { universe kommuner measured year populationYear source { ${SOURCE} } }
    indicator { key name unit sources { ${SOURCE} } }
    partial { covariates n pearson spearman pValue spearmanPValue pValueMethod pearsonInterval { lower upper level method } spearmanInterval { lower upper level method } }
    points { kommune { nr name } x y }
  }
}`;

const SCREENING = `query ExportScreening($metrics: [CooperationMetric!], $indicators: [String!], $year: Int, $fylke: String, $controlFor: [Covariate!], $statistic: ScreeningStatistic, $confidenceLevel: Float) {
  screening(metrics: $metrics, indicators: $indicators, year: $year, fylke: $fylke, controlFor: $controlFor, statistic: $statistic, confidenceLevel: $confidenceLevel) {
    statistic partial covariates confidenceLevel year tests
    pairs {
      metric metricYear indicator { key sources { ${SOURCE} } } year n coefficient interval { lower upper level method }
      pValue pValueMethod pAdjustedBH pAdjustedHolm pearson spearman higherIsBetter universe warnings
    }
  }
  cooperationMeasures { metric source { ${SOURCE} } }
}`;

const STANDING = 'n rank percentile min q1 median q3 max';
const PROFILE = `query ExportProfile($kommune: String!, $year: Int, $peerFactor: Float) {
  kommuneProfile(kommune: $kommune, year: $year, peerFactor: $peerFactor) {
    kommune { nr name }
    peerGroup { definition population populationYear lowerBound upperBound factor size kommuneNrs }
    measures { key year value higherIsBetter universe all { ${STANDING} } peers { ${STANDING} } }
    indicators { key year value higherIsBetter indicator { sources { ${SOURCE} } } all { ${STANDING} } peers { ${STANDING} } }
    residuals { metric indicator { key } year metricYear populationYear n observed predicted residual standardisedResidual rank percentile rSquared }
  }
  cooperationMeasures { metric source { ${SOURCE} } }
}`;

function list(value: unknown): string[] | undefined {
  return typeof value === 'string' && value !== '' ? value.split(',').map((part) => part.trim()).filter(Boolean) : undefined;
}

function integer(value: unknown): number | undefined {
  return typeof value === 'string' && value !== '' ? Number(value) : undefined;
}

/** `controlFor=LOG_POPULATION,NEIGHBOURS,INDICATOR:udir/grunnskolepoeng:2019` → Covariate inputs. */
function covariates(value: unknown): Record<string, unknown>[] | undefined {
  return list(value)?.map((item) => {
    const [kind, indicator, year] = item.split(':');
    return { kind, ...(indicator ? { indicator } : {}), ...(year ? { year: Number(year) } : {}) };
  });
}

function uniqueSources(sources: readonly (CitedSource | null | undefined)[]): CitedSource[] {
  const seen = new Map<string, CitedSource>();
  for (const source of sources) if (source) seen.set(`${source.title}|${source.url ?? ''}`, { title: source.title, publisher: source.publisher, url: source.url ?? null });
  return [...seen.values()];
}

const fmt = (value: unknown) => (value === null || value === undefined ? '' : value);

function correlationTable(data: any, variables: Record<string, unknown>): Omit<ExportTable, 'result'> {
  const c = data.correlation;
  const summary = [
    `${c.metric} (${c.metricYear ?? 'undated'}) vs ${c.indicator.key} (${c.year}): n = ${c.n}, Pearson r = ${c.pearson}, Spearman rho = ${c.spearman}`,
    `p (r) = ${c.pValue}, p (rho) = ${c.spearmanPValue}, method ${c.pValueMethod ?? 'none'}; ${c.confidenceLevel * 100} % CI r [${c.pearsonInterval?.lower}, ${c.pearsonInterval?.upper}], rho [${c.spearmanInterval?.lower}, ${c.spearmanInterval?.upper}]`,
    ...(c.partial ? [`partial given ${c.partial.covariates.join(', ')}: n = ${c.partial.n}, r = ${c.partial.pearson}, rho = ${c.partial.spearman}, p (r) = ${c.partial.pValue}, p (rho) = ${c.partial.spearmanPValue}`] : []),
    ...c.warnings.map((w: any) => `warning ${w.code}: ${w.message}`),
  ];
  return {
    citation: { sources: uniqueSources([c.coverage.source, ...c.indicator.sources]), query: CORRELATION, variables, summary },
    columns: ['kommune_nr', 'kommune_name', 'metric', 'metric_year', 'x', 'indicator', 'indicator_year', 'y'],
    rows: c.points.map((p: any) => ({
      kommune_nr: p.kommune.nr, kommune_name: p.kommune.name, metric: c.metric, metric_year: fmt(c.metricYear), x: p.x,
      indicator: c.indicator.key, indicator_year: c.year, y: p.y,
    })),
  };
}

function screeningTable(data: any, variables: Record<string, unknown>): Omit<ExportTable, 'result'> {
  const s = data.screening;
  const used = new Set(s.pairs.map((p: any) => p.metric));
  return {
    citation: {
      sources: uniqueSources([
        ...data.cooperationMeasures.filter((m: any) => used.has(m.metric)).map((m: any) => m.source),
        ...s.pairs.flatMap((p: any) => p.indicator.sources),
      ]),
      query: SCREENING, variables,
      summary: [`${s.pairs.length} pairs, ${s.tests} with a p-value; statistic ${s.statistic}${s.partial ? ` (partial, given ${s.covariates.join(', ')})` : ''}; p adjusted over the ${s.tests}.`],
    },
    columns: [
      'metric', 'metric_year', 'indicator', 'indicator_year', 'n', 'statistic', 'coefficient', 'ci_lower', 'ci_upper', 'ci_level', 'ci_method',
      'p_value', 'p_value_method', 'p_adjusted_bh', 'p_adjusted_holm', 'pearson', 'spearman', 'higher_is_better', 'universe', 'warnings',
    ],
    rows: s.pairs.map((p: any) => ({
      metric: p.metric, metric_year: fmt(p.metricYear), indicator: p.indicator.key, indicator_year: p.year, n: p.n,
      statistic: s.partial ? `partial ${s.statistic}` : s.statistic, coefficient: fmt(p.coefficient),
      ci_lower: fmt(p.interval?.lower), ci_upper: fmt(p.interval?.upper), ci_level: fmt(p.interval?.level), ci_method: fmt(p.interval?.method),
      p_value: fmt(p.pValue), p_value_method: fmt(p.pValueMethod), p_adjusted_bh: fmt(p.pAdjustedBH), p_adjusted_holm: fmt(p.pAdjustedHolm),
      pearson: fmt(p.pearson), spearman: fmt(p.spearman), higher_is_better: p.higherIsBetter, universe: p.universe, warnings: p.warnings.join(';'),
    })),
  };
}

function profileTable(data: any, variables: Record<string, unknown>): Omit<ExportTable, 'result'> {
  const p = data.kommuneProfile;
  const standing = (prefix: string, s: any) => Object.fromEntries(['n', 'rank', 'percentile', 'min', 'q1', 'median', 'q3', 'max'].map((k) => [`${prefix}_${k}`, fmt(s?.[k])]));
  const base = { kommune_nr: p.kommune.nr, kommune_name: p.kommune.name };
  const rows = [
    ...p.measures.map((m: any) => ({ ...base, kind: 'measure', key: m.key, year: fmt(m.year), value: fmt(m.value), higher_is_better: m.higherIsBetter, ...standing('all', m.all), ...standing('peers', m.peers) })),
    ...p.indicators.map((m: any) => ({ ...base, kind: 'indicator', key: m.key, year: fmt(m.year), value: fmt(m.value), higher_is_better: m.higherIsBetter, ...standing('all', m.all), ...standing('peers', m.peers) })),
    ...p.residuals.map((r: any) => ({
      ...base, kind: 'residual', key: `${r.indicator.key} ~ ${r.metric} + log population`, year: r.year, value: fmt(r.residual),
      higher_is_better: true, ...standing('all', { n: r.n, rank: r.rank, percentile: r.percentile }), ...standing('peers', null),
    })),
  ];
  const columns = ['kommune_nr', 'kommune_name', 'kind', 'key', 'year', 'value', 'higher_is_better',
    ...['all', 'peers'].flatMap((prefix) => ['n', 'rank', 'percentile', 'min', 'q1', 'median', 'q3', 'max'].map((k) => `${prefix}_${k}`))];
  return {
    citation: {
      sources: uniqueSources([...data.cooperationMeasures.map((m: any) => m.source), ...p.indicators.flatMap((m: any) => m.indicator.sources)]),
      query: PROFILE, variables,
      summary: [`Peers: ${p.peerGroup.definition} (${p.peerGroup.size} kommuner: ${p.peerGroup.kommuneNrs.join(' ')}).`],
    },
    columns,
    rows,
  };
}

const EXPORTS: Record<string, { query: string; variables: (q: Request['query']) => Record<string, unknown>; table: typeof correlationTable }> = {
  correlation: {
    query: CORRELATION,
    variables: (q) => ({
      metric: q.metric, indicator: q.indicator, year: integer(q.year), metricYear: integer(q.metricYear), fylke: q.fylke || undefined,
      controlFor: covariates(q.controlFor), confidenceLevel: integer(q.confidenceLevel),
    }),
    table: correlationTable,
  },
  screening: {
    query: SCREENING,
    variables: (q) => ({
      metrics: list(q.metrics), indicators: list(q.indicators), year: integer(q.year), fylke: q.fylke || undefined,
      controlFor: covariates(q.controlFor), statistic: q.statistic || undefined, confidenceLevel: integer(q.confidenceLevel),
    }),
    table: screeningTable,
  },
  profile: {
    query: PROFILE,
    variables: (q) => ({ kommune: q.kommune, year: integer(q.year), peerFactor: integer(q.peerFactor) }),
    table: profileTable,
  },
};

/** The CSV: the citation as `#` lines (pandas `comment='#'`, R `comment.char = "#"`), then the header and rows. */
function toCsv(table: Omit<ExportTable, 'result'>, url: string): string {
  const comment = [
    `# Regional cooperation graph export: ${url}`,
    `# Retrieved ${new Date().toISOString()}`,
    ...table.citation.summary.map((line) => `# ${line}`),
    '# Sources:',
    ...table.citation.sources.map((s) => `#   ${s.publisher}: ${s.title}${s.url ? ` <${s.url}>` : ''}`),
  ].map((line) => line.replace(/[\r\n]+/g, ' ')).join('\n');
  return `${comment}\n${stringify(table.rows, { header: true, columns: table.columns, quoted_string: true, record_delimiter: 'unix' })}`;
}

/**
 * GET /export/{correlation,screening,profile}.{csv,json}: query parameters as the GraphQL
 * arguments (lists comma-separated; `controlFor=LOG_POPULATION,INDICATOR:key:year`).
 */
export function exportRouter(
  apollo: ApolloServer<Context>, requestContext: (req: Request, res: Response) => Promise<Context>,
): Router {
  const router = Router();
  router.get('/export/:name.:format', async (req: Request, res: Response) => {
    const name = String(req.params.name);
    const format = String(req.params.format);
    const spec = EXPORTS[name];
    if (!spec || (format !== 'csv' && format !== 'json')) {
      res.status(404).json({ errors: [{ message: `No export ${name}.${format}; exports: ${Object.keys(EXPORTS).map((n) => `${n}.csv, ${n}.json`).join(', ')}.`, extensions: { code: 'NOT_FOUND' } }] });
      return;
    }
    let contextValue: Context;
    try {
      // The same gate as /graphql: token, rate limit, the client's in-flight slot.
      contextValue = await requestContext(req, res);
    } catch (error) {
      const refusal = error instanceof GraphQLError ? error : null;
      const http = refusal?.extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
      for (const [header, value] of http?.headers ?? []) res.setHeader(header, value);
      const { http: _http, ...extensions } = refusal?.extensions ?? { code: 'UNAUTHENTICATED' };
      res.status(http?.status ?? 401).json({ errors: [{ message: error instanceof Error ? error.message : String(error), extensions }] });
      return;
    }
    const variables = Object.fromEntries(Object.entries(spec.variables(req.query)).filter(([, v]) => v !== undefined));
    const response = await apollo.executeOperation({ query: spec.query, variables }, { contextValue });
    const body = response.body.kind === 'single' ? response.body.singleResult : null;
    if (!body || body.errors?.length || !body.data) {
      res.status(400).json({ errors: body?.errors ?? [{ message: 'No result.' }] });
      return;
    }
    const table = spec.table(body.data, variables);
    const url = req.originalUrl;
    if (format === 'json') {
      res.json({ citation: { ...table.citation, retrieved: new Date().toISOString(), url }, columns: table.columns, rows: table.rows, result: body.data });
      return;
    }
    res.type('text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="${name}.csv"`);
    res.send(toCsv(table, url));
  });
  return router;
}
