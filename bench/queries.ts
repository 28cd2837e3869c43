import { toLuceneQuery } from '../src/modules/common/lucene.js';
import type { BodyTarget } from './options.js';
import type { Draw, ParameterPool } from './parameters.js';

/** A request body for POST /graphql. The floor reads only `operationName` and `variables`. */
export interface RequestBody {
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
}

/** One drawn request: its parameters, and the body each contender sends (absent: it cannot express it). */
export interface DrawnRequest {
  parameters: Record<string, unknown>;
  bodies: Partial<Record<BodyTarget, RequestBody>>;
}

export interface BenchQuery {
  name: string;
  /** What a client asks for, in one line, and what varies from request to request. */
  description: string;
  /** Draws the next request of the seeded sequence. */
  draw(pool: ParameterPool, d: Draw): DrawnRequest;
  /** The contenders that can answer it; the others' cells stay empty. */
  answeredBy: readonly BodyTarget[];
  /** Whether the floor answers the very JSON ours does (checked on a sample before the load runs). */
  floorMatchesOurs: boolean;
  /** How far the peer's generated API can express the query. */
  peerNote: string;
  /** Why the floor has no equivalent, where it has none. */
  floorNote?: string;
  /** Where ours cannot answer exactly what was asked, if anywhere. */
  oursNote?: string;
  /** One of the main queries that the growth series (--sizes) runs at every size. */
  main: boolean;
  /** Seconds of measured load at least, for queries whose single request takes seconds (else none would finish in a short run). */
  minSeconds?: number;
}

