import { badInput, notFound } from '../../errors.js';
import type { CooperationMetric, Covariate, CovariateKind, CoverageUniverse, SeriesRole, StatWarningCode } from '../../generated/graphql.js';
import type { IndicatorRecord } from '../ranking/mappers.js';
import type { KommuneRecord } from '../kommune/mappers.js';
import type { ConfidenceInterval } from './intervals.js';
import { loadMeasureSeries, type MeasureSeries } from './measureSeries.js';
import { nearestYear, POPULATION_INDICATOR, type MeasureSource } from './measures.js';
import type { StatisticsReads } from './reads.js';
import type { NearestYearSeries } from './repository.js';
import { correlate, MIN_SAMPLE_FOR_INFERENCE, partialCorrelate, type Coefficients, type Partial, type PValueMethod } from './statistics.js';

interface CorrelationRequest {
  metric: CooperationMetric;
  indicator: string;
  year: number;
  fylkeNr: string | null;
  controlFor: readonly Covariate[];
  /** The year of the metric; null: the held year nearest `year`. */
  metricYear: number | null;
  confidenceLevel: number;
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

export interface CovariateUsed {
  kind: CovariateKind;
  indicator: string | null;
  year: number | null;
  label: string;
}

export interface PartialRecord extends Partial {
  covariates: string[];
  controls: CovariateUsed[];
  pValueMethod: PValueMethod | null;
}

export interface CorrelationRecord extends Coefficients {
  metric: CooperationMetric;
  indicator: IndicatorRecord;
  year: number;
  metricYear: number | null;
  confidenceLevel: number;
  coverage: CoverageRecord;
  warnings: StatWarning[];
  fylkeNr: string | null;
  higherIsBetter: boolean;
  ties: { x: number; y: number };
  series: { role: SeriesRole; name: string; year: number | null }[];
  partial: PartialRecord | null;
  points: CorrelationPointRecord[];
  pearsonInterval: ConfidenceInterval | null;
  spearmanInterval: ConfidenceInterval | null;
}

export interface CorrelationPointRecord {
  kommuneId: string;
  x: number;
  y: number;
  /** The kommune as read for the fields selected of it (see `Query.correlation`); absent: load it whole. */
  kommune?: KommuneRecord;
}

const MAX_COVARIATES = 5;
/** Below this the t approximation of a partial p-value is rough (the plain ones switch to permutations there). */
const PARTIAL_T_MIN_N = 30;

/** The confidence level, checked: a GraphQL error listing the range when outside it. */
export function checkConfidenceLevel(level: number): number {
  if (!(level >= 0.5 && level <= 0.999)) throw badInput(`confidenceLevel must be between 0.5 and 0.999 (e.g. 0.95); got ${level}.`, 'confidenceLevel');
  return level;
}

export function checkCovariateCount(controlFor: readonly Covariate[]): void {
  if (controlFor.length > MAX_COVARIATES) throw badInput(`At most ${MAX_COVARIATES} covariates.`, 'controlFor');
}

export async function loadIndicator(reads: StatisticsReads, key: string, argumentName: string): Promise<IndicatorRecord> {
  const indicator = await reads.indicator(key);
  if (!indicator) throw notFound(`No indicator has the key "${key.slice(0, 80)}" (argument ${argumentName}); see Query.indicators.`);
  return indicator;
}

export interface CovariateSeries {
  used: CovariateUsed;
  values: Map<string, number>;
}

export async function loadCovariate(reads: StatisticsReads, covariate: Covariate, year: number, fylkeNr: string | null): Promise<CovariateSeries> {
  if (covariate.kind === 'NEIGHBOURS') {
    // A live count of the geography, not dated by the request: the boundaries of 2020.
    const rows = await reads.countSeries('neighbours');
    return {
      used: { kind: 'NEIGHBOURS', indicator: null, year: null, label: 'neighbours' },
      values: new Map(rows.flatMap((row) => (row.value === null ? [] : [[row.kommuneId, row.value] as const]))),
    };
  }
  const key = covariate.kind === 'LOG_POPULATION' ? POPULATION_INDICATOR : covariate.indicator;
  if (!key) throw badInput('A covariate of kind INDICATOR needs `indicator`.', 'controlFor');
  // The years and the series of the year chosen from them come in the same wave as the indicator.
  const [indicator, found] = await Promise.all([
    loadIndicator(reads, key, 'controlFor'),
    reads.nearestYearSeries(key, year, covariate.year ?? null, fylkeNr),
  ]);
  if (indicator.kind !== 'VALUE') throw badInput(`Covariate ${key} is a RANK indicator; control for VALUE indicators only.`, 'controlFor');
  const years = found?.years ?? [];
  const chosen = covariate.year ?? nearestYear(years, year);
  if (chosen === null || !years.includes(chosen)) {
    throw badInput(`Indicator ${key} holds no values for ${covariate.year ?? year} (years held: ${years.join(', ') || 'none'}).`, 'controlFor');
  }
  // The statement picks the year by the same rule; should the two ever differ, this one decides.
  const series = found?.chosen === chosen ? found.series : (await reads.nearestYearSeries(key, chosen, chosen, fylkeNr))!.series;
  const logged = covariate.kind === 'LOG_POPULATION';
  return {
    used: { kind: covariate.kind, indicator: key, year: chosen, label: logged ? `log population ${chosen}` : `${key} ${chosen}` },
    values: new Map(series.filter((row) => !logged || row.value > 0).map((row) => [row.kommuneId, logged ? Math.log(row.value) : row.value])),
  };
}

/** An indicator's series for exactly `year`, from a `NearestYearSeries`: a year it does not hold is BAD_USER_INPUT listing those it does. */
export function heldYearSeries(key: string, year: number, found: NearestYearSeries) {
  const years = found?.years ?? [];
  if (!found || !years.includes(year)) {
    throw badInput(`Indicator ${key} holds no figures for ${year}; years held: ${years.join(', ') || 'none'}.`, 'year');
  }
  return found.series;
}

/** Everything a correlation is computed from, loaded; screening loads each series once and assembles many. */
export interface CorrelationInputs {
  metric: CooperationMetric;
  indicator: IndicatorRecord;
  year: number;
  measure: MeasureSeries;
  series: readonly { kommuneId: string; value: number; claims: number }[];
  scope: readonly { kommuneId: string; curated: boolean }[];
  covariates: readonly CovariateSeries[];
  fylkeNr: string | null;
  confidenceLevel: number;
}

/**
 * Relates a cooperation metric to an indicator over kommuner: the plain coefficients over
 * every kommune with both values, and partial ones over those that also have every covariate.
 * Only kommuner the metric covers enter: for a CURATED measure the curated kommuner, never the
 * others as zeros. Every caveat leaves as a warning with a code.
 */
export function assembleCorrelation(inputs: CorrelationInputs): CorrelationRecord {
  const { metric, indicator, year, measure, series, scope, covariates, confidenceLevel } = inputs;
  const { definition } = measure;
  const covered = new Set(scope.filter((k) => definition.universe === 'ALL_KOMMUNER' || k.curated).map((k) => k.kommuneId));
  const measuredIds = [...covered].filter((id) => measure.values.has(id));
  const points = series
    .filter((row) => covered.has(row.kommuneId) && measure.values.has(row.kommuneId))
    .map((row) => ({ kommuneId: row.kommuneId, x: measure.values.get(row.kommuneId)!, y: row.value }));
  const coefficients = correlate(points.map((p) => p.x), points.map((p) => p.y), confidenceLevel);
  const warnings: StatWarning[] = [];
  const warn = (code: StatWarningCode, message: string) => warnings.push({ code, message });
  if (coefficients.note) warn('COEFFICIENTS_UNDEFINED', coefficients.note);
  if (coefficients.constant) {
    warn('CONSTANT_SERIES', `The ${coefficients.constant === 'x' ? `metric ${metric}` : `indicator ${indicator.key}`} has one value for all ${points.length} kommuner entered.`);
  }
  if (definition.universe === 'CURATED') {
    warn('CURATED_COVERAGE', `${metric} counts curated ecosystem facts, which exist for ${measuredIds.length} of ${scope.length} kommuner; only those enter, and they are not a random sample.`);
  } else if (measuredIds.length < scope.length) {
    warn('UNMEASURED_KOMMUNER', `${scope.length - measuredIds.length} of ${scope.length} kommuner have no figure for ${metric}${measure.year === null ? '' : ` in ${measure.year}`} and are left out.`);
  }
  if (points.length < MIN_SAMPLE_FOR_INFERENCE) {
    warn('COVERAGE_TOO_SMALL', `Only ${points.length} kommune(r) enter; p-values need at least ${MIN_SAMPLE_FOR_INFERENCE} and are not given.`);
  }
  if (coefficients.pValueMethod === 'EXACT_PERMUTATION') {
    warn('EXACT_PERMUTATION', `With ${points.length} kommuner the p-values are exact: all ${coefficients.permutations} pairings of the points.`);
  } else if (coefficients.pValueMethod === 'MONTE_CARLO_PERMUTATION') {
    warn('MONTE_CARLO_PERMUTATION', `With ${points.length} kommuner the p-values come from ${coefficients.permutations} seeded random pairings (smallest possible p: ${(2 / (coefficients.permutations! + 1)).toPrecision(2)}).`);
  }
  if (coefficients.tiedX > 0 || coefficients.tiedY > 0) {
    warn('TIES', `${coefficients.tiedX} of ${points.length} kommuner share their metric value with another, ${coefficients.tiedY} their indicator value; Spearman uses average ranks.`);
  }
  if (!definition.cooperation) warn('NOT_COOPERATION', `${metric} is geography, a baseline to compare cooperation measures with, not cooperation.`);
  if (measure.year !== null && measure.year !== year) {
    warn('METRIC_YEAR_DIFFERS', `${metric} is read for ${measure.year} (years held: ${measure.years.join(', ')}); the indicator for ${year}.`);
  }
  if (measure.populationYear !== null && measure.year !== null && measure.populationYear !== measure.year) {
    warn('POPULATION_YEAR_DIFFERS', `No population is held for ${measure.year}; ${metric} divides by the population of ${measure.populationYear}, the nearest year held.`);
  }
  if (indicator.kind === 'RANK' && series.length < scope.length) {
    warn('PARTIAL_RANKS', `Only ${series.length} of ${scope.length} kommuner have a published rank for this edition; the sample is the published (mostly top) ranks, not a random one.`);
  }
  const conflicting = series.filter((row) => row.claims > 1).length;
  if (conflicting > 0) warn('CONFLICTING_RANKS', `${conflicting} kommune(r) have conflicting published ranks; the claim with most sources (then the better rank) was used.`);

  let partial: PartialRecord | null = null;
  if (covariates.length > 0) {
    const complete = points.filter((point) => covariates.every((c) => c.values.has(point.kommuneId)));
    const rows = complete.map((point) => covariates.map((c) => c.values.get(point.kommuneId)!));
    const computed = partialCorrelate(complete.map((p) => p.x), complete.map((p) => p.y), rows, confidenceLevel);
    const controls = covariates.map((c) => c.used);
    partial = {
      covariates: controls.map((c) => c.label), controls, ...computed,
      pValueMethod: computed.pValue === null ? null : 'T_APPROXIMATION',
    };
    const otherYears = controls.filter((c) => c.year !== null && c.year !== year);
    if (otherYears.length > 0) {
      warn('COVARIATE_YEAR_DIFFERS', `Controlled for ${otherYears.map((c) => c.label).join(', ')}: ${otherYears.length === 1 ? 'its year differs' : 'their years differ'} from the indicator's ${year}.`);
    }
    if (computed.pValue !== null && computed.n < PARTIAL_T_MIN_N) {
      warn('PARTIAL_SMALL_SAMPLE', `The partial p-values use the t approximation with ${computed.n - 2 - controls.length} degrees of freedom; with ${computed.n} kommuner it is rough.`);
    }
  }
  const seriesYears: CorrelationRecord['series'] = [
    { role: 'METRIC', name: metric, year: measure.year },
    { role: 'INDICATOR', name: indicator.key, year },
    ...(measure.populationYear === null ? [] : [{ role: 'POPULATION' as const, name: POPULATION_INDICATOR, year: measure.populationYear }]),
    ...covariates.map((c) => ({ role: 'COVARIATE' as const, name: c.used.kind === 'LOG_POPULATION' ? `log ${POPULATION_INDICATOR}` : c.used.indicator ?? 'neighbours', year: c.used.year })),
  ];
  return {
    ...coefficients,
    note: warnings.map((w) => w.message).join(' ') || null,
    metric,
    indicator,
    year,
    metricYear: measure.year,
    confidenceLevel,
    coverage: {
      universe: definition.universe,
      kommuner: scope.length,
      measured: measuredIds.length,
      year: measure.year,
      populationYear: measure.populationYear,
      source: definition.source,
    },
    warnings,
    fylkeNr: inputs.fylkeNr,
    higherIsBetter: indicator.higherIsBetter,
    ties: { x: coefficients.tiedX, y: coefficients.tiedY },
    series: seriesYears,
    partial,
    points,
  };
}

/** Loads what one correlation needs, concurrently, and assembles it. */
export async function computeCorrelation(reads: StatisticsReads, request: CorrelationRequest): Promise<CorrelationRecord> {
  checkCovariateCount(request.controlFor);
  const confidenceLevel = checkConfidenceLevel(request.confidenceLevel);
  // Covariates do not depend on the series, so they load concurrently with them; their errors
  // are reported after those of the metric and indicator, as when they loaded afterwards.
  const covariatesLoading = Promise.allSettled(request.controlFor.map((c) => loadCovariate(reads, c, request.year, request.fylkeNr)));
  const [indicator, measure, found, scope] = await Promise.all([
    loadIndicator(reads, request.indicator, 'indicator'),
    loadMeasureSeries(reads, request.metric, request.year, request.metricYear),
    reads.nearestYearSeries(request.indicator, request.year, request.year, request.fylkeNr),
    reads.scope(request.fylkeNr),
  ]);
  const series = heldYearSeries(request.indicator, request.year, found);
  const covariates = (await covariatesLoading).map((settled) => {
    if (settled.status === 'rejected') throw settled.reason;
    return settled.value;
  });
  return assembleCorrelation({
    metric: request.metric, indicator, year: request.year, measure, series, scope, covariates, fylkeNr: request.fylkeNr, confidenceLevel,
  });
}
