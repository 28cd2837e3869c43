import type { Driver } from 'neo4j-driver';
import type { ScreeningStatistic } from '../../src/generated/graphql.js';
import { assembleCorrelation, type CorrelationRecord } from '../../src/modules/analytics/correlation.js';
import { DEFAULT_CONFIDENCE_LEVEL } from '../../src/modules/analytics/intervals.js';
import type { MeasureSeries } from '../../src/modules/analytics/measureSeries.js';
import { MEASURES } from '../../src/modules/analytics/measures.js';
import { adjustedInOrder } from '../../src/modules/analytics/screening.js';
import { standingOf, type Standing } from '../../src/modules/analytics/standing.js';
import { findAllSeries } from './repository.js';
import { allSeries, PROFILE_VALUE_KEYS, SCREENING_VALUE_KEYS } from './series.js';

/**
 * The floor's screening and kommune profile: one statement reads every series
 * (`findAllSeries`), then the same statistics functions as ours (correlation assembly,
 * p-value adjustment, standing) give the same JSON.
 */

/** Stands for "no year asked": the nearest held year to it is the latest. */
const LATEST = 9999;
const PEER_FACTOR = 2;

async function readAll(driver: Driver, target: number, valueKeys: readonly string[]) {
  const row = (await findAllSeries(driver, target, valueKeys))[0];
  if (!row) throw new Error('No series');
  return allSeries(row);
}

/** The tested coefficient of a screening pair (the plain one: the benchmark controls for nothing). */
function testedOf(record: CorrelationRecord, statistic: ScreeningStatistic) {
  const spearman = statistic === 'SPEARMAN';
  return { n: record.n, coefficient: spearman ? record.spearman : record.pearson, pValue: spearman ? record.spearmanPValue : record.pValue };
}


/** `screening(year, statistic)`: every cooperation measure against every default indicator. */
export async function screening(driver: Driver, variables: Record<string, unknown>) {
  const year = typeof variables.year === 'number' ? variables.year : null;
  const statistic = variables.statistic as ScreeningStatistic;
  const all = await readAll(driver, year ?? LATEST, SCREENING_VALUE_KEYS);
  const metrics = [...MEASURES.values()].filter((d) => d.cooperation).map((d) => d.metric);
  const scope = all.kommuner.map((k) => ({ kommuneId: k.kommuneId, curated: k.curated }));
  const pairs = all.indicators.flatMap(({ indicator, year: chosen, series }) => metrics.map((metric) => {
    const record = assembleCorrelation({
      metric, indicator, year: chosen, measure: all.measure(metric, chosen), series, scope, covariates: [], fylkeNr: null, confidenceLevel: DEFAULT_CONFIDENCE_LEVEL,
    });
    return { metric, indicator: { key: indicator.key }, year: chosen, metricYear: record.metricYear, ...testedOf(record, statistic), warnings: record.warnings.map((w) => w.code) };
  }));
  const raw = pairs.map((pair) => pair.pValue);
  return { screening: { statistic, tests: raw.filter((p) => p !== null).length, year, pairs: adjustedInOrder(pairs) } };
}

const shown = ({ n, rank, percentile, median }: Standing) => ({ n, rank, percentile, median });

function entry(kommuneId: string, values: ReadonlyMap<string, number>, peers: ReadonlySet<string>, higherIsBetter: boolean) {
  const value = values.get(kommuneId) ?? null;
  const peerValues = [...values].filter(([id]) => peers.has(id)).map(([, v]) => v);
  return { value, all: shown(standingOf(value, [...values.values()], higherIsBetter)), peers: shown(standingOf(value, peerValues, higherIsBetter)) };
}

/** Only the kommuner a measure covers: for a CURATED measure the curated ones. */
function covered(measure: MeasureSeries, curated: ReadonlySet<string>): Map<string, number> {
  if (measure.definition.universe === 'ALL_KOMMUNER') return measure.values;
  return new Map([...measure.values].filter(([id]) => curated.has(id)));
}

/** `kommuneProfile(kommune)`: every measure and default indicator, among all kommuner and among size peers. */
export async function kommuneProfile(driver: Driver, variables: Record<string, unknown>) {
  const all = await readAll(driver, LATEST, PROFILE_VALUE_KEYS);
  const kommune = all.kommuner.find((k) => k.nr === String(variables.kommune));
  if (!kommune) throw new Error(`No kommune has the number "${String(variables.kommune)}"`);
  const populationYear = all.population.years.at(-1) ?? null;
  const residents = populationYear === null ? new Map<string, number>() : all.population.of(populationYear);
  const own = residents.get(kommune.kommuneId) ?? null;
  const peers = new Set(own === null || own <= 0 ? [] : [...residents].filter(([, p]) => p >= own / PEER_FACTOR && p <= own * PEER_FACTOR).map(([id]) => id));
  const curated = new Set(all.kommuner.filter((k) => k.curated).map((k) => k.kommuneId));
  return {
    kommuneProfile: {
      kommune: { id: kommune.kommuneId, nr: kommune.nr, name: kommune.name },
      year: null,
      peerGroup: { size: peers.size, factor: PEER_FACTOR, populationYear },
      measures: [...MEASURES.keys()].map((metric) => {
        const measure = all.measure(metric, LATEST);
        return { key: metric, metric, year: measure.year, ...entry(kommune.kommuneId, covered(measure, curated), peers, true) };
      }),
      indicators: all.indicators.map(({ indicator, year, series }) => ({
        key: indicator.key, indicator: { key: indicator.key }, year,
        ...entry(kommune.kommuneId, new Map(series.map((point) => [point.kommuneId, point.value])), peers, indicator.higherIsBetter),
      })),
    },
  };
}