const KOMMUNE_DETAIL = `query KommuneDetail($nr: String!) {
  kommune(nr: $nr) {
    id nr name population
    fylke { id nr name }
    rankings { id edition rank scope indicator { key name } }
    clusters { id name kind }
    companies(first: 20) {
      edges { cursor node { id name memberships { id name } } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

const PEER_KOMMUNE_DETAIL = `query KommuneDetail($nr: String!) {
  kommunes(where: { nr: { eq: $nr } }) {
    id nr name population2022
    fylke { id nr name }
    rankings(sort: [{ edition: DESC }, { scope: ASC }, { rank: ASC }]) { id edition rank scope indicator { key name } }
    clusters(sort: [{ name: ASC }, { id: ASC }]) { id name kind }
    companiesConnection(first: 20, sort: [{ node: { name: ASC } }, { node: { id: ASC } }]) {
      edges { cursor node { id name memberships(sort: [{ name: ASC }, { id: ASC }]) { id name } } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

const RANKING_PAGE = `query RankingPage($indicator: String!, $edition: Int!) {
  indicator(key: $indicator) { key name kind }
  ranking(indicator: $indicator, edition: $edition, first: 50) {
    edges { cursor node { id rank edition score kommune { id nr name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const PEER_RANKING_PAGE = `query RankingPage($indicator: String!, $edition: Int!) {
  indicators(where: { key: { eq: $indicator } }) { key name kind }
  rankingEntriesConnection(
    first: 50
    where: { edition: { eq: $edition }, scope: { eq: "NATIONAL" }, indicator: { key: { eq: $indicator } }, kommune: { id: { startsWith: "Kommune:" } } }
    sort: [{ rank: ASC }, { id: ASC }]
  ) {
    edges { cursor node { id rank edition score kommune { id nr name } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const CLUSTER_MEMBERS = `query ClusterMembersPage($id: ID!, $first: Int!, $after: String) {
  node(id: $id) {
    ... on Cluster {
      id name memberCount
      membersConnection(first: $first, after: $after) {
        edges { cursor node { __typename id name } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
}`;

const PEER_CLUSTER_MEMBERS = `query ClusterMembersPage($id: ID!, $first: Int!, $after: String) {
  clusters(where: { id: { eq: $id } }) {
    id name
    membersConnection(first: $first, after: $after, sort: [{ node: { name: ASC } }, { node: { id: ASC } }]) {
      totalCount
      edges { cursor node { __typename id name } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

const GRAPH = `query Graph($center: ID!, $depth: Int!, $limit: Int!) {
  graph(center: $center, depth: $depth, limit: $limit) {
    nodes { id type label }
    edges { id source target type }
    truncated
  }
}`;

/**
 * The peer has no breadth-first walk with a node budget: the nearest a client gets is a
 * nested selection from the center, each list capped so the answer holds about as many
 * distinct nodes as ours (the caps are ours to choose, not the library's).
 */
const PEER_GRAPH = `query Graph($center: ID!) {
  clusters(where: { id: { eq: $center } }) {
    id name
    kommune { id name }
    meets { id name }
    memberOf { id name }
    facilitatedBy { id name }
    collaboratesWith { id name }
    collaboratedWithBy { id name }
    events(limit: 20, sort: [{ id: ASC }]) { id name kommune { id name } }
    members(limit: 150, sort: [{ id: ASC }]) {
      __typename id name
      ... on Company { kommune { id name } memberships(limit: 3, sort: [{ id: ASC }]) { id name } events(limit: 2, sort: [{ id: ASC }]) { id name } }
      ... on School { kommune { id name } memberships(limit: 3, sort: [{ id: ASC }]) { id name } }
      ... on Cluster { kommune { id name } }
    }
  }
}`;

const CORRELATION = `query Correlation($metric: CooperationMetric!, $indicator: String!, $year: Int!) {
  correlation(metric: $metric, indicator: $indicator, year: $year, controlFor: [{ kind: LOG_POPULATION }]) {
    n pearson spearman pValue spearmanPValue slope intercept higherIsBetter note
    partial { covariates n pearson spearman pValue }
    points { kommune { id name } x y }
  }
}`;

/** The peer has no statistics: it fetches the series, and the client computes the coefficients. */
const PEER_CORRELATION = `query Correlation($indicator: String!, $year: Int!) {
  kommunes(sort: [{ nr: ASC }]) {
    id name population2022
    companiesConnection { aggregate { count { nodes } } }
    rankings(where: { edition: { eq: $year }, scope: { eq: "NATIONAL" }, indicator: { key: { eq: $indicator } } }, sort: [{ rank: ASC }]) { rank }
  }
}`;

const SEARCH = `query Search($text: String!, $first: Int!) {
  search(text: $text, first: $first) { id type label score }
}`;

/** The generated full-text queries are per type: one per searchable type, merged by score on the client. */
const PEER_SEARCH_TYPES = ['kommuner', 'fylker', 'commutingRegions', 'collaborations', 'companies', 'clusters', 'schools', 'events', 'initiatives', 'indicators'];
const PEER_SEARCH = `query Search($phrase: String!, $first: Int!) {
${PEER_SEARCH_TYPES.map((type) => `  ${type}Search(phrase: $phrase, first: $first, sort: [{ score: DESC }]) { edges { score node { id name } } }`).join('\n')}
}`;

const COMMUTING_CORRELATION = `query CommutingCorrelation($metric: CooperationMetric!, $indicator: String!, $year: Int!) {
  correlation(metric: $metric, indicator: $indicator, year: $year, controlFor: [{ kind: LOG_POPULATION }]) {
    n pearson spearman pValue spearmanPValue pValueMethod slope intercept metricYear
    pearsonInterval { lower upper level method }
    warnings { code }
    partial { covariates n pearson spearman pValue }
    points { kommune { id name } x y }
  }
}`;

const COMMUTING_NEIGHBOURHOOD = `query CommutingNeighbourhood($center: ID!, $depth: Int!, $minWeight: Int!, $topPartners: Int!) {
  graph(center: $center, depth: $depth, relationships: ["COMMUTES_TO"], minWeight: $minWeight, topPartners: $topPartners, limit: 200) {
    nodes { id type label }
    edges { id source target type weight }
    truncated
  }
}`;

const SCREENING = `query Screening($year: Int, $statistic: ScreeningStatistic!) {
  screening(year: $year, statistic: $statistic) {
    statistic tests year
    pairs { metric indicator { key } year metricYear n coefficient pValue pAdjustedBH pAdjustedHolm warnings }
  }
}`;

const KOMMUNE_PROFILE = `query KommuneProfile($kommune: String!) {
  kommuneProfile(kommune: $kommune) {
    kommune { id nr name }
    year
    peerGroup { size factor populationYear }
    measures { key metric year value all { n rank percentile median } peers { n rank percentile median } }
    indicators { key indicator { key } year value all { n rank percentile median } peers { n rank percentile median } }
  }
}`;

/** The commuting measures of `correlation` (schema/analytics.graphql), each over all 356 kommuner. */
const COMMUTING_METRICS = ['COMMUTING_PARTNERS', 'COMMUTING_OUT_SHARE', 'COMMUTING_IN_SHARE', 'JOBS_PER_EMPLOYED_RESIDENT'];
const COMMUTING_INDICATOR = 'ssb/long-higher-education-share';
const COMMUTING_YEAR = 2021;

function body(operationName: string, query: string, variables: Record<string, unknown>): RequestBody {
  return { operationName, query, variables };
}

/** The same body for ours and the floor (the floor reads the operation name and the variables). */
function oursAndFloor(operationName: string, query: string, variables: Record<string, unknown>) {
  const request = body(operationName, query, variables);
  return { ours: request, floor: request };
}

const NO_PEER = 'The peer cannot express it (no statistics / no weighted walk); its cell is left empty.';

function kommuneDetail(name: string, pickNr: (pool: ParameterPool, d: Draw) => string, description: string): BenchQuery {
  return {
    name,
    description,
    draw: (pool, d) => {
      const nr = pickNr(pool, d);
      return {
        parameters: { nr },
        bodies: { ...oursAndFloor('KommuneDetail', KOMMUNE_DETAIL, { nr }), peer: body('KommuneDetail', PEER_KOMMUNE_DETAIL, { nr }) },
      };
    },
    answeredBy: ['ours', 'floor', 'peer'],
    floorMatchesOurs: true,
    peerNote: 'Exact number only (no pre-2020 or 2024 numbers); rankings cannot be sorted by the indicator key of a related node, so they come by edition, scope and rank.',
    main: true,
  };
}

/**
 * The named queries. Each request draws its parameters from the loaded data (bench/parameters.ts)
 * with the seeded generator, so every contender gets the same varied sequence.
 */
export function benchQueries(): BenchQuery[] {
  return [
    kommuneDetail('kommune-detail', (pool, d) => d.pick(pool.kommuneNrs), 'Any of the kommuner: fylke, rankings, hosted clusters, first 20 companies by name with their memberships'),
    kommuneDetail('kommune-detail-large', (pool, d) => d.pick(pool.largestKommuneNrs), 'The same page for one of the 10 kommuner with most companies'),
    {
      name: 'ranking-page',
      description: 'Any held ranking edition: the indicator and the first 50 national rows with kommune names',
      draw: (pool, d) => {
        const { indicator, edition } = d.pick(pool.rankings);
        return {
          parameters: { indicator, edition },
          bodies: { ...oursAndFloor('RankingPage', RANKING_PAGE, { indicator, edition }), peer: body('RankingPage', PEER_RANKING_PAGE, { indicator, edition }) },
        };
      },
      answeredBy: ['ours', 'floor', 'peer'],
      floorMatchesOurs: true,
      peerNote: 'Same rows; "ranked a kommune, not a fylke" is written as a filter on the related kommune id.',
      main: true,
    },
    {
      name: 'cluster-members-page',
      description: 'Page 1–3 (20 members by name) of a cluster drawn from clusters of every size',
      draw: (pool, d) => {
        const page = d.pick(pool.membersPages);
        return {
          parameters: { clusterId: page.clusterId, memberCount: page.memberCount, page: page.page },
          bodies: {
            ...oursAndFloor('ClusterMembersPage', CLUSTER_MEMBERS, { id: page.clusterId, first: 20, after: page.floorAfter }),
            peer: body('ClusterMembersPage', PEER_CLUSTER_MEMBERS, { id: page.clusterId, first: 20, after: page.peerAfter }),
          },
        };
      },
      answeredBy: ['ours', 'floor', 'peer'],
      floorMatchesOurs: true,
      peerNote: 'membersConnection(first: 20, after) with the library\'s offset cursors, sorted by name and id.',
      main: true,
    },
    {
      name: 'graph-depth-2',
      description: 'graph(center: a cluster, depth: 2, limit: 500): nodes and edges',
      draw: (pool, d) => {
        const center = d.pick(pool.graphCenters.filter((c) => c.type === 'Cluster')).id;
        return {
          parameters: { center },
          bodies: { ...oursAndFloor('Graph', GRAPH, { center, depth: 2, limit: 500 }), peer: body('Graph', PEER_GRAPH, { center }) },
        };
      },
      answeredBy: ['ours', 'floor', 'peer'],
      floorMatchesOurs: true,
      peerNote: 'No breadth-first walk, node budget or edge list: a nested selection two hops out from the cluster with capped lists (150 members, each with kommune, 3 memberships, 2 events); the client would flatten the tree and dedupe.',
      main: true,
    },
    {
      name: 'graph-depth-2-any',
      description: 'graph(center: an entity of any type, depth: 2, limit: 500)',
      draw: (pool, d) => {
        const center = d.pick(pool.graphCenters).id;
        return { parameters: { center }, bodies: oursAndFloor('Graph', GRAPH, { center, depth: 2, limit: 500 }) };
      },
      answeredBy: ['ours', 'floor'],
      floorMatchesOurs: true,
      peerNote: 'The peer\'s nested selection is written per root type (see graph-depth-2); left empty rather than compare unlike work.',
      main: false,
    },
    {
      name: 'correlation',
      description: 'correlation(COMPANIES, any held ranking edition, controlFor: LOG_POPULATION) over all kommuner',
      draw: (pool, d) => {
        const { indicator, edition } = d.pick(pool.rankings);
        return {
          parameters: { indicator, year: edition },
          bodies: {
            ...oursAndFloor('Correlation', CORRELATION, { metric: 'COMPANIES', indicator, year: edition }),
            peer: body('Correlation', PEER_CORRELATION, { indicator, year: edition }),
          },
        };
      },
      answeredBy: ['ours', 'floor', 'peer'],
      floorMatchesOurs: true,
      peerNote: 'No statistics: the peer serves the series (company count aggregate and the rank per kommune) and the client computes the coefficients, so the peer does less work than ours and the floor here.',
      main: true,
    },
    {
      name: 'search',
      description: 'search(text: a word from entity names, first: 20) over every entity type',
      draw: (pool, d) => {
        const text = d.pick(pool.searchWords);
        return {
          parameters: { text },
          bodies: { ...oursAndFloor('Search', SEARCH, { text, first: 20 }), peer: body('Search', PEER_SEARCH, { phrase: toLuceneQuery(text) ?? text, first: 20 }) },
        };
      },
      answeredBy: ['ours', 'floor', 'peer'],
      floorMatchesOurs: true,
      peerNote: `@fulltext gives one query per type: ${PEER_SEARCH_TYPES.length} full-text queries on the same index, 20 hits each, merged by score on the client; the client must also fold the text into Lucene syntax itself.`,
      main: true,
    },
    {
      name: 'correlation-commuting',
      description: `correlation(a commuting measure, ${COMMUTING_INDICATOR}, ${COMMUTING_YEAR}, controlFor: LOG_POPULATION): n = 356 over the weighted commuting edges`,
      draw: (_pool, d) => {
        const metric = d.pick(COMMUTING_METRICS);
        return { parameters: { metric }, bodies: oursAndFloor('CommutingCorrelation', COMMUTING_CORRELATION, { metric, indicator: COMMUTING_INDICATOR, year: COMMUTING_YEAR }) };
      },
      answeredBy: ['ours', 'floor'],
      floorMatchesOurs: true,
      peerNote: NO_PEER,
      main: false,
    },
    {
      name: 'commuting-neighbourhood',
      description: 'graph(center: a kommune, depth 1–2, relationships: [COMMUTES_TO], minWeight, topPartners)',
      draw: (pool, d) => {
        const center = d.pick(pool.commutingKommuneIds);
        const variables = { center, depth: d.int(1, 2), minWeight: d.pick([10, 50, 100, 500]), topPartners: d.pick([5, 10, 20]) };
        return { parameters: variables, bodies: oursAndFloor('CommutingNeighbourhood', COMMUTING_NEIGHBOURHOOD, variables) };
      },
      answeredBy: ['ours', 'floor'],
      floorMatchesOurs: true,
      peerNote: NO_PEER,
      main: false,
    },
    {
      name: 'screening',
      description: 'screening(year, statistic): every cooperation measure against every indicator, BH and Holm adjusted',
      draw: (_pool, d) => {
        const variables = { year: d.pick([null, 2021, 2022]), statistic: d.pick(['SPEARMAN', 'PEARSON']) };
        return { parameters: variables, bodies: oursAndFloor('Screening', SCREENING, variables) };
      },
      answeredBy: ['ours', 'floor'],
      floorMatchesOurs: true,
      peerNote: NO_PEER,
      main: false,
      minSeconds: 20,
    },
    {
      name: 'kommune-profile',
      description: 'kommuneProfile(kommune: any kommune): every measure and indicator with rank and percentile among all and among size peers',
      draw: (pool, d) => {
        const kommune = d.pick(pool.kommuneNrs);
        return { parameters: { kommune }, bodies: oursAndFloor('KommuneProfile', KOMMUNE_PROFILE, { kommune }) };
      },
      answeredBy: ['ours', 'floor'],
      floorMatchesOurs: true,
      peerNote: NO_PEER,
      main: false,
      minSeconds: 20,
    },
  ];
}
