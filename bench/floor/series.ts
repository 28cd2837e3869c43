import type { CooperationMetric } from '../../src/generated/graphql.js';
import type { MeasureSeries } from '../../src/modules/analytics/measureSeries.js';
import { MEASURE_INDICATOR_KEYS, measureOf, nearestYear, perCapita, POPULATION_INDICATOR } from '../../src/modules/analytics/measures.js';
import { seriesValue } from '../../src/modules/analytics/metrics.js';
import { mapIndicator, type IndicatorRecord } from '../../src/modules/ranking/mappers.js';
import type { AllSeriesRow } from './repository.js';

/**
 * What the floor's screening and kommune profile compute from the one read of every series
 * (`findAllSeries`): each measure for a year, built by the measure's declaration as ours builds
 * it (its held year nearest, per capita over the population of the nearest year held), and the
 * default indicators with their figures.
 */

/**
 * The keys whose every value the floor reads: for a screening the sources of measures and the
 * population (a measure is read in its year nearest each indicator's); for a profile only the
 * population (every measure is read in its latest year, which the statement picks).
 */
export const SCREENING_VALUE_KEYS: readonly string[] = [...MEASURE_INDICATOR_KEYS, POPULATION_INDICATOR];
export const PROFILE_VALUE_KEYS: readonly string[] = [POPULATION_INDICATOR];

const finite = (value: number | null): value is number => value !== null && Number.isFinite(value);

export interface DefaultIndicator {
  indicator: IndicatorRecord;
  year: number;
  series: { kommuneId: string; value: number; claims: number }[];
}

export interface AllSeries {
  kommuner: AllSeriesRow['kommuner'];
  /** Indicators neither a measure's source nor the population, by key, with a held year. */
  indicators: DefaultIndicator[];
  /** A measure's series for the year nearest `year`, as `loadMeasureSeries` gives it. */
  measure(metric: CooperationMetric, year: number): MeasureSeries;
  /** The population of a held year by kommune, and the held years. */
  population: { years: number[]; of(year: number): Map<string, number> };
}

export function allSeries(row: AllSeriesRow): AllSeries {
  const excluded = new Set(SCREENING_VALUE_KEYS);
  const valuesByKey = new Map<string, Map<number, Map<string, number>>>();
  const yearsByKey = new Map<string, number[]>();
  for (const entry of row.indicators) {
    const key = entry.indicator.key;
    const years = [...entry.years].sort((a, b) => a - b);
    yearsByKey.set(key, years);
    // Every held year when every value was read, else the chosen one: a year not read is never taken for an empty series.
    const byYear = new Map<number, Map<string, number>>((entry.chosen === null ? years : [entry.chosen]).map((year) => [year, new Map()]));
    for (const [kommuneId, year, value] of entry.values) if (finite(value)) byYear.get(year)?.set(kommuneId, value);
    if (entry.chosen !== null) for (const point of entry.series) if (finite(point.value)) byYear.get(entry.chosen)!.set(point.kommuneId, point.value);
    valuesByKey.set(key, byYear);
  }
  const indicators = row.indicators.flatMap((entry): DefaultIndicator[] => (excluded.has(entry.indicator.key) || entry.chosen === null ? [] : [{
    indicator: mapIndicator(entry.indicator), year: entry.chosen, series: entry.series.filter((point): point is typeof point & { value: number } => finite(point.value)),
  }]));
  const counts = new Map(row.counts.map((count) => [count.kommuneId, count]));
  const neighbours = new Map(row.neighbours.map((count) => [count.kommuneId, count.value]));
  const listed = new Map(row.listed.map((count) => [`${count.kommuneId}|${count.year}`, count.value]));
  const valuesOf = (key: string, year: number) => {
    const found = valuesByKey.get(key)?.get(year);
    if (!found) throw new Error(`The floor did not read ${key} for ${year}.`);
    return found;
  };
  const heldYears = (key: string) => yearsByKey.get(key) ?? [];
  const cache = new Map<string, MeasureSeries>();

  function build(metric: CooperationMetric, year: number): MeasureSeries {
    const definition = measureOf(metric);
    const { computation } = definition;
    const perThousand = 'per' in computation && computation.per === 1000;
    const fromRows = (rows: { kommuneId: string; value: number | null }[]) => new Map(rows.flatMap((r) => (finite(r.value) ? [[r.kommuneId, r.value] as const] : [])));
    switch (computation.kind) {
      case 'count': {
        const chosen = nearestYear(definition.years, year);
        const rows = row.kommuner.map((k) => {
          const value = computation.count === 'neighbours' ? neighbours.get(k.kommuneId) ?? null : counts.get(k.kommuneId)?.[computation.count] ?? null;
          return { kommuneId: k.kommuneId, value: seriesValue({ population: k.population, value }, perThousand) };
        });
        return { definition, years: [...definition.years], year: chosen, populationYear: perThousand ? 2022 : null, values: fromRows(rows) };
      }
      case 'listedCollaborations': {
        const chosen = nearestYear(definition.years, year)!;
        const rows = row.kommuner.map((k) => ({
          kommuneId: k.kommuneId, value: seriesValue({ population: k.population, value: listed.get(`${k.kommuneId}|${chosen}`) ?? 0 }, perThousand),
        }));
        return { definition, years: [...definition.years], year: chosen, populationYear: perThousand ? 2022 : null, values: fromRows(rows) };
      }
      case 'network':
        return { definition, years: [], year: null, populationYear: null, values: fromRows(row.kommuner.map((k) => ({ kommuneId: k.kommuneId, value: k[computation.property] }))) };
      case 'indicator':
      case 'perCapita': {
        const years = heldYears(computation.key);
        const chosen = nearestYear(years, year);
        if (chosen === null) throw new Error(`${metric} is computed from the indicator ${computation.key}, which this graph does not hold.`);
        const values = valuesOf(computation.key, chosen);
        if (computation.kind === 'indicator') return { definition, years, year: chosen, populationYear: null, values };
        const populationYear = nearestYear(heldYears(POPULATION_INDICATOR), chosen);
        if (populationYear === null) throw new Error(`${metric} needs the indicator ${POPULATION_INDICATOR}, which this graph does not hold.`);
        const residents = valuesOf(POPULATION_INDICATOR, populationYear);
        const rows = [...values].map(([kommuneId, value]) => ({ kommuneId, value: perCapita(value, residents.get(kommuneId), computation.per) }));
        return { definition, years, year: chosen, populationYear, values: fromRows(rows) };
      }
    }
  }

  return {
    kommuner: row.kommuner,
    indicators,
    measure: (metric, year) => {
      const key = `${metric}|${year}`;
      let found = cache.get(key);
      if (!found) cache.set(key, (found = build(metric, year)));
      return found;
    },
    population: { years: heldYears(POPULATION_INDICATOR), of: (year) => valuesOf(POPULATION_INDICATOR, year) },
  };
}
