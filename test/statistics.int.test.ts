import { describe, expect, it } from 'vitest';
import { codesOf, useTestApi } from './support/api.js';
import { averageRanks } from './support/statistics.js';

const context = useTestApi();

const SCREENING = `query($metrics: [CooperationMetric!], $indicators: [String!], $year: Int, $controlFor: [Covariate!], $statistic: ScreeningStatistic) {
  screening(metrics: $metrics, indicators: $indicators, year: $year, controlFor: $controlFor, statistic: $statistic) {
    statistic partial covariates confidenceLevel tests
    pairs {
      metric indicator { key } year metricYear n coefficient pValue pValueMethod pAdjustedBH pAdjustedHolm
      interval { lower upper level method } pearson spearman warnings
    }
  }
}`;

const CORRELATION = `query($metric: CooperationMetric!, $indicator: String!, $year: Int!, $controlFor: [Covariate!]) {
  correlation(metric: $metric, indicator: $indicator, year: $year, controlFor: $controlFor) {
    n pearson spearman pValue spearmanPValue pValueMethod metricYear confidenceLevel
    pearsonInterval { lower upper level method } spearmanInterval { lower upper method }
    ties { x y } series { role name year } warnings { code }
    partial { n pearson spearman pValue spearmanPValue pValueMethod controls { kind indicator year label } spearmanInterval { lower upper method } }
  }
}`;

describe('screening on the real seeds', () => {
  it('relates every cooperation measure to every indicator, controlling for log population, and agrees with correlation pair by pair', async () => {
    const result = await context.api.query(SCREENING, { controlFor: [{ kind: 'LOG_POPULATION' }] });
    expect(result.errors).toBeUndefined();
    const screening = result.data.screening;
    expect(screening.partial).toBe(true);
    expect(screening.statistic).toBe('SPEARMAN');
    const pairs: any[] = screening.pairs;
    const metrics = new Set(pairs.map((p) => p.metric));
    const indicators = new Set(pairs.map((p) => p.indicator.key));
    expect(metrics.size).toBeGreaterThan(20);
    expect(metrics.has('NEIGHBOURS')).toBe(false);
    expect(indicators.size).toBeGreaterThan(3);
    expect(indicators.has('ssb/population')).toBe(false);
    expect(pairs.length).toBe(metrics.size * indicators.size);
    expect(screening.tests).toBe(pairs.filter((p) => p.pValue !== null).length);

    // Tested pairs first (samples too small to test after them), strongest first within each
    // group, pairs without a coefficient last.
    const firstUntested = pairs.findIndex((p) => p.pValue === null);
    if (firstUntested >= 0) expect(pairs.slice(firstUntested).every((p) => p.pValue === null)).toBe(true);
    for (const group of [pairs.filter((p) => p.pValue !== null), pairs.filter((p) => p.pValue === null)]) {
      const strengths = group.map((p) => (p.coefficient === null ? -1 : Math.abs(p.coefficient)));
      expect(strengths).toEqual([...strengths].sort((a, b) => b - a));
    }
    // Adjusted p-values are never below the raw ones, Holm never below BH.
    for (const pair of pairs.filter((p) => p.pValue !== null)) {
      expect(pair.pAdjustedBH).toBeGreaterThanOrEqual(pair.pValue - 1e-15);
      expect(pair.pAdjustedHolm).toBeGreaterThanOrEqual(pair.pAdjustedBH - 1e-15);
      expect(pair.pAdjustedHolm).toBeLessThanOrEqual(1);
    }

    const checked = [
      pairs.find((p) => p.metric === 'COMMUTING_OUT_SHARE' && p.indicator.key === 'ssb/higher-education-share'),
      pairs.find((p) => p.metric === 'H2020_PROJECTS_PER_10000' && p.coefficient !== null),
      pairs.find((p) => p.metric === 'COLLABORATIONS'),
      pairs.find((p) => p.metric === 'NETWORK_DEGREE'),
      pairs.find((p) => p.coefficient !== null),
    ].filter(Boolean);
    expect(checked.length).toBeGreaterThanOrEqual(4);
    for (const pair of checked) {
      const single = await context.api.query(CORRELATION, {
        metric: pair.metric, indicator: pair.indicator.key, year: pair.year, controlFor: [{ kind: 'LOG_POPULATION' }],
      });
      expect(single.errors).toBeUndefined();
      const c = single.data.correlation;
      expect(c.metricYear).toBe(pair.metricYear);
      expect(c.partial.n).toBe(pair.n);
      expect(pair.coefficient).toBe(c.partial.spearman);
      expect(pair.pValue).toBe(c.partial.spearmanPValue);
      expect(pair.interval).toEqual(c.partial.spearmanInterval ? { ...c.partial.spearmanInterval, level: 0.95 } : null);
      expect(pair.pearson).toBe(c.pearson);
      expect(pair.spearman).toBe(c.spearman);
      expect(pair.warnings).toEqual(c.warnings.map((w: any) => w.code));
    }
  });

  it('adjusts by BH and Holm over the family, as p.adjust does', async () => {
    const result = await context.api.query(SCREENING, {
      metrics: ['COMMUTING_OUT_SHARE', 'COMMUTING_PARTNERS', 'H2020_PROJECTS'], indicators: ['ssb/higher-education-share', 'ssb/long-higher-education-share'],
      year: 2021, statistic: 'PEARSON',
    });
    expect(result.errors).toBeUndefined();
    const pairs: any[] = result.data.screening.pairs;
    expect(pairs).toHaveLength(6);
    const raw = pairs.map((p) => p.pValue as number);
    const m = raw.length;
    // Holm written out here: sorted ascending, p·(m − i), running maximum, capped at 1.
    const order = raw.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
    let running = 0;
    const holm = new Array<number>(m);
    order.forEach(([p, i], position) => { running = Math.max(running, Math.min(1, p * (m - position))); holm[i] = running; });
    pairs.forEach((pair, i) => expect(pair.pAdjustedHolm).toBeCloseTo(holm[i]!, 14));
    for (const pair of pairs) expect(pair.pValueMethod).toBe('T_APPROXIMATION');
  });
});

