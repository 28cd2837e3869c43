import { describe, expect, it } from 'vitest';
import { countedQuery, useTestApi } from './support/api.js';

// Round trips, not time: a graph view is one Cypher statement however many nodes it keeps, as a
// hand-written walk would be. Reads the seeded graph only.

const context = useTestApi();

const counted = (query: string, variables?: Record<string, unknown>) => countedQuery(context, query, variables);

const VIEW = `query($center: ID!, $depth: Int, $limit: Int) { graph(center: $center, depth: $depth, limit: $limit) {
  nodes { id type label } edges { id source target type } truncated } }`;

const COMMUTING = `query($center: ID!, $depth: Int, $minWeight: Int, $topPartners: Int) {
  graph(center: $center, depth: $depth, relationships: ["COMMUTES_TO"], minWeight: $minWeight, topPartners: $topPartners, limit: 200) {
    nodes { id type label } edges { id source target type weight year } truncated } }`;

describe('graph view round trips', () => {
  it('graph(center: "Kommune:3006", depth: 2, limit: 500) is one statement', async () => {
    const { data, statements } = await counted(VIEW, { center: 'Kommune:3006', depth: 2, limit: 500 });
    expect(statements).toHaveLength(1);
    expect(data.graph.nodes.length).toBeGreaterThan(50);
    expect(data.graph.nodes[0].id).toBe('Kommune:3006');
  });

  it('graph(center: a cluster, depth: 2, limit: 500) is one statement', async () => {
    const { data, statements } = await counted(VIEW, { center: 'Cluster:kongsberg-klyngen', depth: 2, limit: 500 });
    expect(statements).toHaveLength(1);
    expect(data.graph.edges.length).toBeGreaterThan(0);
  });

  it('the commuting neighbourhood of Kommune:3024 (depth 2, minWeight, topPartners) is one statement', async () => {
    const { data, statements } = await counted(COMMUTING, { center: 'Kommune:3024', depth: 2, minWeight: 100, topPartners: 5 });
    expect(statements).toHaveLength(1);
    expect(data.graph.nodes.length).toBeGreaterThan(1);
    expect(data.graph.edges.every((edge: any) => edge.type === 'COMMUTES_TO' && edge.weight >= 100 && /#\d{4}$/.test(edge.id))).toBe(true);
  });

  it('graph(center: "Kommune:0604"), an id of another era, is resolved and walked from Kongsberg', async () => {
    const canonical = await counted(VIEW, { center: 'Kommune:3006', depth: 1, limit: 50 });
    const { data, statements } = await counted(VIEW, { center: 'Kommune:0604', depth: 1, limit: 50 });
    expect(data.graph).toEqual(canonical.data.graph);
    // The walk from the id as given finds nothing; then the id is resolved and the walk repeated.
    expect(statements.length).toBeGreaterThan(1);
    expect(statements.length).toBeLessThanOrEqual(4);
  });

  it('graph(center: "Kommune:0000") is NOT_FOUND after the walk and the look-up', async () => {
    const statements: string[] = [];
    const stop = context.db.observe((cypher) => { statements.push(cypher); });
    try {
      const result = await context.api.query(VIEW, { center: 'Kommune:0000', depth: 1, limit: 10 });
      expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    } finally {
      stop();
    }
    expect(statements.length).toBeLessThanOrEqual(3);
  });

  it('graph(center: "not an id") is BAD_USER_INPUT before any statement', async () => {
    const statements: string[] = [];
    const stop = context.db.observe((cypher) => { statements.push(cypher); });
    try {
      const result = await context.api.query(VIEW, { center: 'not an id', depth: 1, limit: 10 });
      expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    } finally {
      stop();
    }
    expect(statements).toHaveLength(0);
  });
});
