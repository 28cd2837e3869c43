/**
 * The operations the views send, with the shapes of their answers. They follow the SDL in
 * schema/; the names of the operations show up in the server's request log.
 */

export type EntityType =
  | 'FYLKE' | 'KOMMUNE' | 'COMMUTING_REGION' | 'COMPANY' | 'CLUSTER' | 'SCHOOL'
  | 'EVENT' | 'INITIATIVE' | 'COLLABORATION' | 'INDICATOR' | 'RANKING_ENTRY';

export interface Source {
  title: string;
  url: string | null;
  publisher: string;
  note: string | null;
}

export interface SearchHit {
  id: string;
  type: EntityType;
  label: string;
}

export const SEARCH = `query ExplorerSearch($text: String!) {
  search(text: $text, first: 10) { id type label }
}`;
export interface SearchData {
  search: SearchHit[];
}

export interface GraphNode {
  id: string;
  type: EntityType;
  label: string;
  properties: Record<string, unknown>;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  properties: Record<string, unknown>;
}

export interface GraphView {
  nodes: GraphNode[];
  edges: GraphEdge[];
  truncated: boolean;
}

const GRAPH_VIEW_FIELDS = `nodes { id type label properties } edges { id source target type properties } truncated`;

export const GRAPH = `query ExplorerGraph($center: ID!, $depth: Int) {
  graph(center: $center, depth: $depth, limit: 200) { ${GRAPH_VIEW_FIELDS} }
}`;
export interface GraphData {
  graph: GraphView;
}

export const PATH = `query ExplorerPath($from: ID!, $to: ID!) {
  path(from: $from, to: $to, maxLength: 6) { ${GRAPH_VIEW_FIELDS} }
}`;
export interface PathData {
  path: GraphView | null;
}

export const NODE_DETAILS = `query ExplorerNode($id: ID!) {
  node(id: $id) { id __typename ... on Entity { name sources { title url publisher note } } }
}`;
export interface NodeDetailsData {
  node: { id: string; __typename: string; name?: string; sources?: Source[] } | null;
}

export interface Indicator {
  key: string;
  name: string;
  kind: 'RANK' | 'VALUE';
  unit: string;
  higherIsBetter: boolean;
  years: number[];
  description: string;
}

export interface Fylke {
  nr: string;
  name: string;
}

export const INDICATORS_AND_FYLKER = `query ExplorerIndicators {
  indicators { key name kind unit higherIsBetter years description }
  fylker { nr name }
}`;
export interface IndicatorsAndFylkerData {
  indicators: Indicator[];
  fylker: Fylke[];
}

export interface RankingRow {
  id: string;
  rank: number;
  scope: 'NATIONAL' | 'FYLKE';
  scopeName: string;
  placeInFylke: number | null;
  score: number | null;
  dataYear: number;
  publishedNr: string | null;
  derived: boolean;
  note: string | null;
  kommune: { id: string; nr: string; name: string; fylke: Fylke } | null;
  sources: Source[];
}

export const RANKING = `query ExplorerRanking($indicator: String!, $edition: Int!, $fylke: String) {
  ranking(indicator: $indicator, edition: $edition, fylke: $fylke, first: 500) {
    edges { node {
      id rank scope scopeName placeInFylke score dataYear publishedNr derived note
      kommune { id nr name fylke { nr name } }
      sources { title url publisher note }
    } }
  }
}`;
export interface RankingData {
  ranking: { edges: { node: RankingRow }[] };
}

export const KOMMUNE_HISTORY = `query ExplorerKommuneHistory($nr: String!, $indicator: String!) {
  kommune(nr: $nr) { id name rankings(indicator: $indicator) { edition rank scope scopeName } }
}`;
export interface KommuneHistoryData {
  kommune: {
    id: string;
    name: string;
    rankings: { edition: number; rank: number; scope: 'NATIONAL' | 'FYLKE'; scopeName: string }[];
  } | null;
}

export const COOPERATION_METRICS = `query ExplorerMetrics {
  __type(name: "CooperationMetric") { enumValues { name description } }
}`;
export interface CooperationMetricsData {
  __type: { enumValues: { name: string; description: string | null }[] } | null;
}

export interface CorrelationResult {
  metric: string;
  year: number;
  n: number;
  pearson: number | null;
  spearman: number | null;
  pValue: number | null;
  spearmanPValue: number | null;
  slope: number | null;
  intercept: number | null;
  higherIsBetter: boolean;
  note: string | null;
  indicator: { key: string; name: string; unit: string };
  fylke: Fylke | null;
  partial: { covariates: string[]; n: number; pearson: number | null; spearman: number | null; pValue: number | null } | null;
  points: { kommune: { id: string; nr: string; name: string }; x: number; y: number }[];
}

export const CORRELATION = `query ExplorerCorrelation(
  $metric: CooperationMetric!, $indicator: String!, $year: Int!, $fylke: String, $controlFor: [Covariate!]
) {
  correlation(metric: $metric, indicator: $indicator, year: $year, fylke: $fylke, controlFor: $controlFor) {
    metric year n pearson spearman pValue spearmanPValue slope intercept higherIsBetter note
    indicator { key name unit }
    fylke { nr name }
    partial { covariates n pearson spearman pValue }
    points { kommune { id nr name } x y }
  }
}`;
export interface CorrelationData {
  correlation: CorrelationResult;
}
