import type { CooperationMetric } from '../../generated/graphql.js';
import type { CooperationCountsRow, CountName } from './repository.js';

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

/** What a metric is computed from: one count or stored measure, and whether it is per 1,000 residents. */
export function metricSource(metric: CooperationMetric): { measure: CountName | 'pageRank' | 'betweenness'; perThousand: boolean } {
  switch (metric) {
    case 'PAGERANK': return { measure: 'pageRank', perThousand: false };
    case 'BETWEENNESS': return { measure: 'betweenness', perThousand: false };
    default: {
      const perThousand = metric.endsWith('_PER_1000');
      const base = perThousand ? metric.slice(0, -'_PER_1000'.length) : metric;
      const measure = base.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) as CountName;
      return { measure, perThousand };
    }
  }
}

/** The x value of a metric from a count series row; null without a population (per 1,000) or a measure. */
export function seriesValue(row: { population: number | null; value: number | null }, perThousand: boolean): number | null {
  if (row.value === null) return null;
  if (!perThousand) return row.value;
  return row.population && row.population > 0 ? (row.value * 1000) / row.population : null;
}
