import type { Database } from '../../db/database.js';
import { badInput, notFound } from '../../errors.js';
import type { CooperationMetric, Covariate, CoverageUniverse, StatWarningCode } from '../../generated/graphql.js';
import { mapIndicator, type IndicatorRecord } from '../ranking/mappers.js';
import { findIndicators } from '../ranking/repository.js';
import { countSeries } from './countStore.js';
import { loadMeasureSeries } from './measureSeries.js';
import { MIN_SAMPLE_FOR_INFERENCE, nearestYear, POPULATION_INDICATOR, type MeasureSource } from './measures.js';
import { findIndicatorSeries, findKommuneScope, findNearestYearSeries } from './repository.js';
import { correlate, partialCorrelate, type Coefficients, type Partial } from './statistics.js';

interface CorrelationRequest {
  metric: CooperationMetric;
  indicator: string;
  year: number;
  fylkeNr: string | null;
  controlFor: readonly Covariate[];
  /** The year of the metric; null: the held year nearest `year`. */
  metricYear: number | null;
}

export interface CoverageRecord {
  universe: CoverageUniverse;
  /** Kommuner in the scope (all, or the fylke's). */
  kommuner: number;
  /** Of those, how many the metric has a figure for (for CURATED: how many are curated and counted). */
  measured: number;
  year: number | null;
  populationYear: number | null;
  source: MeasureSource;
}

export interface StatWarning {
  code: StatWarningCode;
  message: string;
}

export interface CorrelationRecord extends Coefficients {
  metric: CooperationMetric;
  indicator: IndicatorRecord;
  year: number;
  metricYear: number | null;
  coverage: CoverageRecord;
  warnings: StatWarning[];
  fylkeNr: string | null;
  higherIsBetter: boolean;
  partial: (Partial & { covariates: string[] }) | null;
  points: CorrelationPointRecord[];
}

export interface CorrelationPointRecord {
  kommuneId: string;
  x: number;
  y: number;
}

const MAX_COVARIATES = 5;

async function loadIndicator(db: Database, key: string, argumentName: string): Promise<IndicatorRecord> {
  const raw = (await findIndicators(db, [key]))[0];
  if (!raw) throw notFound(`No indicator has the key "${key.slice(0, 80)}" (argument ${argumentName}); see Query.indicators.`);
  return mapIndicator(raw);
}

interface CovariateSeries {
  label: string;
  values: Map<string, number>;
}

async function covariateSeries(db: Database, covariate: Covariate, year: number, fylkeNr: string | null): Promise<CovariateSeries> {
  if (covariate.kind === 'NEIGHBOURS') {
    // A live count of the geography, not dated by the request: the boundaries of 2020.
    const rows = await countSeries(db, 'neighbours');
    return { label: 'neighbours', values: new Map(rows.flatMap((row) => (row.value === null ? [] : [[row.kommuneId, row.value] as const]))) };
  }
  const key = covariate.kind === 'LOG_POPULATION' ? POPULATION_INDICATOR : covariate.indicator;
  if (!key) throw badInput('A covariate of kind INDICATOR needs `indicator`.', 'controlFor');
  // The years and the series of the year chosen from them come in the same wave as the indicator.
  const [indicator, found] = await Promise.all([
    loadIndicator(db, key, 'controlFor'),
    findNearestYearSeries(db, key, year, covariate.year ?? null, fylkeNr),
  ]);
  if (indicator.kind !== 'VALUE') throw badInput(`Covariate ${key} is a RANK indicator; control for VALUE indicators only.`, 'controlFor');
  const years = found?.years ?? [];
  const chosen = covariate.year ?? nearestYear(years, year);
  if (chosen === null || !years.includes(chosen)) {
    throw badInput(`Indicator ${key} holds no values for ${covariate.year ?? year} (years held: ${years.join(', ') || 'none'}).`, 'controlFor');
  }
  // The statement picks the year by the same rule; should the two ever differ, this one decides.
  const series = found?.chosen === chosen ? found.series : await findIndicatorSeries(db, key, chosen, fylkeNr);
  const logged = covariate.kind === 'LOG_POPULATION';
  return {
    label: logged ? `log population ${chosen}` : `${key} ${chosen}`,
    values: new Map(series.filter((row) => !logged || row.value > 0).map((row) => [row.kommuneId, logged ? Math.log(row.value) : row.value])),
  };
}

/**
 * Relates a cooperation metric to an indicator over kommuner: the plain coefficients over
 * every kommune with both values, and partial ones over those that also have every covariate.
 * Only kommuner the metric covers enter: for a CURATED measure the curated kommuner, never the
 * others as zeros. Below `MIN_SAMPLE_FOR_INFERENCE` kommuner no p-value is given. The series,
 * the scope and the covariates load concurrently.
 */
