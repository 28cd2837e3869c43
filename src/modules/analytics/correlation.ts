import type { Database } from '../../db/database.js';
import { badInput, notFound } from '../../errors.js';
import type { CooperationMetric, Covariate } from '../../generated/graphql.js';
import { mapIndicator, type IndicatorRecord } from '../ranking/mappers.js';
import { findIndicators } from '../ranking/repository.js';
import { metricSource, seriesValue } from './metrics.js';
import { countSeries } from './countStore.js';
import { findCountSeries, findIndicatorSeries, findNearestYearSeries } from './repository.js';
import { correlate, partialCorrelate, type Coefficients, type Partial } from './statistics.js';

interface CorrelationRequest {
  metric: CooperationMetric;
  indicator: string;
  year: number;
  fylkeNr: string | null;
  controlFor: readonly Covariate[];
}

export interface CorrelationRecord extends Coefficients {
  metric: CooperationMetric;
  indicator: IndicatorRecord;
  year: number;
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

const POPULATION_KEY = 'ssb/population';
const MAX_COVARIATES = 5;

async function loadIndicator(db: Database, key: string, argumentName: string): Promise<IndicatorRecord> {
  const raw = (await findIndicators(db, [key]))[0];
  if (!raw) throw notFound(`No indicator has the key "${key.slice(0, 80)}" (argument ${argumentName}); see Query.indicators.`);
  return mapIndicator(raw);
}

/** The year held nearest to `year` (ties: the earlier one). */
function nearestYear(years: readonly number[], year: number): number | null {
  return [...years].sort((a, b) => Math.abs(a - year) - Math.abs(b - year) || a - b)[0] ?? null;
}

interface CovariateSeries {
  label: string;
  values: Map<string, number>;
}

async function covariateSeries(db: Database, covariate: Covariate, year: number, fylkeNr: string | null): Promise<CovariateSeries> {
  const key = covariate.kind === 'LOG_POPULATION' ? POPULATION_KEY : covariate.indicator;
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
 * The series and the covariates load concurrently, one round trip each (the count series takes
 * one more when its stored copy is stale).
 */
export async function computeCorrelation(db: Database, request: CorrelationRequest): Promise<CorrelationRecord> {
  if (request.controlFor.length > MAX_COVARIATES) throw badInput(`At most ${MAX_COVARIATES} covariates.`, 'controlFor');
  const source = metricSource(request.metric);
  // Covariates do not depend on the series, so they load concurrently with them; their errors
  // are reported after those of the metric and indicator, as when they loaded afterwards.
  const covariatesLoading = Promise.allSettled(request.controlFor.map((c) => covariateSeries(db, c, request.year, request.fylkeNr)));
  const [indicator, counts, series] = await Promise.all([
    loadIndicator(db, request.indicator, 'indicator'),
    // Network measures are node properties already; counts come stored when current (countStore.ts).
    source.measure === 'pageRank' || source.measure === 'betweenness' ? findCountSeries(db, source.measure) : countSeries(db, source.measure),
    findIndicatorSeries(db, request.indicator, request.year, request.fylkeNr),
  ]);
  const metricByKommune = new Map(counts.map((row) => [row.kommuneId, seriesValue(row, source.perThousand)]));
  const points = series
    .map((row) => ({ kommuneId: row.kommuneId, x: metricByKommune.get(row.kommuneId) ?? null, y: row.value }))
    .filter((point): point is CorrelationPointRecord => point.x !== null && Number.isFinite(point.x));
  const coefficients = correlate(points.map((p) => p.x), points.map((p) => p.y));
  const conflicting = series.filter((row) => row.claims > 1).length;
  const notes = [coefficients.note];
  if (indicator.kind === 'RANK' && series.length < 356 && request.fylkeNr === null) {
    notes.push(`Only ${series.length} of 356 kommuner have a published rank for this edition; the sample is the published (mostly top) ranks, not a random one.`);
  }
  if (conflicting > 0) notes.push(`${conflicting} kommune(r) have conflicting published ranks; the claim with most sources (then the better rank) was used.`);

  let partial: CorrelationRecord['partial'] = null;
  if (request.controlFor.length > 0) {
    const covariates = (await covariatesLoading).map((settled) => {
      if (settled.status === 'rejected') throw settled.reason;
      return settled.value;
    });
    const complete = points.filter((point) => covariates.every((c) => c.values.has(point.kommuneId)));
    const rows = complete.map((point) => covariates.map((c) => c.values.get(point.kommuneId)!));
    partial = {
      covariates: covariates.map((c) => c.label),
      ...partialCorrelate(complete.map((p) => p.x), complete.map((p) => p.y), rows),
    };
  }
  return {
    ...coefficients,
    note: notes.filter(Boolean).join(' ') || null,
    metric: request.metric,
    indicator,
    year: request.year,
    fylkeNr: request.fylkeNr,
    higherIsBetter: indicator.higherIsBetter,
    partial,
    points,
  };
}
