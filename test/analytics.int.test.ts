import cytoscape from 'cytoscape';
import { MultiDirectedGraph } from 'graphology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codesOf, useTestApi } from './support/api.js';
import { leastSquares, pearson, spearman } from './support/statistics.js';

const context = useTestApi();

const CORRELATION = `query($metric: CooperationMetric!, $indicator: String!, $year: Int!, $fylke: String, $controlFor: [Covariate!]) {
  correlation(metric: $metric, indicator: $indicator, year: $year, fylke: $fylke, controlFor: $controlFor) {
    n pearson spearman pValue spearmanPValue slope intercept higherIsBetter note
    indicator { key kind } fylke { nr }
    partial { covariates n pearson spearman pValue }
    points { kommune { nr } x y }
  }
}`;

function expectMatchesPoints(result: any): void {
  const x = result.points.map((p: any) => p.x);
  const y = result.points.map((p: any) => p.y);
  expect(result.n).toBe(result.points.length);
  expect(result.pearson).toBeCloseTo(pearson(x, y), 10);
  expect(result.spearman).toBeCloseTo(spearman(x, y), 10);
  const line = leastSquares(x, y);
  expect(result.slope).toBeCloseTo(line.slope, 8);
  expect(result.intercept).toBeCloseTo(line.intercept, 8);
  if (result.n < 5) {
    // Below the minimum sample no p-value is given (COVERAGE_TOO_SMALL).
    expect(result.pValue).toBeNull();
    return;
  }
  expect(result.pValue).toBeGreaterThanOrEqual(0);
  expect(result.pValue).toBeLessThanOrEqual(1);
}

