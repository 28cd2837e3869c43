import type { CooperationMetric, Covariate, CoverageUniverse, PValueMethod, ScreeningStatistic, StatWarningCode } from '../../generated/graphql.js';
import type { IndicatorRecord } from '../ranking/mappers.js';
import { adjustBenjaminiHochberg, adjustHolm } from './adjust.js';
import {
  assembleCorrelation, checkConfidenceLevel, checkCovariateCount, loadCovariate, loadIndicator, type CorrelationRecord, type CovariateSeries,
} from './correlation.js';
import type { ConfidenceInterval } from './intervals.js';
import { loadMeasureSeries, type MeasureSeries } from './measureSeries.js';
import { MEASURE_INDICATOR_KEYS, MEASURES, POPULATION_INDICATOR } from './measures.js';
import type { StatisticsReads } from './reads.js';

/** Stands for "no year asked": the nearest held year to it is the latest. */
const LATEST = 9999;

export interface ScreeningRequest {
  metrics: readonly CooperationMetric[] | null;
  indicators: readonly string[] | null;
  year: number | null;
  fylkeNr: string | null;
  controlFor: readonly Covariate[];
  statistic: ScreeningStatistic;
  confidenceLevel: number;
}

export interface ScreeningPairRecord {
  metric: CooperationMetric;
  indicator: IndicatorRecord;
  year: number;
  metricYear: number | null;
  n: number;
  coefficient: number | null;
  interval: ConfidenceInterval | null;
  pValue: number | null;
  pValueMethod: PValueMethod | null;
  pAdjustedBH: number | null;
  pAdjustedHolm: number | null;
  pearson: number | null;
  spearman: number | null;
  higherIsBetter: boolean;
  universe: CoverageUniverse;
  warnings: StatWarningCode[];
}

export interface ScreeningRecord {
  statistic: ScreeningStatistic;
  partial: boolean;
  covariates: string[];
  confidenceLevel: number;
  year: number | null;
  fylkeNr: string | null;
  tests: number;
  pairs: ScreeningPairRecord[];
}

/** The cooperation measures a screening takes by default: every one that is cooperation (NEIGHBOURS is geography). */
export function defaultScreeningMetrics(): CooperationMetric[] {
  return [...MEASURES.values()].filter((d) => d.cooperation).map((d) => d.metric);
}

/** The indicators a screening or profile takes by default: every one that is neither a cooperation measure's source nor the population. */
export async function defaultIndicators(reads: StatisticsReads): Promise<IndicatorRecord[]> {
  const excluded = new Set([...MEASURE_INDICATOR_KEYS, POPULATION_INDICATOR]);
  return (await reads.indicators()).filter((indicator) => !excluded.has(indicator.key));
}

/** A pair of a screening: the tested coefficient of a correlation, the plain or the partial one. */
function pairOf(record: CorrelationRecord, statistic: ScreeningStatistic): Omit<ScreeningPairRecord, 'pAdjustedBH' | 'pAdjustedHolm'> {
  const spearman = statistic === 'SPEARMAN';
  const tested = record.partial
    ? {
        n: record.partial.n,
        coefficient: spearman ? record.partial.spearman : record.partial.pearson,
        interval: spearman ? record.partial.spearmanInterval : record.partial.pearsonInterval,
        pValue: spearman ? record.partial.spearmanPValue : record.partial.pValue,
        pValueMethod: record.partial.pValueMethod,
      }
    : {
        n: record.n,
        coefficient: spearman ? record.spearman : record.pearson,
        interval: spearman ? record.spearmanInterval : record.pearsonInterval,
        pValue: spearman ? record.spearmanPValue : record.pValue,
        pValueMethod: record.pValueMethod,
      };
  return {
    metric: record.metric, indicator: record.indicator, year: record.year, metricYear: record.metricYear, ...tested,
    pearson: record.pearson, spearman: record.spearman, higherIsBetter: record.higherIsBetter,
    universe: record.coverage.universe, warnings: record.warnings.map((w) => w.code),
  };
}

