import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { linearRegression, sampleCorrelation } from 'simple-statistics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codesOf, useTestApi } from './support/api.js';
import { averageRanks } from './support/statistics.js';

/**
 * The cooperation measures against a recomputation from the seed files themselves: the test
 * reads the CSVs in seeds/ and counts on its own (no code of the API), then expects the API's
 * coefficients over all 356 kommuner. And the graph view's limits on a fixture of its own.
 */
const context = useTestApi();

const SEEDS = path.resolve(import.meta.dirname, '..', 'seeds');
function csv(file: string, delimiter = ','): Record<string, string>[] {
  return parse(readFileSync(path.join(SEEDS, file), 'utf8'), { columns: true, bom: true, delimiter, skip_empty_lines: true }) as Record<string, string>[];
}

const kommuner = csv('kommuner_2020_2023.csv');
const NRS = kommuner.map((k) => k.kommunenummer!);
const population2021 = new Map(kommuner.map((k) => [k.kommunenummer!, Number(k.befolkning_2021_01_01)]));
const longHigherEducation2021 = new Map(
  csv('indicator_values.csv')
    .filter((row) => row.indicator === 'ssb/long-higher-education-share' && row.year === '2021')
    .map((row) => [row.kommunenummer!, Number(row.value)]),
);

/** Other kommuner with a flow of at least 50 employed either way, SSB 03321 of 2021. */
function commutingPartners2021(): Map<string, number> {
  const partners = new Map<string, Set<string>>(NRS.map((nr) => [nr, new Set<string>()]));
  for (const row of csv('cooperation/ssb03321_commuting_2021.csv')) {
    const home = row.home_kommune!;
    const work = row.work_kommune!;
    if (home === work || Number(row.employed) < 50) continue;
    partners.get(home)?.add(work);
    partners.get(work)?.add(home);
  }
  return new Map([...partners].map(([nr, set]) => [nr, set.size]));
}

/** Distinct H2020 projects with an organisation whose address is in the kommune, contract start in or before 2021. */
function h2020Projects2021(): Map<string, number> {
  const projects = new Map<string, Set<string>>(NRS.map((nr) => [nr, new Set<string>()]));
  for (const row of csv('cooperation/rcn_horizon2020_norwegian_participations.csv', ';')) {
    const start = /^\d{2}\.\d{2}\.(\d{4})/.exec(row['Kontrakt startdato'] ?? '');
    const nr = (row['Adresse kommunenummer'] ?? '').padStart(4, '0');
    if (!start || Number(start[1]) > 2021) continue;
    projects.get(nr)?.add(row.Prosjektnr!);
  }
  return new Map([...projects].map(([nr, set]) => [nr, set.size]));
}

function residuals(values: number[], covariate: number[]): number[] {
  const line = linearRegression(covariate.map((c, i) => [c, values[i]!]));
  return values.map((v, i) => v - (line.m * covariate[i]! + line.b));
}

/** Pearson, Spearman and the partial correlations on log population 2021, computed here. */
function expected(x: Map<string, number>) {
  const nrs = NRS.filter((nr) => x.has(nr) && longHigherEducation2021.has(nr));
  const xs = nrs.map((nr) => x.get(nr)!);
  const ys = nrs.map((nr) => longHigherEducation2021.get(nr)!);
  const logPopulation = nrs.map((nr) => Math.log(population2021.get(nr)!));
  return {
    n: nrs.length,
    pearson: sampleCorrelation(xs, ys),
    spearman: sampleCorrelation(averageRanks(xs), averageRanks(ys)),
    partialPearson: sampleCorrelation(residuals(xs, logPopulation), residuals(ys, logPopulation)),
    // The textbook partial Spearman ranks the covariate too (ppcor::pcor.test, method = "spearman").
    partialSpearman: sampleCorrelation(residuals(averageRanks(xs), averageRanks(logPopulation)), residuals(averageRanks(ys), averageRanks(logPopulation))),
  };
}

const CORRELATION = `query($metric: CooperationMetric!, $metricYear: Int, $controlFor: [Covariate!]) {
  correlation(metric: $metric, indicator: "ssb/long-higher-education-share", year: 2021, metricYear: $metricYear, controlFor: $controlFor) {
    n pearson spearman pValue spearmanPValue metricYear
    coverage { universe kommuner measured year populationYear source { title publisher url } }
    warnings { code message }
    partial { covariates n pearson spearman pValue }
    points { kommune { nr } x y }
  }
}`;