describe('correlation on the real seeds', () => {
  it('relates inter-municipal collaborations to the 2018 higher-education share across all 356 kommuner', async () => {
    const result = await context.api.query(CORRELATION, { metric: 'COLLABORATIONS', indicator: 'ssb/higher-education-share', year: 2018 });
    expect(result.errors).toBeUndefined();
    const c = result.data.correlation;
    expect(c.n).toBe(356);
    expect(c.higherIsBetter).toBe(true);
    expectMatchesPoints(c);
    expect(c.points.find((p: any) => p.kommune.nr === '3006').y).toBe(37.8);
  });

  it('runs the same against the published Kompetanse ranks of 2022, where lower is better', async () => {
    const result = await context.api.query(CORRELATION, { metric: 'COMMUTING_PARTNERS', indicator: 'kommune-nm/kompetanse', year: 2022 });
    expect(result.errors).toBeUndefined();
    const c = result.data.correlation;
    expect(c.higherIsBetter).toBe(false);
    expect(c.indicator.kind).toBe('RANK');
    expect(c.n).toBe(3);
    expect(c.points.map((p: any) => p.kommune.nr).sort()).toEqual(['1124', '3006', '3024']);
    expect(c.note).toMatch(/published/);
    expectMatchesPoints(c);
  });

  it('controls for size with partial correlations and names the covariates', async () => {
    const result = await context.api.query(CORRELATION, {
      metric: 'COLLABORATIONS', indicator: 'ssb/higher-education-share', year: 2018,
      controlFor: [{ kind: 'LOG_POPULATION' }, { kind: 'INDICATOR', indicator: 'udir/grunnskolepoeng', year: 2019 }],
    });
    expect(result.errors).toBeUndefined();
    const partial = result.data.correlation.partial;
    expect(partial.covariates).toEqual(['log population 2020', 'udir/grunnskolepoeng 2019']);
    expect(partial.n).toBeGreaterThan(250);
    expect(partial.n).toBeLessThanOrEqual(356);
    expect(Math.abs(partial.pearson)).toBeLessThanOrEqual(1);
  });

  it('limits to one fylke', async () => {
    const result = await context.api.query(CORRELATION, { metric: 'COLLABORATIONS', indicator: 'ssb/long-higher-education-share', year: 2021, fylke: '30' });
    expect(result.data.correlation.fylke).toEqual({ nr: '30' });
    expect(result.data.correlation.n).toBe(51);
  });

  it('gives null coefficients and a note when fewer than 3 points remain, not an error', async () => {
    const result = await context.api.query(CORRELATION, { metric: 'COLLABORATIONS', indicator: 'kommune-nm/total', year: 2020 });
    expect(result.errors).toBeUndefined();
    expect(result.data.correlation).toMatchObject({ n: 1, pearson: null, spearman: null, pValue: null, note: expect.stringMatching(/at least 3/) });
  });

  it('refuses unknown indicators, RANK covariates and bad fylker with codes', async () => {
    expect(codesOf(await context.api.query(CORRELATION, { metric: 'COMPANIES', indicator: 'nope', year: 2018 }))).toEqual(['NOT_FOUND']);
    expect(codesOf(await context.api.query(CORRELATION, { metric: 'COMPANIES', indicator: 'ssb/higher-education-share', year: 2018, controlFor: [{ kind: 'INDICATOR', indicator: 'kommune-nm/total' }] }))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await context.api.query(CORRELATION, { metric: 'COMPANIES', indicator: 'ssb/higher-education-share', year: 2018, fylke: 'x' }))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await context.api.query(CORRELATION, { metric: 'NOPE', indicator: 'ssb/higher-education-share', year: 2018 }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('cooperation metrics', () => {
  it("counts Kongsberg's cooperation", async () => {
    const result = await context.api.query(`{ cooperation(kommune: "0604") { kommune { name } companies clusterMemberships distinctClusters
      schoolIndustryLinks eventsHosted eventsJoined collaborations crossKommuneLinks networkDegree population per1000 { companies } } }`);
    expect(result.errors).toBeUndefined();
    const m = result.data.cooperation;
    expect(m.kommune.name).toBe('Kongsberg');
    expect(m.eventsHosted).toBe(1);
    expect(m.eventsJoined).toBeGreaterThanOrEqual(1);
    expect(m.distinctClusters).toBeGreaterThanOrEqual(3);
    expect(m.networkDegree).toBeGreaterThan(m.companies);
    expect(m.per1000.companies).toBeCloseTo((m.companies * 1000) / m.population, 10);
    const viaKommune = await context.api.query(`{ kommune(nr: "3006") { cooperation { networkDegree } } }`);
    expect(viaKommune.data.kommune.cooperation.networkDegree).toBe(m.networkDegree);
  });
});

describe('a hand-checked fixture graph', () => {
  // Kommune 9901 (no such kommune exists) hosts company A and school S; A is a member of
  // cluster C (hosted in 9901); S collaborates with company B located in kommune 9902;
  // 9901 and 9902 share collaboration X; event E is held in 9902 and A is its partner.
  const F = 'fixture-analytics';
  beforeAll(async () => {
    await context.db.write(
      `CREATE (k1:Entity:Kommune {id: 'Kommune:9901', key: '9901', nr: '9901', name: $f + ' one', population2022: 2000, sourceIds: []})
       CREATE (k2:Entity:Kommune {id: 'Kommune:9902', key: '9902', nr: '9902', name: $f + ' two', population2022: 500, sourceIds: []})
       CREATE (a:Entity:Company {id: 'Company:' + $f + '-a', name: 'A', sourceIds: []})-[:LOCATED_IN]->(k1)
       CREATE (b:Entity:Company {id: 'Company:' + $f + '-b', name: 'B', sourceIds: []})-[:LOCATED_IN]->(k2)
       CREATE (s:Entity:School {id: 'School:' + $f + '-s', name: 'S', kind: 'UNIVERSITY', sourceIds: []})-[:LOCATED_IN]->(k1)
       CREATE (c:Entity:Cluster {id: 'Cluster:' + $f + '-c', name: 'C', kind: 'NCE', sourceIds: []})-[:LOCATED_IN]->(k1)
       CREATE (x:Entity:Collaboration {id: 'Collaboration:' + $f + '-x', name: 'X', domain: 'test', sourceIds: []})
       CREATE (e:Entity:Event {id: 'Event:' + $f + '-e', name: 'E', sourceIds: []})-[:LOCATED_IN]->(k2)
       CREATE (a)-[:MEMBER_OF]->(c), (s)-[:COLLABORATES_WITH]->(b), (a)-[:PARTNER_OF]->(e)
       CREATE (k1)-[:PARTICIPATES_IN]->(x), (k2)-[:PARTICIPATES_IN]->(x)`,
      { f: F },
    );
  });
  afterAll(async () => {
    await context.db.write(`MATCH (n:Entity) WHERE n.id IN ['Kommune:9901', 'Kommune:9902'] OR n.id CONTAINS $f DETACH DELETE n`, { f: F });
  });

  it('counts each metric as the schema defines it', async () => {
    const result = await context.api.query(`{ cooperation(kommune: "9901") { companies clusterMemberships distinctClusters schoolIndustryLinks
      eventsHosted eventsJoined collaborations crossKommuneLinks networkDegree per1000 { companies networkDegree } } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data.cooperation).toEqual({
      companies: 1, // A
      clusterMemberships: 1, // A→C
      distinctClusters: 1, // C (member and host)
      schoolIndustryLinks: 1, // S–B
      eventsHosted: 0,
      eventsJoined: 1, // A→E
      collaborations: 1, // X
      crossKommuneLinks: 3, // S–B (B in 9902), A–E (E in 9902), X shared with 9902
      networkDegree: 6, // A, S, C, X (from the kommune); B, E (from its actors)
      per1000: { companies: 0.5, networkDegree: 3 },
    });
  });

  it('walks the neighbourhood ring by ring, nearest first, and says when the limit cut it', async () => {
    const query = `query($limit: Int, $depth: Int) { graph(center: "Company:${F}-a", depth: $depth, limit: $limit) {
      nodes { id type label } edges { id source target type } truncated } }`;
    const one = (await context.api.query(query, { depth: 1, limit: 100 })).data.graph;
    expect(one.nodes.map((n: any) => n.id)).toEqual([`Company:${F}-a`, `Cluster:${F}-c`, `Event:${F}-e`, 'Kommune:9901']);
    expect(one.truncated).toBe(false);
    expect(one.edges.map((e: any) => e.id)).toEqual([
      `Cluster:${F}-c-LOCATED_IN->Kommune:9901`,
      `Company:${F}-a-LOCATED_IN->Kommune:9901`,
      `Company:${F}-a-MEMBER_OF->Cluster:${F}-c`,
      `Company:${F}-a-PARTNER_OF->Event:${F}-e`,
    ]);
    const cut = (await context.api.query(query, { depth: 2, limit: 5 })).data.graph;
    expect(cut.nodes).toHaveLength(5);
    expect(cut.truncated).toBe(true);
    const ids = new Set(cut.nodes.map((n: any) => n.id));
    expect(cut.edges.every((e: any) => ids.has(e.source) && ids.has(e.target))).toBe(true);
    const again = (await context.api.query(query, { depth: 2, limit: 5 })).data.graph;
    expect(again).toEqual(cut);
  });

  it('filters by entity type and relationship type', async () => {
    const result = await context.api.query(`{ graph(center: "Kommune:9901", types: [COMPANY, SCHOOL], relationships: ["LOCATED_IN"]) { nodes { id } edges { type } } }`);
    expect(result.data.graph.nodes.map((n: any) => n.id)).toEqual(['Kommune:9901', `Company:${F}-a`, `School:${F}-s`]);
    expect(result.data.graph.edges.every((e: any) => e.type === 'LOCATED_IN')).toBe(true);
  });

  it('finds a shortest path and returns null when there is none within maxLength', async () => {
    const path = await context.api.query(`{ path(from: "Company:${F}-a", to: "Company:${F}-b") { nodes { id } edges { type } } }`);
    expect(path.data.path.nodes).toHaveLength(4);
    expect(path.data.path.nodes[0].id).toBe(`Company:${F}-a`);
    expect(path.data.path.nodes[3].id).toBe(`Company:${F}-b`);
    const tooShort = await context.api.query(`{ path(from: "Company:${F}-a", to: "Company:${F}-b", maxLength: 2) { nodes { id } } }`);
    expect(tooShort.errors).toBeUndefined();
    expect(tooShort.data.path).toBeNull();
  });

  it('refuses bad graph arguments', async () => {
    expect(codesOf(await context.api.query(`{ graph(center: "Kommune:9901", depth: 4) { truncated } }`))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await context.api.query(`{ graph(center: "Kommune:9901", limit: 0) { truncated } }`))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await context.api.query(`{ graph(center: "Kommune:9901", relationships: ["X]-() DETACH DELETE n //"]) { truncated } }`))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await context.api.query(`{ graph(center: "Kommune:0000") { truncated } }`))).toEqual(['NOT_FOUND']);
    expect(codesOf(await context.api.query(`{ path(from: "nope", to: "Kommune:9901") { truncated } }`))).toEqual(['BAD_USER_INPUT']);
  });
});

describe("Kongsberg's graph view", () => {
  it('holds its clusters, networks, schools and initiatives and loads into Cytoscape.js and graphology', async () => {
    const result = await context.api.query(`{ graph(center: "Kommune:3006", depth: 2, limit: 300) {
      nodes { id type label properties } edges { id source target type properties } truncated cytoscapeElements graphology } }`);
    expect(result.errors).toBeUndefined();
    const view = result.data.graph;
    const ids = view.nodes.map((n: any) => n.id);
    expect(ids).toEqual(expect.arrayContaining(['Cluster:nce-systems-engineering', 'School:usn-kongsberg',
      'Initiative:industripiloten', 'Initiative:kongsbergskolen', 'Event:kongsberg-agenda-2022', 'Company:943753709']));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(view.edges.map((e: any) => e.id)).size).toBe(view.edges.length);

    const cy = cytoscape({ headless: true, elements: view.cytoscapeElements });
    expect(cy.nodes().length).toBe(view.nodes.length);
    expect(cy.edges().length).toBe(view.edges.length);
    expect(cy.getElementById('Kommune:3006').degree(false)).toBeGreaterThan(5);

    const graph = new MultiDirectedGraph();
    graph.import(view.graphology);
    expect(graph.order).toBe(view.nodes.length);
    expect(graph.size).toBe(view.edges.length);
    expect(graph.getNodeAttribute('Kommune:3006', 'label')).toBe('Kongsberg');
  });

  it('exposes network measures after the analyze job', async () => {
    const result = await context.api.query(`{ kommune(nr: "3006") { network { degree pageRank betweenness community computedAt } } }`);
    expect(result.errors).toBeUndefined();
    const network = result.data.kommune.network;
    expect(network.degree).toBeGreaterThan(5);
    expect(network.pageRank).toBeGreaterThan(0);
    expect(network.betweenness).toBeGreaterThanOrEqual(0);
    expect(Number.isInteger(network.community)).toBe(true);
  });
});
