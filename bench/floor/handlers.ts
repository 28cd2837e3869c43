import type { Driver } from 'neo4j-driver';
import type { CooperationMetric } from '../../src/generated/graphql.js';
import { assembleCorrelation } from '../../src/modules/analytics/correlation.js';
import { DEFAULT_CONFIDENCE_LEVEL } from '../../src/modules/analytics/intervals.js';
import type { MeasureSeries } from '../../src/modules/analytics/measureSeries.js';
import { measureOf, nearestYear, POPULATION_INDICATOR } from '../../src/modules/analytics/measures.js';
import { mapIndicator } from '../../src/modules/ranking/mappers.js';
import { toLuceneQuery } from '../../src/modules/common/lucene.js';
import { encodeCursor, listKey } from '../../src/modules/common/pagination.js';
import {
  findClusterMembersPage, findCorrelationInputs, findKommuneDetail, type FloorMeasure, findNeighbourhood, findRankingPage, searchEntities,
} from './repository.js';
import { kommuneProfile, screening } from './statistics.js';

/**
 * The floor's thin handlers: one Cypher round trip each, then the JSON our API answers for the
 * same operation, built by hand. The statistics use the same library functions as our API,
 * so only the database access differs.
 */
export type FloorHandler = (driver: Driver, variables: Record<string, unknown>) => Promise<unknown>;

const TYPE_LABELS = ['Fylke', 'Kommune', 'CommutingRegion', 'Company', 'Cluster', 'School', 'Event', 'Initiative', 'Collaboration', 'Indicator', 'RankingEntry', 'Project', 'Organisation'];
const typeOf = (labels: readonly string[]) => TYPE_LABELS.find((label) => labels.includes(label)) ?? 'Kommune';
const enumOf = (type: string) => type.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
/** Our cursors (src/modules/common/pagination.ts): the list's key, the sort value and the id, so the floor's JSON is ours byte for byte. */
function page<T>(list: string, rows: T[], first: number, keyOf: (row: T) => [string | number | null, string]) {
  const edges = rows.slice(0, first).map((node) => {
    const [sortValue, id] = keyOf(node);
    return { cursor: encodeCursor(list, { sortValue, id }), node };
  });
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}

/** Relationship types keyed by a property besides their ends (the model's `keyedBy`): their edge ids end in `#<year>`. */
const KEYED_BY_YEAR = new Set(['COMMUTES_TO', 'HAS_VALUE']);

