/**
 * The graph model: every label, relationship pattern and property rule of the graph, declared
 * once. Every other set (constraint labels, the cooperation graph, the labels a graph view hides,
 * the integer properties) is derived here from these declarations, never retyped elsewhere;
 * docs/data-model.md describes the same model in words.
 */

/** What a label stands for; it decides which derived sets the label falls into. */
type LabelRole =
  /** Administrative geography the kommuner sit in: part of the graph, but a hub, not cooperation. */
  | 'reference'
  /** Actors and arrangements of cooperation. */
  | 'cooperation'
  /** Statistics about kommuner: indicators and ranking entries. Not part of the cooperation graph. */
  | 'statistics';

/** Entity labels and their role; every entity node also carries `Entity`. */
export const LABELS = {
  Fylke: 'reference',
  Kommune: 'cooperation',
  CommutingRegion: 'reference',
  Company: 'cooperation',
  Cluster: 'cooperation',
  School: 'cooperation',
  Event: 'cooperation',
  Initiative: 'cooperation',
  Collaboration: 'cooperation',
  Indicator: 'statistics',
  RankingEntry: 'statistics',
  Project: 'cooperation',
  Organisation: 'cooperation',
} as const satisfies Record<string, LabelRole>;

export type NodeLabel = keyof typeof LABELS;
export const NODE_LABELS = Object.keys(LABELS) as NodeLabel[];

/** Labels by role, e.g. `labelsWithRole('statistics')` → Indicator, RankingEntry. */
export function labelsWithRole(role: LabelRole): NodeLabel[] {
  return NODE_LABELS.filter((label) => LABELS[label] === role);
}

/** Nodes that are not part of the cooperation graph: statistics about kommuner. */
export const STATISTICS_LABELS: readonly NodeLabel[] = labelsWithRole('statistics');

/** Provenance nodes: not entities, never part of a graph view. */
export const SOURCE_LABEL = 'Source' as const;

/** Labels a graph view (`graph`, `path`) never shows or walks through: statistics and provenance. */
export const GRAPH_VIEW_HIDDEN_LABELS: readonly string[] = [...STATISTICS_LABELS, SOURCE_LABEL];

export function isNodeLabel(label: string): label is NodeLabel {
  return Object.hasOwn(LABELS, label);
}

/** What a relationship type is about; geography is never counted as cooperation. */
type RelationshipRole = 'geography' | 'cooperation' | 'statistics';

interface RelationshipPattern {
  readonly from: readonly NodeLabel[];
  readonly to: readonly NodeLabel[];
  readonly role: RelationshipRole;
  /**
   * Properties that take part in the relationship's identity besides its type and ends: one
   * relationship per value of these (a kommune has one HAS_VALUE per indicator and year).
   */
  readonly keyedBy?: readonly string[];
  /**
   * The count that says how strong each relationship is (COMMUTES_TO: `employed`). Such a
   * weighted flow links most kommuner with most others, so it is measured with its weights on
   * its own (the `ssb/commuting/*` indicators), not counted as one more tie of the cooperation graph.
   */
  readonly weightedBy?: string;
}

/** Which labels each relationship type joins, as the model allows. */
export const RELATIONSHIP_PATTERNS = {
  IN_FYLKE: { from: ['Kommune'], to: ['Fylke'], role: 'geography' },
  IN_COMMUTING_REGION: { from: ['Kommune'], to: ['CommutingRegion'], role: 'geography' },
  LOCATED_IN: { from: ['Company', 'Cluster', 'School', 'Event', 'Initiative', 'Organisation'], to: ['Kommune'], role: 'cooperation' },
  MEMBER_OF: { from: ['Company', 'School', 'Cluster'], to: ['Cluster'], role: 'cooperation' },
  FACILITATED_BY: { from: ['Cluster'], to: ['Cluster'], role: 'cooperation' },
  COLLABORATES_WITH: { from: ['Cluster', 'School'], to: ['Cluster', 'Company'], role: 'cooperation' },
  CAMPUS_OF: { from: ['School'], to: ['School'], role: 'cooperation' },
  MEETS: { from: ['Cluster'], to: ['Kommune'], role: 'cooperation' },
  PARTNER_OF: { from: ['Company', 'Kommune', 'Cluster', 'School'], to: ['Event'], role: 'cooperation' },
  PROPOSED: { from: ['Cluster', 'Company', 'Kommune', 'School'], to: ['Initiative'], role: 'cooperation' },
  PARTICIPATES_IN: { from: ['Cluster', 'Company', 'Kommune', 'School'], to: ['Initiative', 'Collaboration'], role: 'cooperation' },
  FOR_INDICATOR: { from: ['RankingEntry'], to: ['Indicator'], role: 'statistics' },
  RANKS: { from: ['RankingEntry'], to: ['Kommune', 'Fylke'], role: 'statistics' },
  HAS_VALUE: { from: ['Kommune'], to: ['Indicator'], role: 'statistics', keyedBy: ['year'] },
  /** Home kommune → work kommune, SSB 03321: `employed` people, per `year`; only between different kommuner. */
  COMMUTES_TO: { from: ['Kommune'], to: ['Kommune'], role: 'cooperation', keyedBy: ['year'], weightedBy: 'employed' },
  /** Kommuner that share a border; undirected, stored once per pair from the lower number to the higher. */
  NEIGHBOUR_OF: { from: ['Kommune'], to: ['Kommune'], role: 'geography' },
  PARTICIPATES_IN_PROJECT: { from: ['Company', 'School', 'Organisation'], to: ['Project'], role: 'cooperation' },
} as const satisfies Record<string, RelationshipPattern>;

