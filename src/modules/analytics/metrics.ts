import type { CooperationMetric, MeasureFigure } from '../../generated/graphql.js';
import { LISTED_COLLABORATIONS, MEASURES, nearestYear, perCapita, POPULATION_INDICATOR, type MeasureDefinition } from './measures.js';
import type { CooperationCountsRow } from './repository.js';

/** Counts of one kommune plus the per-1,000-residents figures. */
export interface CooperationRecord extends CooperationCountsRow {
  per1000: Record<PerThousandKey, number | null> | null;
}

const PER_THOUSAND = ['companies', 'clusterMemberships', 'schoolIndustryLinks', 'eventsJoined', 'collaborations', 'crossKommuneLinks', 'networkDegree'] as const;
type PerThousandKey = (typeof PER_THOUSAND)[number];

export function toCooperationRecord(row: CooperationCountsRow): CooperationRecord {
  const population = row.population;
  const per1000 = population && population > 0
    ? Object.fromEntries(PER_THOUSAND.map((key) => [key, (row[key] * 1000) / population])) as Record<PerThousandKey, number>
    : null;
  return { ...row, per1000 };
}

/** The x value of a count per kommune; per 1,000 residents when asked (null without a population or a count). */
export function seriesValue(row: { population: number | null; value: number | null }, perThousand: boolean): number | null {
  if (row.value === null) return null;
  if (!perThousand) return row.value;
  return row.population && row.population > 0 ? (row.value * 1000) / row.population : null;
}

/** Stored values of one kommune by indicator key, then year. */
export type KommuneValues = ReadonlyMap<string, ReadonlyMap<number, number>>;

/**
 * One measure of one kommune: the count or stored value, whether the kommune is in the
 * measure's coverage, and the year. `year` picks the held year nearest it (default: the latest).
 */
export function measureFigure(definition: MeasureDefinition, record: CooperationRecord, values: KommuneValues, year: number | null): MeasureFigure {
  const { computation } = definition;
  const covered = definition.universe === 'ALL_KOMMUNER' || record.ecosystemCurated;
  const base = { metric: definition.metric, universe: definition.universe, cooperation: definition.cooperation };
  const pick = (years: readonly number[]) => (year === null ? years.at(-1) ?? null : nearestYear(years, year));
  const figure = (value: number | null, figureYear: number | null, populationYear: number | null = null): MeasureFigure => {
    const measured = covered && value !== null && Number.isFinite(value);
    return { ...base, value: measured ? value : null, measured, year: figureYear, populationYear };
  };
  switch (computation.kind) {
    case 'count': {
      const value = seriesValue({ population: record.population, value: record[computation.count] }, computation.per === 1000);
      return figure(value, pick(definition.years), computation.per ? 2022 : null);
    }
    case 'listedCollaborations': {
      // Every kommune is in the registers: a year without a membership is a measured 0.
      const chosen = pick(definition.years);
      const count = chosen === null ? null : values.get(LISTED_COLLABORATIONS)?.get(chosen) ?? 0;
      return figure(count === null ? null : seriesValue({ population: record.population, value: count }, computation.per === 1000), chosen, computation.per ? 2022 : null);
    }
    case 'network':
      return figure(record[computation.property], null);
    case 'indicator': {
      const byYear = values.get(computation.key) ?? new Map<number, number>();
      const chosen = pick([...byYear.keys()].sort((a, b) => a - b));
      return figure(chosen === null ? null : byYear.get(chosen)!, chosen);
    }
    case 'perCapita': {
      const byYear = values.get(computation.key) ?? new Map<number, number>();
      const chosen = pick([...byYear.keys()].sort((a, b) => a - b));
      const population = values.get(POPULATION_INDICATOR) ?? new Map<number, number>();
      const populationYear = chosen === null ? null : nearestYear([...population.keys()], chosen);
      const value = chosen === null || populationYear === null ? null : perCapita(byYear.get(chosen)!, population.get(populationYear), computation.per);
      return figure(value, chosen, populationYear);
    }
  }
}

/** The figures of the given measures (all, in declaration order, when null) for one kommune. */
export function measureFigures(
  record: CooperationRecord, values: KommuneValues, metrics: readonly CooperationMetric[] | null, year: number | null,
): MeasureFigure[] {
  const wanted = metrics ? new Set(metrics) : null;
  return [...MEASURES.values()].filter((d) => !wanted || wanted.has(d.metric)).map((d) => measureFigure(d, record, values, year));
}
