import { badInput, notFound } from '../../errors.js';
import type { CooperationMetric } from '../../generated/graphql.js';
import { measureOf, nearestYear, perCapita, POPULATION_INDICATOR, type MeasureDefinition } from './measures.js';
import { seriesValue } from './metrics.js';
import type { StatisticsReads } from './reads.js';

/** One measure for every kommune it measures, as a correlation uses it. */
export interface MeasureSeries {
  definition: MeasureDefinition;
  /** The years the measure holds, ascending (empty for undated network measures). */
  years: number[];
  /** The year the figures describe; null for undated measures. */
  year: number | null;
  /** The population year a per-capita figure divides by; null when the measure is not per capita. */
  populationYear: number | null;
  /** Figures by kommune id: only kommuner the measure has a figure for (never an unmeasured zero). */
  values: Map<string, number>;
}

/** The year a measure is read for: `metricYear` when held (else an error listing the held years), otherwise the held year nearest `year`. */
function chooseYear(metric: CooperationMetric, years: readonly number[], year: number, metricYear: number | null): number | null {
  if (years.length === 0) {
    if (metricYear !== null) throw badInput(`${metric} is not dated (a measure of the graph as it is); leave out metricYear.`, 'metricYear');
    return null;
  }
  if (metricYear !== null && !years.includes(metricYear)) {
    throw badInput(`${metric} holds no figures for ${metricYear}; years held: ${years.join(', ')}.`, 'metricYear');
  }
  return metricYear ?? nearestYear(years, year);
}

async function indicatorYears(reads: StatisticsReads, metric: CooperationMetric, key: string, year: number, metricYear: number | null) {
  const found = await reads.nearestYearSeries(key, year, metricYear, null);
  if (!found || found.years.length === 0) {
    throw notFound(`${metric} is computed from the indicator ${key}, which this graph does not hold; load the seeds that carry it.`);
  }
  const chosen = chooseYear(metric, found.years, year, metricYear)!;
  return { years: found.years, chosen, series: found.chosen === chosen ? found.series : (await reads.nearestYearSeries(key, chosen, chosen, null))!.series };
}

/**
 * The figures of one measure over all kommuner for the year nearest `year` (or exactly
 * `metricYear`): counts from countStore.ts, network measures from the analyze job, indicator
 * measures from their stored values, per-capita measures from those over the population of the
 * same year (nearest year held). Which kommuner are covered is the caller's business.
 */
export async function loadMeasureSeries(reads: StatisticsReads, metric: CooperationMetric, year: number, metricYear: number | null): Promise<MeasureSeries> {
  const definition = measureOf(metric);
  const { computation } = definition;
  switch (computation.kind) {
    case 'count': {
      const chosen = chooseYear(metric, definition.years, year, metricYear);
      const rows = await reads.countSeries(computation.count);
      const perThousand = computation.per === 1000;
      return {
        definition, years: [...definition.years], year: chosen, populationYear: perThousand ? 2022 : null,
        values: valuesOf(rows.map((row) => ({ kommuneId: row.kommuneId, value: seriesValue(row, perThousand) }))),
      };
    }
    case 'listedCollaborations': {
      const chosen = chooseYear(metric, definition.years, year, metricYear)!;
      const rows = await reads.listedCollaborationSeries(chosen);
      const perThousand = computation.per === 1000;
      return {
        definition, years: [...definition.years], year: chosen, populationYear: perThousand ? 2022 : null,
        values: valuesOf(rows.map((row) => ({ kommuneId: row.kommuneId, value: seriesValue(row, perThousand) }))),
      };
    }
    case 'network': {
      chooseYear(metric, definition.years, year, metricYear);
      const rows = await reads.networkSeries(computation.property);
      return { definition, years: [], year: null, populationYear: null, values: valuesOf(rows) };
    }
    case 'indicator': {
      const { years, chosen, series } = await indicatorYears(reads, metric, computation.key, year, metricYear);
      return { definition, years, year: chosen, populationYear: null, values: valuesOf(series) };
    }
    case 'perCapita': {
      const { years, chosen, series } = await indicatorYears(reads, metric, computation.key, year, metricYear);
      const population = await reads.nearestYearSeries(POPULATION_INDICATOR, chosen, null, null);
      if (!population || population.chosen === null) throw notFound(`${metric} needs the indicator ${POPULATION_INDICATOR}, which this graph does not hold.`);
      const residents = new Map(population.series.map((row) => [row.kommuneId, row.value]));
      return {
        definition, years, year: chosen, populationYear: population.chosen,
        values: valuesOf(series.map((row) => ({ kommuneId: row.kommuneId, value: perCapita(row.value, residents.get(row.kommuneId), computation.per) }))),
      };
    }
  }
}

function valuesOf(rows: readonly { kommuneId: string; value: number | null }[]): Map<string, number> {
  const values = new Map<string, number>();
  for (const row of rows) if (row.value !== null && Number.isFinite(row.value)) values.set(row.kommuneId, row.value);
  return values;
}
