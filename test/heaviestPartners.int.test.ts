import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEAVIEST_LABEL, HEAVIEST_PER_YEAR, refreshHeaviestPartners, writeRelationships } from '../src/graph/index.js';
import { useTestApi } from './support/api.js';

// The stored heaviest commuting flows of each kommune (src/graph/heaviest.ts) against the live
// read of every flow, on the seeded graph. The stores are built first (another file reloads the
// seeds, which drops them, as any write of a flow does); tests that change one rebuild them all.

const context = useTestApi();

beforeAll(async () => {
  await refreshHeaviestPartners(context.db);
});

afterAll(async () => {
  await refreshHeaviestPartners(context.db);
});

const VIEW = `query($center: ID!, $depth: Int, $limit: Int, $relationships: [String!], $minWeight: Int, $topPartners: Int, $year: Int, $types: [EntityType!]) {
  graph(center: $center, depth: $depth, limit: $limit, relationships: $relationships, minWeight: $minWeight, topPartners: $topPartners, year: $year, types: $types) {
    nodes { id } edges { id source target type weight year } truncated } }`;

/** Views over commuting flows, each with filters that change which flows a kommune keeps. */
const VIEWS: Record<string, unknown>[] = [
  { center: 'Kommune:3024', depth: 2, limit: 500 },
  { center: 'Kommune:3006', depth: 2, limit: 500 },
  { center: 'Kommune:0301', depth: 1, limit: 200, relationships: ['COMMUTES_TO'] },
  { center: 'Kommune:3024', depth: 2, limit: 200, relationships: ['COMMUTES_TO'], minWeight: 100, topPartners: 5 },
  { center: 'Kommune:5001', depth: 2, limit: 300, relationships: ['COMMUTES_TO'], year: 2020 },
  { center: 'Kommune:4601', depth: 3, limit: 300, relationships: ['COMMUTES_TO'], minWeight: 2000, topPartners: 3 },
  { center: 'Kommune:1806', depth: 2, limit: 300, relationships: ['COMMUTES_TO'], year: 2021, topPartners: 1 },
  { center: 'Cluster:kongsberg-klyngen', depth: 2, limit: 500 },
  { center: 'Kommune:3006', depth: 2, limit: 300, types: ['KOMMUNE', 'COMPANY'] },
];

async function views(): Promise<unknown[]> {
  const answers = [];
  for (const variables of VIEWS) {
    const result = await context.api.query(VIEW, variables);
    expect(result.errors).toBeUndefined();
    answers.push(result.data);
  }
  return answers;
}

async function storeOf(kommuneId: string): Promise<{ degree: number; years: number[]; weights: number[]; partners: string[]; rels: string[] } | undefined> {
  const rows = await context.db.read<{ store: any }>(
    `MATCH (v:${HEAVIEST_LABEL} {node: $kommuneId, type: 'COMMUTES_TO'}) RETURN v {.degree, .years, .weights, .partners, .rels} AS store`,
    { kommuneId },
  );
  return rows[0]?.store;
}