describe('correlation over measures of every kommune', () => {
  for (const [metric, recount] of [['COMMUTING_PARTNERS', commutingPartners2021], ['H2020_PROJECTS', h2020Projects2021]] as const) {
    it(`relates ${metric} 2021 to the long higher-education share over all 356 kommuner, as the seed files give it`, async () => {
      const want = expected(recount());
      expect(want.n).toBe(356);
      const plain = await context.api.query(CORRELATION, { metric });
      expect(plain.errors).toBeUndefined();
      const c = plain.data.correlation;
      expect(c).toMatchObject({ n: 356, metricYear: 2021 });
      // Counts and shares repeat across kommuner: ties are reported, nothing else is wrong.
      expect(c.warnings.map((w: any) => w.code)).toEqual(['TIES']);
      expect(c.coverage).toMatchObject({ universe: 'ALL_KOMMUNER', measured: 356, year: 2021, populationYear: null });
      expect(c.coverage.kommuner).toBeGreaterThanOrEqual(356);
      expect(c.coverage.source.title).not.toBe('');
      expect(c.pearson).toBeCloseTo(want.pearson, 10);
      expect(c.spearman).toBeCloseTo(want.spearman, 10);
      expect(c.pValue).toBeLessThan(0.05);
      expect(c.partial).toBeNull();

      const controlled = await context.api.query(CORRELATION, { metric, controlFor: [{ kind: 'LOG_POPULATION' }] });
      expect(controlled.errors).toBeUndefined();
      const partial = controlled.data.correlation.partial;
      expect(partial).toMatchObject({ covariates: ['log population 2021'], n: 356 });
      expect(partial.pearson).toBeCloseTo(want.partialPearson, 10);
      expect(partial.spearman).toBeCloseTo(want.partialSpearman, 10);
      expect(controlled.data.correlation.pearson).toBeCloseTo(want.pearson, 10);
    });
  }

  it('divides per-capita measures by the population of the same year, or the nearest one held, and says which', async () => {
    const same = (await context.api.query(CORRELATION, { metric: 'H2020_PROJECTS_PER_10000' })).data.correlation;
    expect(same.coverage).toMatchObject({ year: 2021, populationYear: 2021 });
    const projects = h2020Projects2021();
    const oslo = same.points.find((p: any) => p.kommune.nr === '0301');
    expect(oslo.x).toBeCloseTo((projects.get('0301')! * 10000) / population2021.get('0301')!, 10);
    const early = await context.api.query(CORRELATION, { metric: 'H2020_PROJECTS_PER_10000', metricYear: 2016 });
    expect(early.errors).toBeUndefined();
    expect(early.data.correlation).toMatchObject({ metricYear: 2016, coverage: { year: 2016, populationYear: 2020 } });
    expect(early.data.correlation.warnings.map((w: any) => w.code)).toEqual(['TIES', 'METRIC_YEAR_DIFFERS', 'POPULATION_YEAR_DIFFERS']);
  });

  it('refuses a metricYear the measure does not hold, listing the years it holds', async () => {
    const result = await context.api.query(CORRELATION, { metric: 'COMMUTING_PARTNERS', metricYear: 2019 });
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.message).toMatch(/2020, 2021, 2022/);
  });
});

