import type { CooperationMetric } from '../../generated/graphql.js';
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

/** The x value of a metric for one kommune; null where it cannot be computed (no population, no analyze run). */
export function metricValue(record: CooperationRecord, metric: CooperationMetric): number | null {
  switch (metric) {
    case 'COMPANIES': return record.companies;
    case 'CLUSTER_MEMBERSHIPS': return record.clusterMemberships;
    case 'DISTINCT_CLUSTERS': return record.distinctClusters;
    case 'SCHOOL_INDUSTRY_LINKS': return record.schoolIndustryLinks;
    case 'EVENTS_HOSTED': return record.eventsHosted;
    case 'EVENTS_JOINED': return record.eventsJoined;
    case 'COLLABORATIONS': return record.collaborations;
    case 'CROSS_KOMMUNE_LINKS': return record.crossKommuneLinks;
    case 'NETWORK_DEGREE': return record.networkDegree;
    case 'COMPANIES_PER_1000': return record.per1000?.companies ?? null;
    case 'CLUSTER_MEMBERSHIPS_PER_1000': return record.per1000?.clusterMemberships ?? null;
    case 'SCHOOL_INDUSTRY_LINKS_PER_1000': return record.per1000?.schoolIndustryLinks ?? null;
    case 'EVENTS_JOINED_PER_1000': return record.per1000?.eventsJoined ?? null;
    case 'COLLABORATIONS_PER_1000': return record.per1000?.collaborations ?? null;
    case 'CROSS_KOMMUNE_LINKS_PER_1000': return record.per1000?.crossKommuneLinks ?? null;
    case 'NETWORK_DEGREE_PER_1000': return record.per1000?.networkDegree ?? null;
    case 'PAGERANK': return record.pageRank;
    case 'BETWEENNESS': return record.betweenness;
  }
}