describe('stored heaviest commuting flows', () => {
  it('hold each kommune\'s flows of each year, heaviest first, as many as the live read finds up to the cap', async () => {
    const [row] = await context.db.read<{ stores: number }>(`MATCH (v:${HEAVIEST_LABEL} {type: 'COMMUTES_TO'}) RETURN count(v) AS stores`);
    expect(row?.stores).toBe(356);
    const store = (await storeOf('Kommune:3024'))!;
    const live = await context.db.read<{ degree: number; heaviest: string; employed: number; flows2022: number }>(
      `MATCH (k:Kommune {id: 'Kommune:3024'})
       CALL (k) { MATCH (k)-[r:COMMUTES_TO]-() RETURN count(r) AS degree, count(CASE WHEN r.year = 2022 THEN 1 END) AS flows2022 }
       CALL (k) { MATCH (k)-[r:COMMUTES_TO {year: 2022}]-(b) RETURN b.id AS heaviest, r.employed AS employed ORDER BY r.employed DESC LIMIT 1 }
       RETURN degree, heaviest, employed, flows2022`,
    );
    expect(store.degree).toBe(live[0]!.degree);
    const of2022 = store.years.flatMap((year, i) => (year === 2022 ? [i] : []));
    expect(of2022).toHaveLength(Math.min(HEAVIEST_PER_YEAR, live[0]!.flows2022));
    expect(store.partners[of2022[0]!]).toBe(live[0]!.heaviest);
    expect(store.weights[of2022[0]!]).toBe(29502);
    expect(live[0]!.employed).toBe(29502);
    const weights = of2022.map((i) => store.weights[i]!);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
  });

  it('answer every view as the live read of every flow does', async () => {
    const stored = await views();
    await context.db.write(`MATCH (v:${HEAVIEST_LABEL}) DELETE v`);
    try {
      expect(await views()).toEqual(stored);
    } finally {
      await refreshHeaviestPartners(context.db);
    }
  });

  it('are what a view reads, and a store whose degree no longer matches its kommune is not', async () => {
    const oneHeaviest = { center: 'Kommune:3024', depth: 1, limit: 10, relationships: ['COMMUTES_TO'], year: 2022, topPartners: 1 };
    const before = await context.api.query(VIEW, oneHeaviest);
    expect(before.data.graph.nodes.map((node: { id: string }) => node.id)).toEqual(['Kommune:3024', 'Kommune:0301']);
    // Drop Bærum's heaviest flow of 2022 (to Oslo) from its store, keeping the degree: the view
    // then keeps the next heaviest, which only the store can have told it.
    const store = (await storeOf('Kommune:3024'))!;
    const first = store.years.indexOf(2022);
    const without = <T>(list: T[]) => list.filter((_, i) => i !== first);
    try {
      await context.db.write(
        `MATCH (v:${HEAVIEST_LABEL} {node: 'Kommune:3024', type: 'COMMUTES_TO'})
         SET v.years = $years, v.weights = $weights, v.partners = $partners, v.rels = $rels`,
        { years: without(store.years), weights: without(store.weights), partners: without(store.partners), rels: without(store.rels) },
      );
      const edited = await context.api.query(VIEW, oneHeaviest);
      expect(edited.data.graph.nodes.map((node: { id: string }) => node.id)).toEqual(['Kommune:3024', store.partners[first + 1]]);
      // A store counted at another degree is stale: the view reads the flows themselves again.
      await context.db.write(`MATCH (v:${HEAVIEST_LABEL} {node: 'Kommune:3024', type: 'COMMUTES_TO'}) SET v.degree = v.degree + 1`);
      expect((await context.api.query(VIEW, oneHeaviest)).data).toEqual(before.data);
    } finally {
      await refreshHeaviestPartners(context.db);
    }
    expect((await context.api.query(VIEW, oneHeaviest)).data).toEqual(before.data);
  });

  it('are dropped for both ends when the write path writes a flow, and views stay as they were', async () => {
    const before = await views();
    const [flow] = await context.db.read<{ employed: number; sourceIds: string[] }>(
      `MATCH (:Kommune {id: 'Kommune:3024'})-[r:COMMUTES_TO {year: 2022}]->(:Kommune {id: 'Kommune:0301'}) RETURN r.employed AS employed, r.sourceIds AS sourceIds`,
    );
    try {
      // The same flow again, as a seeding run writes it: nothing changes but the two stores.
      await context.db.writeTransaction((tx) => writeRelationships(tx, [{
        type: 'COMMUTES_TO', from: 'Kommune:3024', to: 'Kommune:0301', props: { year: 2022, employed: flow!.employed }, sourceIds: flow!.sourceIds,
      }]));
      expect(await storeOf('Kommune:3024')).toBeUndefined();
      expect(await storeOf('Kommune:0301')).toBeUndefined();
      expect(await storeOf('Kommune:3006')).toBeDefined();
      expect(await views()).toEqual(before);
    } finally {
      await refreshHeaviestPartners(context.db);
    }
  });
});