export type RelationshipType = keyof typeof RELATIONSHIP_PATTERNS;
export const RELATIONSHIP_TYPES = Object.keys(RELATIONSHIP_PATTERNS) as RelationshipType[];

export function isRelationshipType(type: string): type is RelationshipType {
  return Object.hasOwn(RELATIONSHIP_PATTERNS, type);
}

export function patternOf(type: RelationshipType): RelationshipPattern {
  return RELATIONSHIP_PATTERNS[type];
}

/** The property that weighs each weighted relationship type (COMMUTES_TO: `employed`), from the model's `weightedBy`. */
export const WEIGHT_PROPERTIES: Readonly<Partial<Record<RelationshipType, string>>> = Object.fromEntries(
  RELATIONSHIP_TYPES.flatMap((type) => {
    const property = patternOf(type).weightedBy;
    return property === undefined ? [] : [[type, property]];
  }),
);

/** Weighted relationship types: the ones a store ranks. */
export const WEIGHTED_TYPES: readonly RelationshipType[] = RELATIONSHIP_TYPES.filter((type) => WEIGHT_PROPERTIES[type] !== undefined);

/** Whether the model has `type` from a node labelled `from` to one labelled `to`. */
export function allowsRelationship(type: RelationshipType, from: NodeLabel, to: NodeLabel): boolean {
  const pattern = patternOf(type);
  return pattern.from.includes(from) && pattern.to.includes(to);
}

/** Relationship types of a role. */
export function relationshipTypesWithRole(role: RelationshipRole): RelationshipType[] {
  return RELATIONSHIP_TYPES.filter((type) => patternOf(type).role === role);
}

/**
 * The relationship types of the unweighted cooperation graph that `npm run analyze` measures
 * (degree, PageRank, betweenness, Louvain): cooperation ties, without geography, statistics and
 * weighted flows (`weightedBy`).
 */
export const COOPERATION_GRAPH_TYPES: readonly RelationshipType[] = relationshipTypesWithRole('cooperation')
  .filter((type) => patternOf(type).weightedBy === undefined);

/**
 * Properties that hold whole numbers, on any node or relationship. The driver sends a JS number
 * as a float, so every writer converts these (and only these) to Neo4j integers.
 */
export const INTEGER_PROPERTIES: ReadonlySet<string> = new Set([
  'rank', 'edition', 'dataYear', 'year', 'statusYear', 'employees', 'population2020', 'population2021', 'population2022',
  'employed',
  'years',
]);

export type PropertyValue = string | number | boolean | readonly string[] | readonly number[] | null;
export type Properties = Record<string, PropertyValue>;

/** A source as stored: a `Source` node. */
export interface SourceRecord {
  id: string;
  title: string;
  url: string | null;
  publisher: string;
  note: string | null;
  licence: string | null;
  /** True only for the generator's synthetic source. */
  synthetic?: boolean;
}

/** A source described under a key, as `seeds/sources.csv` lists it. */
export type KeyedSource = Omit<SourceRecord, 'id' | 'synthetic'> & { key: string };

export interface NodeRecord {
  id: string;
  key: string;
  /** Null for nodes that search should not return (ranking entries). */
  searchText: string | null;
  props: Properties;
  sourceIds: string[];
}

export interface RelationshipRecord {
  from: string;
  to: string;
  props: Properties;
  sourceIds: string[];
}

/** A node with its label, as one row of a mixed batch. */
export type LabelledNode = NodeRecord & { label: NodeLabel };
/** A relationship with its type, as one row of a mixed batch. */
export type TypedRelationship = RelationshipRecord & { type: RelationshipType };

/** A whole graph ready to write: what the seeds build, and what a test can build. */
export interface GraphFacts {
  sources: SourceRecord[];
  nodes: Record<NodeLabel, NodeRecord[]>;
  relationships: Record<RelationshipType, RelationshipRecord[]>;
  /** What the build left out or could not place, for the load summary (never silently dropped). */
  notes?: string[];
}
