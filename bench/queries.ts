import { toLuceneQuery } from '../src/modules/common/lucene.js';
import type { BodyTarget } from './options.js';

/** A request body for POST /graphql. The floor reads only `operationName` and `variables`. */
export interface RequestBody {
  operationName: string;
  query: string;
  variables: Record<string, unknown>;
}

export interface BenchQuery {
  name: string;
  /** What a client asks for, in one line. */
  description: string;
  bodies: Record<BodyTarget, RequestBody>;
  /** Whether the floor answers the very JSON ours does (checked before the load runs). */
  floorMatchesOurs: boolean;
  /** How far the peer's generated API can express the query. */
  peerNote: string;
  /** Where ours cannot answer exactly what was asked, if anywhere. */
  oursNote?: string;
}

/** Ids and cursors picked from the loaded data (see bench/dataset.ts). */
export interface QueryParameters {
  kommuneNr: string;
  largeKommuneNr: string;
  indicator: string;
  edition: number;
  clusterId: string;
  /** Keyset cursor (name, id) after the 40th member, for page 3 of ours and the floor. */
  floorMembersAfter: string;
  /** The peer's own cursor after its 40th member. */
  peerMembersAfter: string;
  graphCenter: string;
  searchText: string;
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

function body(operationName: string, query: string, variables: Record<string, unknown>): RequestBody {
  return { operationName, query, variables };
}

export function benchQueries(p: QueryParameters): BenchQuery[] {
  const lucene = toLuceneQuery(p.searchText) ?? p.searchText;
  const kommuneDetail = (name: string, nr: string, description: string): BenchQuery => ({
    name,
    description,
    bodies: {
      ours: body('KommuneDetail', KOMMUNE_DETAIL, { nr }),
      floor: body('KommuneDetail', KOMMUNE_DETAIL, { nr }),
      peer: body('KommuneDetail', PEER_KOMMUNE_DETAIL, { nr }),
    },
    floorMatchesOurs: true,
    peerNote: 'Exact number only (no pre-2020 or 2024 numbers); rankings cannot be sorted by the indicator key of a related node, so they come by edition, scope and rank.',
  });
  return [
    kommuneDetail('kommune-detail', p.kommuneNr, `Kommune ${p.kommuneNr}: fylke, rankings, hosted clusters, first 20 companies by name with their memberships`),
    kommuneDetail('kommune-detail-large', p.largeKommuneNr, `The same page for the kommune with most companies (${p.largeKommuneNr})`),
    {
      name: 'ranking-page',
      description: `Ranking ${p.indicator} ${p.edition}: the indicator and the first 50 national rows with kommune names`,
      bodies: {
        ours: body('RankingPage', RANKING_PAGE, { indicator: p.indicator, edition: p.edition }),
        floor: body('RankingPage', RANKING_PAGE, { indicator: p.indicator, edition: p.edition }),
        peer: body('RankingPage', PEER_RANKING_PAGE, { indicator: p.indicator, edition: p.edition }),
      },
      floorMatchesOurs: true,
      peerNote: 'Same rows; "ranked a kommune, not a fylke" is written as a filter on the related kommune id.',
    },
    {
      name: 'cluster-members-page-3',
      description: `Members 41–60 by name of ${p.clusterId}`,
      bodies: {
        ours: body('ClusterMembersPage', CLUSTER_MEMBERS, { id: p.clusterId, first: 20, after: p.floorMembersAfter }),
        floor: body('ClusterMembersPage', CLUSTER_MEMBERS, { id: p.clusterId, first: 20, after: p.floorMembersAfter }),
        peer: body('ClusterMembersPage', PEER_CLUSTER_MEMBERS, { id: p.clusterId, first: 20, after: p.peerMembersAfter }),
      },
      floorMatchesOurs: true,
      peerNote: 'membersConnection(first: 20, after) with the library\'s offset cursors, sorted by name and id.',
    },
    {
      name: 'graph-depth-2',
      description: `graph(center: "${p.graphCenter}", depth: 2, limit: 500): nodes and edges`,
      bodies: {
        ours: body('Graph', GRAPH, { center: p.graphCenter, depth: 2, limit: 500 }),
        floor: body('Graph', GRAPH, { center: p.graphCenter, depth: 2, limit: 500 }),
        peer: body('Graph', PEER_GRAPH, { center: p.graphCenter }),
      },
      floorMatchesOurs: true,
      peerNote: 'No breadth-first walk, node budget or edge list: a nested selection two hops out from the cluster with capped lists (150 members, each with kommune, 3 memberships, 2 events); the client would flatten the tree and dedupe.',
    },
    {
      name: 'correlation',
      description: `correlation(COMPANIES, ${p.indicator}, ${p.edition}, controlFor: LOG_POPULATION) over all kommuner`,
      bodies: {
        ours: body('Correlation', CORRELATION, { metric: 'COMPANIES', indicator: p.indicator, year: p.edition }),
        floor: body('Correlation', CORRELATION, { metric: 'COMPANIES', indicator: p.indicator, year: p.edition }),
        peer: body('Correlation', PEER_CORRELATION, { indicator: p.indicator, year: p.edition }),
      },
      floorMatchesOurs: true,
      peerNote: 'No statistics: the peer serves the series (company count aggregate and the rank per kommune) and the client computes the coefficients, so the peer does less work than ours and the floor here.',
    },
    {
      name: 'search',
      description: `search(text: "${p.searchText}", first: 20) over every entity type`,
      bodies: {
        ours: body('Search', SEARCH, { text: p.searchText, first: 20 }),
        floor: body('Search', SEARCH, { text: p.searchText, first: 20 }),
        peer: body('Search', PEER_SEARCH, { phrase: lucene, first: 20 }),
      },
      floorMatchesOurs: true,
      peerNote: `@fulltext gives one query per type: ${PEER_SEARCH_TYPES.length} full-text queries on the same index, 20 hits each, merged by score on the client; the client must also fold the text into Lucene syntax itself.`,
    },
  ];
}