describe('a curated measure', () => {
  it('enters only the curated kommuner, never the others as zeros, and gives no p-value below the minimum', async () => {
    const result = await context.api.query(CORRELATION, { metric: 'COMPANIES', controlFor: [{ kind: 'LOG_POPULATION' }] });
    expect(result.errors).toBeUndefined();
    const c = result.data.correlation;
    expect(c.coverage).toMatchObject({ universe: 'CURATED', measured: 1, year: 2022 });
    expect(c.points.map((p: any) => p.kommune.nr)).toEqual(['3006']);
    expect(c).toMatchObject({ n: 1, pValue: null, spearmanPValue: null });
    expect(c.partial.pValue).toBeNull();
    expect(c.warnings.map((w: any) => w.code)).toEqual(expect.arrayContaining(['CURATED_COVERAGE', 'COVERAGE_TOO_SMALL']));
  });

  it('is reported per kommune with whether the kommune is measured for it', async () => {
    const result = await context.api.query(`{
      kongsberg: cooperation(kommune: "3006") { ecosystemCurated measures(metrics: [COMPANIES, COMMUTING_PARTNERS, NEIGHBOURS]) { metric value measured year universe cooperation } }
      oslo: cooperation(kommune: "0301") { ecosystemCurated companies measures(metrics: [COMPANIES, COMMUTING_PARTNERS], year: 2021) { metric value measured year } }
    }`);
    expect(result.errors).toBeUndefined();
    const { kongsberg, oslo } = result.data;
    expect(kongsberg.ecosystemCurated).toBe(true);
    expect(kongsberg.measures[0]).toMatchObject({ metric: 'COMPANIES', measured: true, universe: 'CURATED' });
    expect(kongsberg.measures[1]).toMatchObject({ metric: 'COMMUTING_PARTNERS', measured: true, year: 2022, universe: 'ALL_KOMMUNER' });
    expect(kongsberg.measures[2]).toMatchObject({ metric: 'NEIGHBOURS', measured: true, cooperation: false });
    expect(oslo.ecosystemCurated).toBe(false);
    // Oslo has companies in the graph (Horizon 2020 participants), but its ecosystem is not curated.
    expect(oslo.companies).toBeGreaterThan(0);
    expect(oslo.measures).toEqual([
      { metric: 'COMPANIES', value: null, measured: false, year: 2022 },
      { metric: 'COMMUTING_PARTNERS', value: commutingPartners2021().get('0301'), measured: true, year: 2021 },
    ]);
  });
});

