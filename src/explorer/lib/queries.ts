/**
 * The operations the views send. Their answers' types are generated from these texts against
 * schema/ (`npm run codegen` writes ../generated/operations.ts; CI fails when it is stale), so
 * each text starts with the GraphQL comment by which codegen finds it. The names of the
 * operations show up in the server's request log. Imports name `.js` files because the server's
 * tests (NodeNext resolution) read these operations too.
 */
import {
  CooperationMetric,
  type ExplorerCorrelationQuery,
  type ExplorerGraphQuery,
  type ExplorerGraphViewFieldsFragment,
  type ExplorerIndicatorsQuery,
  type ExplorerKommuneHistoryQuery,
  type ExplorerNodeQuery,
  type ExplorerPathQuery,
  type ExplorerRankingQuery,
  type ExplorerSearchQuery,
  type ExplorerSourceFieldsFragment,
} from '../generated/operations.js';
import { operation } from './api.js';

export type { CooperationMetric, EntityType } from '../generated/operations.js';

// Fragments are appended to the operations that spread them; codegen reads each text on its own.
const SOURCE_FIELDS = /* GraphQL */ `
  fragment ExplorerSourceFields on Source { title url publisher note }
`;

const GRAPH_VIEW_FIELDS = /* GraphQL */ `
  fragment ExplorerGraphViewFields on GraphView {
    nodes { id type label properties }
    edges { id source target type properties }
    truncated
  }
`;

export const SEARCH = operation<ExplorerSearchQuery>(/* GraphQL */ `
  query ExplorerSearch($text: String!) {
    search(text: $text, first: 10) { id type label }
  }
`);
export type SearchHit = ExplorerSearchQuery['search'][number];

export const GRAPH = operation<ExplorerGraphQuery>(/* GraphQL */ `
  query ExplorerGraph($center: ID!, $depth: Int) {
    graph(center: $center, depth: $depth, limit: 200) { ...ExplorerGraphViewFields }
  }
  ${GRAPH_VIEW_FIELDS}
`);
export type GraphView = ExplorerGraphViewFieldsFragment;
export type GraphNode = GraphView['nodes'][number];
export type GraphEdge = GraphView['edges'][number];

export const PATH = operation<ExplorerPathQuery>(/* GraphQL */ `
  query ExplorerPath($from: ID!, $to: ID!) {
    path(from: $from, to: $to, maxLength: 6) { ...ExplorerGraphViewFields }
  }
  ${GRAPH_VIEW_FIELDS}
`);

// A kommune's panel also shows its published ranks and its cooperation figures, in the same request.
export const NODE_DETAILS = operation<ExplorerNodeQuery>(/* GraphQL */ `
  query ExplorerNode($id: ID!) {
    node(id: $id) {
      id __typename
      ... on Entity { name sources { ...ExplorerSourceFields } }
      ... on Kommune {
        nr
        rankings { id edition rank scope scopeName derived indicator { key name } }
        cooperation { ecosystemCurated measures { metric value measured year populationYear universe cooperation } }
      }
    }
  }
  ${SOURCE_FIELDS}
`);
export type Source = ExplorerSourceFieldsFragment;
type NodeAnswer = NonNullable<ExplorerNodeQuery['node']>;
export type KommuneAnswer = Extract<NodeAnswer, { __typename: 'Kommune' }>;
export type KommuneRank = KommuneAnswer['rankings'][number];
export type MeasureFigure = KommuneAnswer['cooperation']['measures'][number];

export const INDICATORS_AND_FYLKER = operation<ExplorerIndicatorsQuery>(/* GraphQL */ `
  query ExplorerIndicators {
    indicators { key name kind unit higherIsBetter years description }
    fylker { nr name }
  }
`);

export const RANKING = operation<ExplorerRankingQuery>(/* GraphQL */ `
  query ExplorerRanking($indicator: String!, $edition: Int!, $fylke: String) {
    ranking(indicator: $indicator, edition: $edition, fylke: $fylke, first: 500) {
      edges { node {
        id rank scope scopeName placeInFylke score dataYear publishedNr derived note
        kommune { id nr name fylke { nr name } }
        sources { ...ExplorerSourceFields }
      } }
    }
  }
  ${SOURCE_FIELDS}
`);
export type RankingRow = ExplorerRankingQuery['ranking']['edges'][number]['node'];

export const KOMMUNE_HISTORY = operation<ExplorerKommuneHistoryQuery>(/* GraphQL */ `
  query ExplorerKommuneHistory($nr: String!, $indicator: String!) {
    kommune(nr: $nr) { id name rankings(indicator: $indicator) { edition rank scope scopeName } }
  }
`);

export const CORRELATION = operation<ExplorerCorrelationQuery>(/* GraphQL */ `
  query ExplorerCorrelation(
    $metric: CooperationMetric!, $indicator: String!, $year: Int!, $fylke: String, $controlFor: [Covariate!], $confidenceLevel: Float
  ) {
    correlation(metric: $metric, indicator: $indicator, year: $year, fylke: $fylke, controlFor: $controlFor, confidenceLevel: $confidenceLevel) {
      metric year metricYear n pearson spearman pValue spearmanPValue slope intercept higherIsBetter note
      pValueMethod permutations confidenceLevel
      pearsonInterval { lower upper level method } spearmanInterval { lower upper level method }
      ties { x y } series { role name year }
      coverage { universe kommuner measured year populationYear source { title publisher url } }
      warnings { code message }
      indicator { key name unit }
      fylke { nr name }
      partial {
        covariates n pearson spearman pValue spearmanPValue
        pearsonInterval { lower upper level method } spearmanInterval { lower upper level method }
      }
      points { kommune { id nr name } x y }
    }
  }
`);
export type CorrelationResult = ExplorerCorrelationQuery['correlation'];

/** The metrics `correlation` takes, in the schema's order: generated, so none is asked of the API. */
export const COOPERATION_METRICS: readonly CooperationMetric[] = Object.values(CooperationMetric);