/**
 * Every metric × indicator pair, each assembled exactly as `correlation` assembles it for the
 * indicator's held year nearest `year` (the metric's and covariates' years nearest that), so a
 * pair can be checked against the single query. Each series loads once (`StatisticsReads`), and
 * the series of a wave in one statement. The p-values of the
 * tested coefficient are adjusted over the pairs that have one.
 */
export async function computeScreening(reads: StatisticsReads, request: ScreeningRequest): Promise<ScreeningRecord> {
  checkCovariateCount(request.controlFor);
  const confidenceLevel = checkConfidenceLevel(request.confidenceLevel);
  const metrics = request.metrics ? [...new Set(request.metrics)] : defaultScreeningMetrics();
  const indicators = request.indicators
    ? await Promise.all([...new Set(request.indicators)].map((key) => loadIndicator(reads, key, 'indicators')))
    : await defaultIndicators(reads);
  const target = request.year ?? LATEST;
  const [scope, indicatorSeries] = await Promise.all([
    reads.scope(request.fylkeNr),
    Promise.all(indicators.map((indicator) => reads.nearestYearSeries(indicator.key, target, null, request.fylkeNr))),
  ]);
  const measures = new Map<string, Promise<MeasureSeries>>();
  const measureFor = (metric: CooperationMetric, year: number) => {
    const key = `${metric}|${year}`;
    if (!measures.has(key)) measures.set(key, loadMeasureSeries(reads, metric, year, null));
    return measures.get(key)!;
  };
  const covariates = new Map<number, Promise<CovariateSeries[]>>();
  const covariatesFor = (year: number) => {
    if (!covariates.has(year)) covariates.set(year, Promise.all(request.controlFor.map((c) => loadCovariate(reads, c, year, request.fylkeNr))));
    return covariates.get(year)!;
  };

  const records = (await Promise.all(indicators.flatMap((indicator, i) => {
    const found = indicatorSeries[i];
    if (!found || found.chosen === null) return [];
    const year = found.chosen;
    return metrics.map(async (metric) => {
      const [measure, covariates] = await Promise.all([measureFor(metric, year), covariatesFor(year)]);
      return assembleCorrelation({
        metric, indicator, year, measure, series: found.series, scope, covariates, fylkeNr: request.fylkeNr, confidenceLevel,
      });
    });
  })));
  const pairs = records.map((record) => pairOf(record, request.statistic));
  const raw = pairs.map((pair) => pair.pValue);
  const adjusted = adjustedInOrder(pairs);
  return {
    statistic: request.statistic,
    partial: request.controlFor.length > 0,
    covariates: [...new Set(records.flatMap((r) => r.partial?.covariates ?? []))],
    confidenceLevel,
    year: request.year,
    fylkeNr: request.fylkeNr,
    tests: raw.filter((p) => p !== null).length,
    pairs: adjusted,
  };
}

/** What `adjustedInOrder` needs of a pair. */
interface ScreenedPair {
  metric: string;
  indicator: { key: string };
  coefficient: number | null;
  pValue: number | null;
}

/**
 * The pairs with their p-values adjusted for the family of tests (Benjamini–Hochberg and Holm),
 * in the screening's order: tested pairs first (a near-perfect coefficient of four curated
 * kommuner must not head the table above a moderate one over all 356: it has no p-value, being
 * too small a sample), then by strength of the coefficient, then by measure and indicator.
 */
export function adjustedInOrder<P extends ScreenedPair>(pairs: readonly P[]): (P & { pAdjustedBH: number; pAdjustedHolm: number })[] {
  const raw = pairs.map((pair) => pair.pValue);
  const bh = adjustBenjaminiHochberg(raw);
  const holm = adjustHolm(raw);
  const adjusted = pairs.map((pair, i) => ({ ...pair, pAdjustedBH: bh[i]!, pAdjustedHolm: holm[i]! }));
  const tested = (pair: ScreenedPair) => (pair.pValue === null ? 1 : 0);
  return adjusted.sort((a, b) => tested(a) - tested(b) || strength(b.coefficient) - strength(a.coefficient)
    || a.metric.localeCompare(b.metric) || a.indicator.key.localeCompare(b.indicator.key));
}

function strength(coefficient: number | null): number {
  return coefficient === null ? -1 : Math.abs(coefficient);
}
