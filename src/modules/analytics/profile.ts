import MultivariateLinearRegression from 'ml-regression-multivariate-linear';
import { badInput } from '../../errors.js';
import type { CooperationMetric, CoverageUniverse } from '../../generated/graphql.js';
import type { IndicatorRecord } from '../ranking/mappers.js';
import { loadIndicator } from './correlation.js';
import { loadMeasureSeries, type MeasureSeries } from './measureSeries.js';
import { MEASURES, POPULATION_INDICATOR } from './measures.js';
import type { StatisticsReads } from './reads.js';
import { defaultIndicators } from './screening.js';
import { standingOf, type Standing } from './standing.js';

/** Stands for "no year asked": the nearest held year to it is the latest. */
const LATEST = 9999;
export const DEFAULT_PEER_FACTOR = 2;

export interface PeerGroupRecord {
  definition: string;
  population: number | null;
  populationYear: number | null;
  lowerBound: number | null;
  upperBound: number | null;
  factor: number;
  size: number;
  kommuneIds: string[];
}

export interface ProfileEntryRecord {
  key: string;
  metric: CooperationMetric | null;
  indicator: IndicatorRecord | null;
  year: number | null;
  value: number | null;
  higherIsBetter: boolean;
  universe: CoverageUniverse | null;
  all: Standing;
  peers: Standing;
}

export interface ProfileResidualRecord {
  metric: CooperationMetric;
  indicator: IndicatorRecord;
  year: number;
  metricYear: number | null;
  populationYear: number | null;
  n: number;
  observed: number | null;
  predicted: number | null;
  residual: number | null;
  standardisedResidual: number | null;
  rank: number | null;
  percentile: number | null;
  intercept: number | null;
  metricCoefficient: number | null;
  logPopulationCoefficient: number | null;
  rSquared: number | null;
}

interface IndicatorSeries {
  indicator: IndicatorRecord;
  year: number;
  values: Map<string, number>;
}

export interface KommuneProfileRecord {
  kommuneId: string;
  year: number | null;
  peerGroup: PeerGroupRecord;
  measures: ProfileEntryRecord[];
  indicators: ProfileEntryRecord[];
  /** What the residuals are computed from, on demand. */
  context: { reads: StatisticsReads; indicatorSeries: IndicatorSeries[] };
}

function peerGroupOf(kommuneId: string, population: Map<string, number>, populationYear: number | null, factor: number): PeerGroupRecord {
  const own = population.get(kommuneId) ?? null;
  const definition = `Kommuner whose population on 1 January ${populationYear ?? '(none held)'} is between the kommune's divided by ${factor} and multiplied by ${factor}, the kommune included.`;
  if (own === null || own <= 0) {
    return { definition, population: own, populationYear, lowerBound: null, upperBound: null, factor, size: 0, kommuneIds: [] };
  }
  const lowerBound = own / factor;
  const upperBound = own * factor;
  const kommuneIds = [...population].filter(([, p]) => p >= lowerBound && p <= upperBound).map(([id]) => id).sort();
  return { definition, population: own, populationYear, lowerBound, upperBound, factor, size: kommuneIds.length, kommuneIds };
}

function entryOf(
  base: Pick<ProfileEntryRecord, 'key' | 'metric' | 'indicator' | 'year' | 'higherIsBetter' | 'universe'>,
  kommuneId: string, values: ReadonlyMap<string, number>, peers: ReadonlySet<string>,
): ProfileEntryRecord {
  const value = values.get(kommuneId) ?? null;
  const all = [...values.values()];
  const peerValues = [...values].filter(([id]) => peers.has(id)).map(([, v]) => v);
  return { ...base, value, all: standingOf(value, all, base.higherIsBetter), peers: standingOf(value, peerValues, base.higherIsBetter) };
}

/** Only the kommuner a measure covers: for a CURATED measure the curated ones, never the others as zeros. */
function coveredValues(measure: MeasureSeries, curated: ReadonlySet<string>): Map<string, number> {
  if (measure.definition.universe === 'ALL_KOMMUNER') return measure.values;
  return new Map([...measure.values].filter(([id]) => curated.has(id)));
}