describe('graph views that stay readable', () => {
  // Kommuner 9961–9964 (no such kommuner exist) in fylke 99; 9961 commutes to the others in
  // 2021 and 2022 with different weights, and borders 9962.
  const K = (n: number) => `Kommune:99${n}`;
  beforeAll(async () => {
    await context.db.write(
      `CREATE (f:Entity:Fylke {id: 'Fylke:99', key: '99', nr: '99', name: 'Fixture fylke', sourceIds: []})
       WITH f UNWIND [61, 62, 63, 64] AS n
       CREATE (k:Entity:Kommune {id: 'Kommune:99' + n, key: '99' + n, nr: '99' + n, name: 'Fixture ' + n, sourceIds: []})-[:IN_FYLKE]->(f)`,
    );
    await context.db.write(
      `MATCH (a:Kommune {id: 'Kommune:9961'})
       UNWIND [[62, 2021, 500], [62, 2022, 40], [63, 2021, 80], [63, 2022, 300], [64, 2022, 120]] AS flow
       MATCH (b:Kommune {id: 'Kommune:99' + flow[0]})
       CREATE (a)-[:COMMUTES_TO {year: flow[1], employed: flow[2], sourceIds: []}]->(b)
       WITH DISTINCT a MATCH (b:Kommune {id: 'Kommune:9962'}) CREATE (a)-[:NEIGHBOUR_OF {sourceIds: []}]->(b)`,
    );
  });
  afterAll(async () => {
    await context.db.write(`MATCH (n:Entity) WHERE n.id IN ['Fylke:99', 'Kommune:9961', 'Kommune:9962', 'Kommune:9963', 'Kommune:9964'] DETACH DELETE n`);
  });

  const VIEW = `query($center: ID!, $relationships: [String!], $exclude: [String!], $minWeight: Int, $topPartners: Int, $year: Int, $includeReference: Boolean) {
    graph(center: $center, relationships: $relationships, excludeRelationships: $exclude, minWeight: $minWeight, topPartners: $topPartners,
      year: $year, includeReference: $includeReference) { nodes { id type } edges { id source target type weight year } }
  }`;

  it('refuses an unknown relationship type, listing the valid ones', async () => {
    const result = await context.api.query(VIEW, { center: K(61), relationships: ['COMMUTES_T0'] });
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.message).toMatch(/COMMUTES_T0.*valid: .*COMMUTES_TO.*NEIGHBOUR_OF/);
    expect(codesOf(await context.api.query(VIEW, { center: K(61), exclude: ['NOPE'] }))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await context.api.query(`{ path(from: "${K(61)}", to: "${K(62)}", relationships: ["HAS_VALUE"]) { truncated } }`))).toEqual(['BAD_USER_INPUT']);
  });

  it('shows each node its latest year by default, with weight, year and one id per year', async () => {
    const view = (await context.api.query(VIEW, { center: K(61), relationships: ['COMMUTES_TO'] })).data.graph;
    expect(view.edges).toEqual([
      { id: `${K(61)}-COMMUTES_TO->${K(62)}#2022`, source: K(61), target: K(62), type: 'COMMUTES_TO', weight: 40, year: 2022 },
      { id: `${K(61)}-COMMUTES_TO->${K(63)}#2022`, source: K(61), target: K(63), type: 'COMMUTES_TO', weight: 300, year: 2022 },
      { id: `${K(61)}-COMMUTES_TO->${K(64)}#2022`, source: K(61), target: K(64), type: 'COMMUTES_TO', weight: 120, year: 2022 },
    ]);
    const of2021 = (await context.api.query(VIEW, { center: K(61), relationships: ['COMMUTES_TO'], year: 2021 })).data.graph;
    expect(of2021.edges.map((e: any) => e.id)).toEqual([`${K(61)}-COMMUTES_TO->${K(62)}#2021`, `${K(61)}-COMMUTES_TO->${K(63)}#2021`]);
  });

  it('cuts light edges with minWeight and keeps the heaviest with topPartners', async () => {
    const heavy = (await context.api.query(VIEW, { center: K(61), relationships: ['COMMUTES_TO'], minWeight: 100 })).data.graph;
    expect(heavy.edges.map((e: any) => e.weight)).toEqual([300, 120]);
    const top = (await context.api.query(VIEW, { center: K(61), relationships: ['COMMUTES_TO'], topPartners: 1 })).data.graph;
    expect(top.nodes.map((n: any) => n.id)).toEqual([K(61), K(63)]);
    expect(top.edges.map((e: any) => e.weight)).toEqual([300]);
    // topPartners limits weighted relationships only: the neighbour stays.
    // An edge stays when it is among the heaviest of one of its ends: 9961→9962 is 9962's only one of 2022.
    const mixed = (await context.api.query(VIEW, { center: K(61), topPartners: 1 })).data.graph;
    expect(mixed.edges.map((e: any) => `${e.type} ${e.target}`).sort()).toEqual([`COMMUTES_TO ${K(62)}`, `COMMUTES_TO ${K(63)}`, `NEIGHBOUR_OF ${K(62)}`]);
  });

  it('leaves reference hubs out unless asked, and excludes relationship types', async () => {
    const plain = (await context.api.query(VIEW, { center: K(61) })).data.graph;
    expect(plain.nodes.map((n: any) => n.type)).not.toContain('FYLKE');
    const withHubs = (await context.api.query(VIEW, { center: K(61), includeReference: true })).data.graph;
    expect(withHubs.nodes.map((n: any) => n.id)).toContain('Fylke:99');
    const noCommuting = (await context.api.query(VIEW, { center: K(61), exclude: ['COMMUTES_TO'] })).data.graph;
    expect(noCommuting.edges.map((e: any) => e.type)).toEqual(['NEIGHBOUR_OF']);
    // Without includeReference a path does not pass through the fylke: 9963 and 9964 share only it.
    const path = `{ path(from: "${K(63)}", to: "${K(64)}", relationships: ["IN_FYLKE"]) { nodes { id } } }`;
    expect((await context.api.query(path)).data.path).toBeNull();
    const through = await context.api.query(`{ path(from: "${K(63)}", to: "${K(64)}", relationships: ["IN_FYLKE"], includeReference: true) { nodes { id } } }`);
    expect(through.data.path.nodes.map((n: any) => n.id)).toEqual([K(63), 'Fylke:99', K(64)]);
  });

  it("keeps Kongsberg's depth-2 view free of fylker and at most topPartners commuting edges per node", async () => {
    const view = (await context.api.query(`{ graph(center: "Kommune:3006", depth: 2) { nodes { id type } edges { source target type weight year } } }`)).data.graph;
    expect(view.nodes.some((n: any) => n.type === 'FYLKE' || n.type === 'COMMUTING_REGION')).toBe(false);
    const commuting = view.edges.filter((e: any) => e.type === 'COMMUTES_TO');
    expect(commuting.length).toBeGreaterThan(0);
    expect(commuting.every((e: any) => e.weight > 0 && e.year === 2022)).toBe(true);
    const atKongsberg = commuting.filter((e: any) => e.source === 'Kommune:3006' || e.target === 'Kommune:3006');
    const flows2022 = csv('cooperation/ssb03321_commuting_2022.csv')
      .filter((row) => row.home_kommune !== row.work_kommune && (row.home_kommune === '3006' || row.work_kommune === '3006'));
    // Kongsberg's own ten heaviest, plus those where Kongsberg is among the other end's ten.
    expect(atKongsberg.length).toBeGreaterThanOrEqual(10);
    expect(atKongsberg.length).toBeLessThan(flows2022.length / 2);
  });
});