describe('correlation years and intervals', () => {
  it('refuses an indicator year that is not held, listing the held years', async () => {
    const result = await context.api.query(CORRELATION, { metric: 'COMMUTING_PARTNERS', indicator: 'ssb/higher-education-share', year: 1990 });
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.message).toMatch(/years held: \d{4}/);
  });

  it('says the year of every series and the covariate year it used', async () => {
    const result = await context.api.query(CORRELATION, {
      metric: 'H2020_PROJECTS_PER_10000', indicator: 'ssb/higher-education-share', year: 2018, controlFor: [{ kind: 'LOG_POPULATION' }],
    });
    expect(result.errors).toBeUndefined();
    const c = result.data.correlation;
    expect(c.series.map((s: any) => s.role)).toEqual(['METRIC', 'INDICATOR', 'POPULATION', 'COVARIATE']);
    expect(c.series[1]).toEqual({ role: 'INDICATOR', name: 'ssb/higher-education-share', year: 2018 });
    expect(c.partial.controls[0]).toMatchObject({ kind: 'LOG_POPULATION', indicator: 'ssb/population' });
    expect(c.series[3].year).toBe(c.partial.controls[0].year);
    if (c.partial.controls[0].year !== 2018) expect(c.warnings.map((w: any) => w.code)).toContain('COVARIATE_YEAR_DIFFERS');
    expect(c.pearsonInterval.method).toBe('FISHER_Z');
    expect(c.pearsonInterval.lower).toBeLessThan(c.pearson);
    expect(c.pearsonInterval.upper).toBeGreaterThan(c.pearson);
    // Fisher z recomputed here: tanh(atanh(r) ± 1.959963984540054 / √(n − 3)).
    const z = 1.959963984540054 / Math.sqrt(c.n - 3);
    expect(c.pearsonInterval.lower).toBeCloseTo(Math.tanh(Math.atanh(c.pearson) - z), 12);
    expect(c.partial.spearmanInterval.method).toBe('FISHER_Z_BONETT_WRIGHT');
  });
});

