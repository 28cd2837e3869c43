import type { Driver } from 'neo4j-driver';
import { correlate, partialCorrelate } from '../../src/modules/analytics/statistics.js';
import { toLuceneQuery } from '../../src/modules/common/lucene.js';
import { encodeCursor, listKey } from '../../src/modules/common/pagination.js';
import {
  findClusterMembersPage, findCompaniesVersusRank, findKommuneDetail, findNeighbourhood, findRankingPage, searchEntities,
} from './repository.js';

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
    if (depth !== 2) throw new Error('The floor walks exactly two hops, as the benchmark asks.');
    const row = (await findNeighbourhood(driver, String(center), Number(limit)))[0];
    if (!row) throw new Error(`No entity has the id "${String(center)}"`);
    return {
      graph: {
        nodes: row.nodes.map((node) => ({ id: node.id, type: enumOf(typeOf(node.labels)), label: node.name ?? node.id })),
        edges: row.edges.map((edge) => ({ id: `${edge.source}-${edge.type}->${edge.target}`, ...edge })),
        truncated: row.truncated,
      },
    };
  },

  async Correlation(driver, { indicator, year }) {
    const rows = await findCompaniesVersusRank(driver, String(indicator), Number(year));
    const points = rows.map((row) => ({ kommune: { id: row.kommuneId, name: row.name }, x: row.x, y: row.y }));
    const coefficients = correlate(points.map((p) => p.x), points.map((p) => p.y));
    const notes = [coefficients.note];
    if (rows[0]?.kind === 'RANK' && rows.length < 356) {
      notes.push(`Only ${rows.length} of 356 kommuner have a published rank for this edition; the sample is the published (mostly top) ranks, not a random one.`);
    }
    const conflicting = rows.filter((row) => row.claims > 1).length;
    if (conflicting > 0) notes.push(`${conflicting} kommune(r) have conflicting published ranks; the claim with most sources (then the better rank) was used.`);
    const complete = rows.filter((row) => row.population !== null && row.population > 0);
    const partial = partialCorrelate(complete.map((r) => r.x), complete.map((r) => r.y), complete.map((r) => [Math.log(r.population!)]));
    return {
      correlation: {
        ...coefficients,
        higherIsBetter: rows[0]?.kind !== 'RANK',
        note: notes.filter(Boolean).join(' ') || null,
        partial: { covariates: [`log population ${rows[0]?.populationYear}`], n: partial.n, pearson: partial.pearson, spearman: partial.spearman, pValue: partial.pValue },
        points,
      },
    };
  },

  async Search(driver, { text, first }) {
    const lucene = toLuceneQuery(String(text));
    if (!lucene) return { search: [] };
    const rows = await searchEntities(driver, lucene, Number(first ?? 20));
    return { search: rows.map((row) => ({ id: row.id, type: enumOf(typeOf(row.labels)), label: row.name ?? row.id, score: row.score })) };
  },
};
