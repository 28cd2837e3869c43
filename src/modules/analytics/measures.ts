import type { CooperationMetric } from '../../generated/graphql.js';
import type { CountName } from './repository.js';

/**
 * Every cooperation measure, declared once: what it measures, where its data come from, which
 * kommuner it covers, the years the data describe and how it is computed. `correlation`,
 * `cooperation(kommune:)` and docs/measures.md all read these declarations; a measure that is
 * not here does not exist.
 */

/**
 * Which kommuner a measure has data for.
 * - ALL_KOMMUNER: a national register or statistic; a zero is a measured zero.
 * - CURATED: facts curated by hand for some kommuner only (see `ECOSYSTEM_CURATED_PROPERTY`);
 *   elsewhere the measure is unknown, never zero.
 */
export type CoverageUniverse = 'ALL_KOMMUNER' | 'CURATED';

export interface MeasureSource {
  title: string;
  publisher: string;
  url: string | null;
  note: string | null;
}

/** Residents per unit of a per-capita measure. */
export type PerResidents = 1 | 1000 | 10000;

/** How a measure's figure is obtained. */
export type MeasureComputation =
  /** Counted live in the graph (stored between writes by countStore.ts); per 1,000 residents of 1 January 2022 when `per` is set. */
  | { kind: 'count'; count: CountName; per?: 1000 }
  /** A node property the analyze job stores (`npm run analyze`). */
  | { kind: 'network'; property: 'pageRank' | 'betweenness' }
  /** A stored VALUE indicator of the same key, by year. */
  | { kind: 'indicator'; key: string }
  /** A stored VALUE indicator divided by the population of the same year (nearest year held), times `per`. */
  | { kind: 'perCapita'; key: string; per: PerResidents }
  /** Memberships of inter-municipal collaborations listed in the year (`PARTICIPATES_IN.years`); per 1,000 residents of 1 January 2022 when `per` is set. */
  | { kind: 'listedCollaborations'; per?: 1000 };

export interface MeasureDefinition {
  metric: CooperationMetric;
  /** One line: what the figure is. */
  description: string;
  universe: CoverageUniverse;
  /** False for baselines that are not cooperation (geography). */
  cooperation: boolean;
  source: MeasureSource;
  /**
   * The years the data describe, ascending; empty for measures of the graph as it is (network
   * measures). For indicator measures the held years are read from the graph; these are the ones
   * the seeds carry.
   */
  years: readonly number[];
  computation: MeasureComputation;
}

/** Where the listed collaborations of a kommune are kept among its stored values (`KommuneValues`), by year. */
export const LISTED_COLLABORATIONS = 'graph/listed-collaborations';

/** The indicator key of the population on 1 January (SSB 07459), the denominator of per-capita measures. */
export const POPULATION_INDICATOR = 'ssb/population';

const ECOSYSTEM: MeasureSource = {
  title: 'Curated ecosystem facts (seeds/kongsberg_ecosystem.json, with NCE/Arena cluster facts and Difi Etatsbasen schools)',
  publisher: "Curated in this project from the organisations' own pages; each fact names its sources",
  url: null,
  note: 'Curated for Kongsberg only; other kommuner carry only register facts (schools, cluster hosts), so their counts are not comparable.',
};
const BUFDIR: MeasureSource = {
  title: 'Bufdir: interkommunale samarbeid i barnevernet 2023',
  publisher: 'Bufdir',
  url: 'https://github.com/datahotellet/dataset-archive/blob/9d94679/datasets/bufdir/interkommunale-samarbeid/dataset.csv',
  note: 'Inter-municipal child-welfare collaborations; a kommune in none has a measured zero.',
};
const ANALYZE: MeasureSource = {
  title: 'Network measures of the cooperation graph (npm run analyze)',
  publisher: 'Computed in this project',
  url: null,
  note: 'Computed over the whole graph, whose ecosystem part is curated for Kongsberg only.',
};
const COMMUTING: MeasureSource = {
  title: 'SSB table 03321, employed persons by work kommune and home kommune, 4th quarter 2020–2022 (via statisticsnorway/pendling@b3d3448)',
  publisher: 'SSB',
  url: 'https://github.com/statisticsnorway/pendling/blob/b3d3448/data/data_pendling2021.rds',
  note: 'Register-based employment statistics of the 4th quarter, ages 15–74; every kommune is measured. Values derived in the seeds (ssb/commuting/*).',
};
const NEIGHBOURS: MeasureSource = {
  title: 'Artsdatabanken kommune list with neighbouring kommuner, produced 14 September 2020 (via Artsdatabanken/kommune-data@acad965)',
  publisher: 'Artsdatabanken',
  url: 'https://github.com/Artsdatabanken/kommune-data/blob/acad965/kommune.json',
  note: 'Geography, not cooperation: a baseline to compare cooperation measures with.',
};
const H2020: MeasureSource = {
  title: 'Research Council of Norway: Horizon 2020 grants to Norwegian organisations (via Forskningsradet/open-data@3ae3ab6)',
  publisher: 'Research Council of Norway',
  url: 'https://github.com/Forskningsradet/open-data/blob/3ae3ab6/datasets/bevilgningereu/dataset.csv',
  note: 'An organisation is placed at its address kommune, so a head office takes the projects of its branches; cumulative by contract start year; values derived in the seeds (rcn/h2020/*).',
};