const PROFILE = `query($kommune: String!) {
  kommuneProfile(kommune: $kommune) {
    kommune { nr name }
    peerGroup { definition population populationYear lowerBound upperBound factor size kommuneNrs }
    measures { key metric year value universe all { n rank percentile median } peers { n rank percentile } }
    indicators { key indicator { key higherIsBetter } year value all { n rank percentile q1 median q3 } peers { n rank percentile } }
    residuals(metrics: [COMMUTING_PARTNERS], indicators: ["ssb/higher-education-share"]) {
      metric indicator { key } year metricYear populationYear n observed predicted residual rank percentile
      intercept metricCoefficient logPopulationCoefficient rSquared
    }
  }
}`;

/** Normal equations of y ~ 1 + a + b, solved by Cramer's rule: independent of the API's regression library. */
function fit(a: number[], b: number[], y: number[]): [number, number, number] {
  const n = y.length;
  const s = (f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i)).reduce((p, q) => p + q, 0);
  const m = [
    [n, s((i) => a[i]!), s((i) => b[i]!)],
    [s((i) => a[i]!), s((i) => a[i]! ** 2), s((i) => a[i]! * b[i]!)],
    [s((i) => b[i]!), s((i) => a[i]! * b[i]!), s((i) => b[i]! ** 2)],
  ];
  const v = [s((i) => y[i]!), s((i) => a[i]! * y[i]!), s((i) => b[i]! * y[i]!)];
  const det = (x: number[][]) => x[0]![0]! * (x[1]![1]! * x[2]![2]! - x[1]![2]! * x[2]![1]!)
    - x[0]![1]! * (x[1]![0]! * x[2]![2]! - x[1]![2]! * x[2]![0]!) + x[0]![2]! * (x[1]![0]! * x[2]![1]! - x[1]![1]! * x[2]![0]!);
  const d = det(m);
  const col = (j: number) => m.map((row, r) => row.map((cell, c) => (c === j ? v[r]! : cell)));
  return [det(col(0)) / d, det(col(1)) / d, det(col(2)) / d];
}

