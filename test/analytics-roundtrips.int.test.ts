import { beforeAll, describe, expect, it } from 'vitest';
import { countSeriesMany } from '../src/modules/analytics/countStore.js';
import { COUNT_NAMES } from '../src/modules/analytics/repository.js';
import { countedQuery, useTestApi } from './support/api.js';

const context = useTestApi();

// Writes of earlier test files leave the stored counts stale; the first statistic after them
// counts live (two more statements). Bring them up to date first, as any request would.
beforeAll(async () => {
  await countSeriesMany(context.db, COUNT_NAMES);
});

/**
 * Statistics read each series once per request, and the series of one wave in one statement:
 * the number of round trips follows the waves of a computation, not the number of series,
 * pairs or kommuner in it. Each test asks something no other test in the file asks, so no
 * answer comes from the response cache.
 */
const counted = (query: string, variables?: Record<string, unknown>) => countedQuery(context, query, variables);

const CORRELATION = `query($metric: CooperationMetric!, $indicator: String!, $year: Int!) {
  correlation(metric: $metric, indicator: $indicator, year: $year, controlFor: [{ kind: LOG_POPULATION }]) {
    n pearson spearman pValue metricYear note
    partial { covariates n pearson spearman pValue }
    points { kommune { id name } x y }
  }
}`;

const SCREENING = `query($year: Int, $statistic: ScreeningStatistic!) {
  screening(year: $year, statistic: $statistic) {
    statistic tests year
    pairs { metric indicator { key } year metricYear n coefficient pValue pAdjustedBH pAdjustedHolm warnings }
  }
}`;

const PROFILE = `query($kommune: String!) {
  kommuneProfile(kommune: $kommune) {
    kommune { id nr name }
    year
    peerGroup { size factor populationYear }
    measures { key metric year value all { n rank percentile median } peers { n rank percentile median } }
    indicators { key indicator { key } year value all { n rank percentile median } peers { n rank percentile median } }
  }
}`;

describe('round trips of the statistics', () => {
  it('reads a correlation over every kommune, with a covariate and every point, in two statements', async () => {
    // One wave (the indicators, the scope, the series of the indicator and the population, the
    // stored count), then the points' kommuner.
    const { data, trips } = await counted(CORRELATION, { metric: 'COMPANIES', indicator: 'kommune-nm/kompetanse', year: 2022 });
    expect(data.correlation.points.length).toBeGreaterThan(0);
    expect(trips).toBe(2);
  });

  it('reads a commuting correlation over all 356 kommuner in two statements', async () => {
    const { data, trips } = await counted(CORRELATION, {
      metric: 'COMMUTING_PARTNERS', indicator: 'ssb/long-higher-education-share', year: 2021
    });
    expect(data.correlation.n).toBeGreaterThan(300);
    expect(data.correlation.partial.n).toBeGreaterThan(300);
    expect(trips).toBe(2);
  });

  it('reads the points\' kommuner with the selected properties only, and whole when a field needs the node', async () => {
    const variables = { metric: 'COMMUTING_OUT_SHARE', indicator: 'ssb/long-higher-education-share', year: 2021 };
    const projected = await counted(CORRELATION, variables);
    const kommuner = projected.statements.find((cypher) => cypher.includes('MATCH (k:Kommune) WHERE k.id IN $ids'))!;
    expect(kommuner).toContain('[k.id, k.key, k.name, k.nr, labels(k)]');
    expect(kommuner).not.toContain('.*');
    // `population` reads every year's figure: not in the table, so the points' kommuner load whole.
    const whole = await counted(CORRELATION.replace('kommune { id name }', 'kommune { id name population(year: 2022) }'), variables);
    expect(whole.statements.some((cypher) => cypher.includes('[k.id, k.key'))).toBe(false);
    expect(whole.trips).toBe(2);
    expect(whole.data.correlation.points.map((point: { kommune: { id: string; name: string } }) => ({ id: point.kommune.id, name: point.kommune.name })))
      .toEqual(projected.data.correlation.points.map((point: { kommune: unknown }) => point.kommune));
    expect(whole.data.correlation.points.find((point: { kommune: { id: string } }) => point.kommune.id === 'Kommune:3006').kommune.population).toBe(27879);
  });

  it('screens every measure against every indicator in a handful of statements, not one per series', async () => {
    const { data, trips } = await counted(SCREENING, { year: 2021, statistic: 'PEARSON' });
    expect(data.screening.pairs.length).toBeGreaterThan(100);
    expect(trips).toBeLessThanOrEqual(5);
  });

  it('profiles a kommune against all kommuner and its peers in a handful of statements, not one per measure', async () => {
    const { data, trips } = await counted(PROFILE, { kommune: '3006' });
    expect(data.kommuneProfile.measures.length).toBeGreaterThan(20);
    expect(data.kommuneProfile.indicators.length).toBeGreaterThan(3);
    expect(trips).toBeLessThanOrEqual(6);
  });
});