const ECOSYSTEM_YEARS = [2022] as const;
const COMMUTING_YEARS = [2020, 2021, 2022] as const;
/** The listing years of the collaboration registers: the 2021 extract and Bufdir 2023. */
const COLLABORATION_YEARS = [2021, 2023] as const;
const H2020_YEARS = [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022] as const;

function curatedCount(metric: CooperationMetric, count: CountName, description: string, per?: 1000): MeasureDefinition {
  return {
    metric, description, universe: 'CURATED', cooperation: true, source: ECOSYSTEM, years: ECOSYSTEM_YEARS,
    computation: per ? { kind: 'count', count, per } : { kind: 'count', count },
  };
}

function commuting(metric: CooperationMetric, key: string, description: string): MeasureDefinition {
  return { metric, description, universe: 'ALL_KOMMUNER', cooperation: true, source: COMMUTING, years: COMMUTING_YEARS, computation: { kind: 'indicator', key } };
}

function h2020(metric: CooperationMetric, computation: MeasureComputation, description: string): MeasureDefinition {
  return { metric, description, universe: 'ALL_KOMMUNER', cooperation: true, source: H2020, years: H2020_YEARS, computation };
}

const DEFINITIONS: readonly MeasureDefinition[] = [
  curatedCount('COMPANIES', 'companies', 'Companies located in the kommune.'),
  curatedCount('CLUSTER_MEMBERSHIPS', 'clusterMemberships', "Memberships of the kommune's companies and schools in clusters or networks."),
  curatedCount('DISTINCT_CLUSTERS', 'distinctClusters', "Distinct clusters or networks the kommune's actors belong to or that it hosts."),
  curatedCount('SCHOOL_INDUSTRY_LINKS', 'schoolIndustryLinks', 'School–company pairs linked by collaboration or a shared network, with one end in the kommune.'),
  curatedCount('EVENTS_HOSTED', 'eventsHosted', 'Events held in the kommune.'),
  curatedCount('EVENTS_JOINED', 'eventsJoined', 'Distinct events the kommune or its actors are partners of.'),
  {
    metric: 'COLLABORATIONS', description: 'Inter-municipal child-welfare collaborations the kommune is listed as a member of in the year (register of 2021, Bufdir 2023).',
    universe: 'ALL_KOMMUNER', cooperation: true, source: BUFDIR, years: COLLABORATION_YEARS, computation: { kind: 'listedCollaborations' },
  },
  curatedCount('CROSS_KOMMUNE_LINKS', 'crossKommuneLinks', "Links between the kommune's actors and entities of other kommuner, plus shared collaborations."),
  curatedCount('NETWORK_DEGREE', 'networkDegree', 'Distinct entities one cooperation relationship away from the kommune or its actors.'),
  curatedCount('COMPANIES_PER_1000', 'companies', 'COMPANIES per 1,000 residents (1 January 2022).', 1000),
  curatedCount('CLUSTER_MEMBERSHIPS_PER_1000', 'clusterMemberships', 'CLUSTER_MEMBERSHIPS per 1,000 residents (1 January 2022).', 1000),
  curatedCount('SCHOOL_INDUSTRY_LINKS_PER_1000', 'schoolIndustryLinks', 'SCHOOL_INDUSTRY_LINKS per 1,000 residents (1 January 2022).', 1000),
  curatedCount('EVENTS_JOINED_PER_1000', 'eventsJoined', 'EVENTS_JOINED per 1,000 residents (1 January 2022).', 1000),
  {
    metric: 'COLLABORATIONS_PER_1000', description: 'COLLABORATIONS per 1,000 residents (1 January 2022).',
    universe: 'ALL_KOMMUNER', cooperation: true, source: BUFDIR, years: COLLABORATION_YEARS, computation: { kind: 'listedCollaborations', per: 1000 },
  },
  curatedCount('CROSS_KOMMUNE_LINKS_PER_1000', 'crossKommuneLinks', 'CROSS_KOMMUNE_LINKS per 1,000 residents (1 January 2022).', 1000),
  curatedCount('NETWORK_DEGREE_PER_1000', 'networkDegree', 'NETWORK_DEGREE per 1,000 residents (1 January 2022).', 1000),
  {
    metric: 'PAGERANK', description: 'PageRank of the kommune node in the cooperation graph.',
    universe: 'CURATED', cooperation: true, source: ANALYZE, years: [], computation: { kind: 'network', property: 'pageRank' },
  },
  {
    metric: 'BETWEENNESS', description: 'Betweenness centrality of the kommune node in the cooperation graph.',
    universe: 'CURATED', cooperation: true, source: ANALYZE, years: [], computation: { kind: 'network', property: 'betweenness' },
  },
  commuting('COMMUTING_OUT_SHARE', 'ssb/commuting/out-share', 'Share (%) of employed residents who work in another kommune.'),
  commuting('COMMUTING_IN_SHARE', 'ssb/commuting/in-share', 'Share (%) of the jobs in the kommune held by residents of other kommuner.'),
  commuting('JOBS_PER_EMPLOYED_RESIDENT', 'ssb/commuting/jobs-per-employed-resident', 'Jobs in the kommune per employed resident (above 1: a net importer of labour).'),
  commuting('COMMUTING_PARTNERS', 'ssb/commuting/partner-kommuner', 'Other kommuner with a commuting flow of at least 50 persons to or from the kommune.'),
  commuting('COMMUTING_PAGERANK', 'ssb/commuting/pagerank', 'PageRank of the kommune in the commuting network, flows weighted by persons.'),
  h2020('H2020_PARTICIPATIONS', { kind: 'indicator', key: 'rcn/h2020/participations' }, 'Horizon 2020 participations of organisations in the kommune, cumulative to the year.'),
  h2020('H2020_PROJECTS', { kind: 'indicator', key: 'rcn/h2020/projects' }, 'Distinct Horizon 2020 projects with a participant in the kommune, cumulative to the year.'),
  h2020('H2020_PARTICIPATIONS_PER_10000', { kind: 'perCapita', key: 'rcn/h2020/participations', per: 10000 }, 'H2020_PARTICIPATIONS per 10,000 residents.'),
  h2020('H2020_PROJECTS_PER_10000', { kind: 'perCapita', key: 'rcn/h2020/projects', per: 10000 }, 'H2020_PROJECTS per 10,000 residents.'),
  h2020('H2020_EUR_PER_RESIDENT', { kind: 'perCapita', key: 'rcn/h2020/granted-eur', per: 1 }, 'Horizon 2020 funding granted to organisations in the kommune (EUR) per resident.'),
  h2020('H2020_PARTNER_ORGANISATIONS', { kind: 'indicator', key: 'rcn/h2020/partner-organisations' }, 'Distinct organisations in other kommuner that share a Horizon 2020 project with an organisation in the kommune.'),
  h2020('H2020_PARTNER_KOMMUNER', { kind: 'indicator', key: 'rcn/h2020/partner-kommuner' }, 'Other Norwegian kommuner with an organisation in a shared Horizon 2020 project.'),
  h2020('H2020_BUSINESS_RESEARCH_PROJECTS', { kind: 'indicator', key: 'rcn/h2020/business-research-projects' }, 'Horizon 2020 projects with an organisation of the kommune that join at least one company and one research or higher-education organisation (anywhere in Norway).'),
  {
    metric: 'NEIGHBOURS', description: 'Kommuner sharing a boundary with the kommune: geography, a baseline, not cooperation.',
    universe: 'ALL_KOMMUNER', cooperation: false, source: NEIGHBOURS, years: [2020], computation: { kind: 'count', count: 'neighbours' },
  },
];