describe("Kongsberg's profile", () => {
  it('matches a recomputation of ranks, percentiles, peers and the residual from the raw series', async () => {
    const result = await context.api.query(PROFILE, { kommune: '3006' });
    expect(result.errors).toBeUndefined();
    const profile = result.data.kommuneProfile;
    expect(profile.kommune.nr).toBe('3006');
    const population = new Map<string, number>((await context.db.read<{ nr: string; value: number }>(
      `MATCH (k:Kommune)-[v:HAS_VALUE]->(:Indicator {key: 'ssb/population'}) WHERE v.year = $year RETURN k.nr AS nr, toFloat(v.value) AS value`,
      { year: profile.peerGroup.populationYear },
    )).map((row) => [row.nr, row.value]));
    const own = population.get('3006')!;
    expect(profile.peerGroup.population).toBe(own);
    const peers = [...population].filter(([, p]) => p >= own / 2 && p <= own * 2).map(([nr]) => nr).sort();
    expect(profile.peerGroup.kommuneNrs).toEqual(peers);

    // A measure every kommune has: rank and percentile recomputed from the correlation's own points.
    const entry = profile.measures.find((m: any) => m.metric === 'COMMUTING_PARTNERS');
    const points = (await context.api.query(`{ correlation(metric: COMMUTING_PARTNERS, indicator: "ssb/population", year: ${entry.year}) { points { kommune { nr } x } } }`))
      .data.correlation.points as { kommune: { nr: string }; x: number }[];
    const values = points.map((p) => p.x);
    const mine = points.find((p) => p.kommune.nr === '3006')!.x;
    expect(entry.value).toBe(mine);
    expect(entry.all.n).toBe(values.length);
    expect(entry.all.rank).toBe(values.filter((v) => v > mine).length + 1);
    const ranks = averageRanks(values);
    expect(entry.all.percentile).toBeCloseTo((100 * ranks[points.findIndex((p) => p.kommune.nr === '3006')]!) / values.length, 10);
    const peerValues = points.filter((p) => peers.includes(p.kommune.nr)).map((p) => p.x);
    expect(entry.peers.n).toBe(peerValues.length);
    expect(entry.peers.rank).toBe(peerValues.filter((v) => v > mine).length + 1);

    // A CURATED measure ranks among the curated kommuner only.
    const companies = profile.measures.find((m: any) => m.metric === 'COMPANIES');
    expect(companies.universe).toBe('CURATED');
    expect(companies.all.n).toBeLessThan(10);

    // The residual of y ~ metric + log population, recomputed with the normal equations.
    const residual = profile.residuals[0];
    const y = (await context.api.query(`{ correlation(metric: COMMUTING_PARTNERS, indicator: "ssb/higher-education-share", year: ${residual.year}) { metricYear points { kommune { nr } x y } } }`)).data.correlation;
    expect(y.metricYear).toBe(residual.metricYear);
    const logPopulation = new Map<string, number>((await context.db.read<{ nr: string; value: number }>(
      `MATCH (k:Kommune)-[v:HAS_VALUE]->(:Indicator {key: 'ssb/population'}) WHERE v.year = $year RETURN k.nr AS nr, toFloat(v.value) AS value`,
      { year: residual.populationYear },
    )).map((row) => [row.nr, Math.log(row.value)]));
    const rows = (y.points as any[]).filter((p) => logPopulation.has(p.kommune.nr));
    expect(residual.n).toBe(rows.length);
    const [b0, b1, b2] = fit(rows.map((p) => p.x), rows.map((p) => logPopulation.get(p.kommune.nr)!), rows.map((p) => p.y));
    expect(residual.intercept).toBeCloseTo(b0, 6);
    expect(residual.metricCoefficient).toBeCloseTo(b1, 8);
    expect(residual.logPopulationCoefficient).toBeCloseTo(b2, 6);
    const kongsberg = rows.find((p) => p.kommune.nr === '3006');
    const predicted = b0 + b1 * kongsberg.x + b2 * logPopulation.get('3006')!;
    expect(residual.predicted).toBeCloseTo(predicted, 6);
    expect(residual.residual).toBeCloseTo(kongsberg.y - predicted, 6);
  });

  it('refuses an unknown kommune and a bad peer factor', async () => {
    expect(codesOf(await context.api.query('{ kommuneProfile(kommune: "9999") { year } }'))).toEqual(['NOT_FOUND']);
    expect(codesOf(await context.api.query('{ kommuneProfile(kommune: "3006", peerFactor: 0.5) { year } }'))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('one definition per degree (regression: Kongsberg showed 21, 23 and 25 as "network degree")', () => {
  it('gives the metric NETWORK_DEGREE the same number in the counts, the profile and the scatter plot, and the node degree its own name', async () => {
    const result = await context.api.query(`{
      cooperation(kommune: "3006") { networkDegree nodeDegree measures(metrics: [NETWORK_DEGREE]) { value } }
      kommuneProfile(kommune: "3006") { measures { metric value } }
      correlation(metric: NETWORK_DEGREE, indicator: "ssb/higher-education-share", year: 2018) { points { kommune { nr } x } }
    }`);
    expect(result.errors).toBeUndefined();
    const { cooperation, kommuneProfile, correlation } = result.data;
    const reach = cooperation.networkDegree;
    expect(cooperation.measures[0].value).toBe(reach);
    expect(kommuneProfile.measures.find((m: any) => m.metric === 'NETWORK_DEGREE').value).toBe(reach);
    expect(correlation.points.find((p: any) => p.kommune.nr === '3006').x).toBe(reach);
    const stored = await context.db.read<{ degree: number }>(`MATCH (k:Kommune {nr: '3006'}) RETURN k.networkDegree AS degree`);
    expect(cooperation.nodeDegree).toBe(stored[0]!.degree);
  });
});