/**
 * One kommune against all kommuner and its size peers: every cooperation measure (for the year
 * nearest `year`, default the latest) and every default indicator, with value, rank, percentile
 * and the distribution. Peers are fixed by the population of the latest year held (or the one
 * nearest `year`), so anyone can rebuild the group from the population CSV.
 */
export async function computeProfile(reads: StatisticsReads, kommuneId: string, year: number | null, factor: number): Promise<KommuneProfileRecord> {
  if (!(factor > 1 && factor <= 10)) throw badInput(`peerFactor must be above 1 and at most 10 (default ${DEFAULT_PEER_FACTOR}); got ${factor}.`, 'peerFactor');
  const target = year ?? LATEST;
  const [population, scope, indicators] = await Promise.all([
    reads.nearestYearSeries(POPULATION_INDICATOR, target, null, null),
    reads.scope(null),
    defaultIndicators(reads),
  ]);
  const residents = new Map((population?.series ?? []).map((row) => [row.kommuneId, row.value]));
  const peerGroup = peerGroupOf(kommuneId, residents, population?.chosen ?? null, factor);
  const peers = new Set(peerGroup.kommuneIds);
  const curated = new Set(scope.filter((k) => k.curated).map((k) => k.kommuneId));
  const [measureSeries, indicatorFound] = await Promise.all([
    Promise.all([...MEASURES.keys()].map((metric) => loadMeasureSeries(reads, metric, target, null))),
    Promise.all(indicators.map((indicator) => reads.nearestYearSeries(indicator.key, target, null, null))),
  ]);
  const measures = measureSeries.map((measure) => entryOf({
    key: measure.definition.metric, metric: measure.definition.metric, indicator: null, year: measure.year,
    higherIsBetter: true, universe: measure.definition.universe,
  }, kommuneId, coveredValues(measure, curated), peers));
  const indicatorSeries = indicators.flatMap((indicator, i): IndicatorSeries[] => {
    const found = indicatorFound[i];
    return found && found.chosen !== null
      ? [{ indicator, year: found.chosen, values: new Map(found.series.map((row) => [row.kommuneId, row.value])) }]
      : [];
  });
  const indicatorEntries = indicatorSeries.map(({ indicator, year: chosen, values }) => entryOf({
    key: indicator.key, metric: null, indicator, year: chosen, higherIsBetter: indicator.higherIsBetter, universe: null,
  }, kommuneId, values, peers));
  return { kommuneId, year, peerGroup, measures, indicators: indicatorEntries, context: { reads, indicatorSeries } };
}

/** The cooperation measures residuals are computed for by default: those every kommune is measured on. */
function defaultResidualMetrics(): CooperationMetric[] {
  return [...MEASURES.values()].filter((d) => d.cooperation && d.universe === 'ALL_KOMMUNER').map((d) => d.metric);
}

type Fit = Omit<ProfileResidualRecord, 'metric' | 'indicator' | 'year' | 'metricYear' | 'populationYear' | 'n'>;

const NO_FIT: Fit = {
  observed: null, predicted: null, residual: null, standardisedResidual: null, rank: null, percentile: null,
  intercept: null, metricCoefficient: null, logPopulationCoefficient: null, rSquared: null,
};

/**
 * Least squares of the indicator on the metric and log population over every kommune with all
 * three (the metric's and population's years nearest the indicator's), and the kommune's
 * residual: how much higher its indicator is than its cooperation and size predict.
 */