/** The graph view as ours answers it: nodes nearest first, edges unique by id and sorted by it. */
async function neighbourhood(driver: Driver, request: Parameters<typeof findNeighbourhood>[1]) {
  if (request.depth !== 1 && request.depth !== 2) throw new Error('The floor walks one or two hops, as the benchmark asks.');
  const row = (await findNeighbourhood(driver, request))[0];
  if (!row) throw new Error(`No entity has the id "${request.center}"`);
  const edges = new Map<string, { id: string; source: string; target: string; type: string; weight: number | null }>();
  for (const { source, target, type, weight, year } of row.edges) {
    const id = `${source}-${type}->${target}${KEYED_BY_YEAR.has(type) ? `#${year ?? 'null'}` : ''}`;
    edges.set(id, { id, source, target, type, weight });
  }
  return {
    nodes: row.nodes.map((node) => ({ id: node.id, type: enumOf(typeOf(node.labels)), label: node.name ?? node.id })),
    edges: [...edges.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    truncated: row.truncated,
  };
}

/** How the floor reads each measure a benchmark correlation asks for, by the measure's declaration. */
function floorMeasure(metric: CooperationMetric): FloorMeasure {
  const { computation } = measureOf(metric);
  if (computation.kind === 'count' && computation.count === 'companies' && !computation.per) return { kind: 'curatedCompanies' };
  if (computation.kind === 'indicator') return { kind: 'indicator', key: computation.key };
  throw new Error(`The floor has no hand-written read of ${metric}.`);
}

const byKommune = (rows: readonly { kommuneId: string; value: number | null }[]) =>
  new Map(rows.flatMap((row) => (row.value !== null && Number.isFinite(row.value) ? [[row.kommuneId, row.value] as const] : [])));

/**
 * `correlation(metric, indicator, year, controlFor: LOG_POPULATION)`: one statement, then the
 * same assembly (coefficients, partial, warnings) as ours.
 */
async function correlation(driver: Driver, variables: Record<string, unknown>) {
  const metric = variables.metric as CooperationMetric;
  const year = Number(variables.year);
  const row = (await findCorrelationInputs(driver, floorMeasure(metric), String(variables.indicator), year))[0];
  if (!row) throw new Error(`No indicator has the key "${String(variables.indicator)}"`);
  const definition = measureOf(metric);
  const measureYears = definition.computation.kind === 'indicator' ? [...row.measureYears].sort((a, b) => a - b) : [...definition.years];
  if (measureYears.length === 0) throw new Error(`${metric} holds no figures`);
  const measure: MeasureSeries = {
    definition, years: measureYears, year: definition.computation.kind === 'indicator' ? row.measureYear : nearestYear(measureYears, year),
    populationYear: null, values: byKommune(row.measure),
  };
  if (row.populationYear === null) throw new Error('No population is held');
  const population = [...byKommune(row.population)].filter(([, value]) => value > 0);
  const record = assembleCorrelation({
    metric, indicator: mapIndicator(row.indicator), year, measure,
    series: row.series.filter((point): point is typeof point & { value: number } => point.value !== null && Number.isFinite(point.value)),
    scope: row.kommuner, fylkeNr: null, confidenceLevel: DEFAULT_CONFIDENCE_LEVEL,
    covariates: [{
      used: { kind: 'LOG_POPULATION', indicator: POPULATION_INDICATOR, year: row.populationYear, label: `log population ${row.populationYear}` },
      values: new Map(population.map(([id, value]) => [id, Math.log(value)])),
    }],
  });
  const names = new Map(row.kommuner.map((k) => [k.kommuneId, k.name]));
  const { partial } = record;
  return {
    record,
    partial: partial && { covariates: partial.covariates, n: partial.n, pearson: partial.pearson, spearman: partial.spearman, pValue: partial.pValue },
    points: record.points.map((point) => ({ kommune: { id: point.kommuneId, name: names.get(point.kommuneId) }, x: point.x, y: point.y })),
  };
}

export const FLOOR_HANDLERS: Record<string, FloorHandler> = {
  async KommuneDetail(driver, { nr }) {
    const row = (await findKommuneDetail(driver, String(nr), 20))[0];
    if (!row) return { kommune: null };
    return {
      kommune: {
        ...row.kommune,
        fylke: row.fylke,
        rankings: row.rankings,
        clusters: row.clusters,
        companies: page(listKey('Kommune.companies', { kommune: row.kommune.id }), row.companies, 20, (c) => [c.name, c.id]),
      },
    };
  },

  async RankingPage(driver, { indicator, edition }) {
    const row = (await findRankingPage(driver, String(indicator), Number(edition), 50))[0];
    if (!row) throw new Error(`No indicator has the key "${String(indicator)}"`);
    return { indicator: row.indicator, ranking: page(listKey('ranking', { indicator, edition, level: 'KOMMUNE' }), row.entries, 50, (e) => [e.rank, e.id]) };
  },

  async ClusterMembersPage(driver, { id, first, after }) {
    const size = Number(first);
    const keyset = typeof after === 'string' ? JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as [string, string, string] : null;
    const row = (await findClusterMembersPage(driver, String(id), size, keyset && { name: keyset[1], id: keyset[2] }))[0];
    if (!row) return { node: null };
    const members = page(listKey('Cluster.membersConnection', { cluster: row.id }), row.members, size, (m) => [m.name, m.id]);
    return {
      node: {
        id: row.id,
        name: row.name,
        memberCount: row.memberCount,
        membersConnection: { ...members, edges: members.edges.map((edge) => ({ ...edge, node: { __typename: typeOf(edge.node.labels), id: edge.node.id, name: edge.node.name } })) },
      },
    };
  },

  async Graph(driver, { center, depth, limit }) {
    const view = await neighbourhood(driver, { center: String(center), depth: Number(depth), limit: Number(limit), types: null, minWeight: null, topPartners: 10 });
    return { graph: { ...view, edges: view.edges.map(({ id, source, target, type }) => ({ id, source, target, type })) } };
  },

  async CommutingNeighbourhood(driver, { center, depth, minWeight, topPartners }) {
    const view = await neighbourhood(driver, {
      center: String(center), depth: Number(depth), limit: 200, types: ['COMMUTES_TO'], minWeight: Number(minWeight), topPartners: Number(topPartners),
    });
    return { graph: view };
  },

  async Correlation(driver, variables) {
    const { record, partial, points } = await correlation(driver, variables);
    const { n, pearson, spearman, pValue, spearmanPValue, slope, intercept, higherIsBetter, note } = record;
    return { correlation: { n, pearson, spearman, pValue, spearmanPValue, slope, intercept, higherIsBetter, note, partial, points } };
  },

  async CommutingCorrelation(driver, variables) {
    const { record, partial, points } = await correlation(driver, variables);
    const { n, pearson, spearman, pValue, spearmanPValue, pValueMethod, slope, intercept, metricYear, pearsonInterval } = record;
    return {
      correlation: {
        n, pearson, spearman, pValue, spearmanPValue, pValueMethod, slope, intercept, metricYear, pearsonInterval,
        warnings: record.warnings.map((warning) => ({ code: warning.code })), partial, points,
      },
    };
  },

  Screening: screening,
  KommuneProfile: kommuneProfile,

  async Search(driver, { text, first }) {
    const lucene = toLuceneQuery(String(text));
    if (!lucene) return { search: [] };
    const rows = await searchEntities(driver, lucene, Number(first ?? 20));
    return { search: rows.map((row) => ({ id: row.id, type: enumOf(typeOf(row.labels)), label: row.name ?? row.id, score: row.score })) };
  },
};
