/**
 * How big each part of the synthetic graph is for a number of companies. The ratios are the
 * issue's national-scale target (100,000 companies: 1,000 clusters, 3,000 schools, 20,000
 * events, about 600,000 relationships) and scale linearly, so `--companies 1000000` keeps the
 * same shape. Collaborations and rankings depend on the 356 kommuner only.
 */
export interface SyntheticPlan {
  companies: number;
  clusters: number;
  schools: number;
  events: number;
  collaborations: number;
  /** Kommune-NM indices that get a full synthetic table for every edition. */
  indicators: readonly string[];
  editions: readonly number[];
  /** Mean MEMBER_OF relationships per company. */
  membershipsPerCompany: number;
  /** Mean school–industry links (School COLLABORATES_WITH Company) per school. */
  linksPerSchool: number;
}

export const KOMMUNE_NM_INDICATORS = [
  'kommune-nm/total', 'kommune-nm/naeringsliv', 'kommune-nm/arbeidsmarked',
  'kommune-nm/demografi', 'kommune-nm/kompetanse', 'kommune-nm/kommuneokonomi',
] as const;

const SYNTHETIC_EDITIONS = [2019, 2020, 2021, 2022, 2023] as const;

export function planSynthetic(companies: number): SyntheticPlan {
  if (!Number.isInteger(companies) || companies < 1) throw new Error(`companies must be a positive whole number, got ${companies}`);
  return {
    companies,
    clusters: Math.max(10, Math.round(companies / 100)),
    schools: Math.max(30, Math.round(companies * 0.03)),
    events: Math.max(20, Math.round(companies * 0.2)),
    collaborations: 400,
    indicators: KOMMUNE_NM_INDICATORS,
    editions: SYNTHETIC_EDITIONS,
    membershipsPerCompany: 1.8,
    linksPerSchool: 25,
  };
}