export async function computeResiduals(
  profile: KommuneProfileRecord, metrics: readonly CooperationMetric[] | null, indicatorKeys: readonly string[] | null,
): Promise<ProfileResidualRecord[]> {
  const { reads, indicatorSeries } = profile.context;
  const wanted = indicatorKeys
    ? await Promise.all(indicatorKeys.map(async (key) => indicatorSeries.find((s) => s.indicator.key === key) ?? loadIndicatorForResidual(reads, key, profile.year)))
    : indicatorSeries;
  const chosenMetrics = metrics ?? defaultResidualMetrics();
  const scope = await reads.scope(null);
  const curated = new Set(scope.filter((k) => k.curated).map((k) => k.kommuneId));
  // Per year, not per pair: the series are read once by `reads`, and mapped once here.
  const populations = new Map<number, Promise<{ chosen: number | null; logPopulation: Map<string, number> }>>();
  const populationFor = (year: number) => {
    if (!populations.has(year)) {
      populations.set(year, reads.nearestYearSeries(POPULATION_INDICATOR, year, null, null).then((population) => ({
        chosen: population?.chosen ?? null,
        logPopulation: new Map((population?.series ?? []).filter((row) => row.value > 0).map((row) => [row.kommuneId, Math.log(row.value)])),
      })));
    }
    return populations.get(year)!;
  };
  const measures = new Map<string, Promise<MeasureSeries>>();
  const measureFor = (metric: CooperationMetric, year: number) => {
    const key = `${metric}|${year}`;
    if (!measures.has(key)) measures.set(key, loadMeasureSeries(reads, metric, year, null));
    return measures.get(key)!;
  };
  const results = await Promise.all(wanted.flatMap((series) => chosenMetrics.map(async (metric) => {
    const [measure, { chosen: populationYear, logPopulation }] = await Promise.all([measureFor(metric, series.year), populationFor(series.year)]);
    const x = coveredValues(measure, curated);
    const ids = [...series.values.keys()].filter((id) => x.has(id) && logPopulation.has(id));
    const base = {
      metric, indicator: series.indicator, year: series.year, metricYear: measure.year, populationYear, n: ids.length,
    };
    return { ...base, ...fitResidual(ids, profile.kommuneId, x, logPopulation, series.values, series.indicator.higherIsBetter) };
  })));
  return results;
}

async function loadIndicatorForResidual(reads: StatisticsReads, key: string, year: number | null): Promise<IndicatorSeries> {
  const [indicator, found] = await Promise.all([loadIndicator(reads, key, 'indicators'), reads.nearestYearSeries(key, year ?? LATEST, null, null)]);
  if (!found || found.chosen === null) throw badInput(`Indicator ${key} holds no figures.`, 'indicators');
  return { indicator, year: found.chosen, values: new Map(found.series.map((row) => [row.kommuneId, row.value])) };
}

function fitResidual(
  ids: readonly string[], kommuneId: string, x: ReadonlyMap<string, number>, logPopulation: ReadonlyMap<string, number>,
  y: ReadonlyMap<string, number>, higherIsBetter: boolean,
): Fit {
  const n = ids.length;
  const inputs = ids.map((id) => [x.get(id)!, logPopulation.get(id)!]);
  const outputs = ids.map((id) => y.get(id)!);
  const constant = (values: number[]) => values.every((v) => v === values[0]);
  if (n < 4 || constant(inputs.map((row) => row[0]!)) || constant(outputs)) return { ...NO_FIT, observed: y.get(kommuneId) ?? null };
  const regression = new MultivariateLinearRegression(inputs, outputs.map((v) => [v]), { intercept: true });
  const predicted = (regression.predict(inputs) as number[][]).map((row) => row[0]!);
  const residuals = outputs.map((v, i) => v - predicted[i]!);
  const rss = residuals.reduce((sum, r) => sum + r * r, 0);
  const mean = outputs.reduce((a, b) => a + b, 0) / n;
  const tss = outputs.reduce((sum, v) => sum + (v - mean) ** 2, 0);
  const weights = regression.weights as number[][];
  const fit = { intercept: weights[2]![0]!, metricCoefficient: weights[0]![0]!, logPopulationCoefficient: weights[1]![0]!, rSquared: 1 - rss / tss };
  const index = ids.indexOf(kommuneId);
  if (index < 0) return { ...NO_FIT, ...fit, observed: y.get(kommuneId) ?? null };
  const residual = residuals[index]!;
  const standing = standingOf(residual, residuals, higherIsBetter);
  return {
    ...fit, observed: outputs[index]!, predicted: predicted[index]!, residual,
    standardisedResidual: rss > 0 && n > 3 ? residual / Math.sqrt(rss / (n - 3)) : null,
    rank: standing.rank, percentile: standing.percentile,
  };
}