export async function computeCorrelation(db: Database, request: CorrelationRequest): Promise<CorrelationRecord> {
  if (request.controlFor.length > MAX_COVARIATES) throw badInput(`At most ${MAX_COVARIATES} covariates.`, 'controlFor');
  // Covariates do not depend on the series, so they load concurrently with them; their errors
  // are reported after those of the metric and indicator, as when they loaded afterwards.
  const covariatesLoading = Promise.allSettled(request.controlFor.map((c) => covariateSeries(db, c, request.year, request.fylkeNr)));
  const [indicator, measure, series, scope] = await Promise.all([
    loadIndicator(db, request.indicator, 'indicator'),
    loadMeasureSeries(db, request.metric, request.year, request.metricYear),
    findIndicatorSeries(db, request.indicator, request.year, request.fylkeNr),
    findKommuneScope(db, request.fylkeNr),
  ]);
  const { definition } = measure;
  const covered = new Set(scope.filter((k) => definition.universe === 'ALL_KOMMUNER' || k.curated).map((k) => k.kommuneId));
  const measuredIds = [...covered].filter((id) => measure.values.has(id));
  const points = series
    .filter((row) => covered.has(row.kommuneId) && measure.values.has(row.kommuneId))
    .map((row) => ({ kommuneId: row.kommuneId, x: measure.values.get(row.kommuneId)!, y: row.value }));
  const coefficients = correlate(points.map((p) => p.x), points.map((p) => p.y));
  const warnings: StatWarning[] = [];
  const warn = (code: StatWarningCode, message: string) => warnings.push({ code, message });
  if (coefficients.note) warn('COEFFICIENTS_UNDEFINED', coefficients.note);
  if (definition.universe === 'CURATED') {
    warn('CURATED_COVERAGE', `${request.metric} counts curated ecosystem facts, which exist for ${measuredIds.length} of ${scope.length} kommuner; only those enter, and they are not a random sample.`);
  } else if (measuredIds.length < scope.length) {
    warn('UNMEASURED_KOMMUNER', `${scope.length - measuredIds.length} of ${scope.length} kommuner have no figure for ${request.metric}${measure.year === null ? '' : ` in ${measure.year}`} and are left out.`);
  }
  const tooSmall = points.length < MIN_SAMPLE_FOR_INFERENCE;
  if (tooSmall) {
    warn('COVERAGE_TOO_SMALL', `Only ${points.length} kommune(r) enter; p-values need at least ${MIN_SAMPLE_FOR_INFERENCE} and are not given.`);
  }
  if (!definition.cooperation) warn('NOT_COOPERATION', `${request.metric} is geography, a baseline to compare cooperation measures with, not cooperation.`);
  if (measure.year !== null && measure.year !== request.year) {
    warn('METRIC_YEAR_DIFFERS', `${request.metric} is read for ${measure.year} (years held: ${measure.years.join(', ')}); the indicator for ${request.year}.`);
  }
  if (measure.populationYear !== null && measure.year !== null && measure.populationYear !== measure.year) {
    warn('POPULATION_YEAR_DIFFERS', `No population is held for ${measure.year}; ${request.metric} divides by the population of ${measure.populationYear}, the nearest year held.`);
  }
  if (indicator.kind === 'RANK' && series.length < scope.length) {
    warn('PARTIAL_RANKS', `Only ${series.length} of ${scope.length} kommuner have a published rank for this edition; the sample is the published (mostly top) ranks, not a random one.`);
  }
  const conflicting = series.filter((row) => row.claims > 1).length;
  if (conflicting > 0) warn('CONFLICTING_RANKS', `${conflicting} kommune(r) have conflicting published ranks; the claim with most sources (then the better rank) was used.`);

  let partial: CorrelationRecord['partial'] = null;
  if (request.controlFor.length > 0) {
    const covariates = (await covariatesLoading).map((settled) => {
      if (settled.status === 'rejected') throw settled.reason;
      return settled.value;
    });
    const complete = points.filter((point) => covariates.every((c) => c.values.has(point.kommuneId)));
    const rows = complete.map((point) => covariates.map((c) => c.values.get(point.kommuneId)!));
    const computed = partialCorrelate(complete.map((p) => p.x), complete.map((p) => p.y), rows);
    partial = { covariates: covariates.map((c) => c.label), ...computed, pValue: tooSmall || complete.length < MIN_SAMPLE_FOR_INFERENCE ? null : computed.pValue };
  }
  return {
    ...coefficients,
    ...(tooSmall ? { pValue: null, spearmanPValue: null } : {}),
    note: warnings.map((w) => w.message).join(' ') || null,
    metric: request.metric,
    indicator,
    year: request.year,
    metricYear: measure.year,
    coverage: {
      universe: definition.universe,
      kommuner: scope.length,
      measured: measuredIds.length,
      year: measure.year,
      populationYear: measure.populationYear,
      source: definition.source,
    },
    warnings,
    fylkeNr: request.fylkeNr,
    higherIsBetter: indicator.higherIsBetter,
    partial,
    points,
  };
}