export const MEASURES: ReadonlyMap<CooperationMetric, MeasureDefinition> = new Map(DEFINITIONS.map((d) => [d.metric, d]));

export function measureOf(metric: CooperationMetric): MeasureDefinition {
  const definition = MEASURES.get(metric);
  if (!definition) throw new Error(`No measure is declared for ${metric}`);
  return definition;
}

/** The VALUE indicator keys measures are computed from. */
export const MEASURE_INDICATOR_KEYS: readonly string[] = [
  ...new Set(DEFINITIONS.flatMap((d) => (d.computation.kind === 'indicator' || d.computation.kind === 'perCapita' ? [d.computation.key] : []))),
];

/** The year held nearest to `year` (ties: the earlier one); null when none is held. */
export function nearestYear(years: readonly number[], year: number): number | null {
  return [...years].sort((a, b) => Math.abs(a - year) - Math.abs(b - year) || a - b)[0] ?? null;
}

/** `value` per `per` residents; null without a positive population. */
export function perCapita(value: number, population: number | undefined | null, per: number): number | null {
  return population && population > 0 ? (value * per) / population : null;
}

/** How a measure is computed, in words (for `cooperationMeasures` and docs/measures.md). */
export function describeComputation(computation: MeasureComputation): string {
  switch (computation.kind) {
    case 'count': return computation.per ? `live count \`${computation.count}\` per 1,000 residents (1 January 2022)` : `live count \`${computation.count}\``;
    case 'network': return `node property \`${computation.property}\` stored by npm run analyze`;
    case 'indicator': return `stored VALUE indicator ${computation.key}`;
    case 'perCapita': return `stored VALUE indicator ${computation.key} × ${computation.per.toLocaleString('en')} / ${POPULATION_INDICATOR} of the same year (nearest held)`;
    case 'listedCollaborations': return `memberships PARTICIPATES_IN a Collaboration whose years list the year${computation.per ? ', per 1,000 residents (1 January 2022)' : ''}`;
  }
}
