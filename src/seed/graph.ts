import { createHash } from 'node:crypto';
import type { SourceRow } from './files.js';
import { buildSearchText } from './text.js';

/** Entity labels of the model (docs/data-model.md); every one also carries `Entity`. */
export const NODE_LABELS = [
  'Fylke', 'Kommune', 'CommutingRegion', 'Company', 'Cluster', 'School', 'Event', 'Initiative',
  'Collaboration', 'Indicator', 'RankingEntry',
] as const;
export type NodeLabel = (typeof NODE_LABELS)[number];

/** Which labels each relationship type joins, as the model allows. */
export const RELATIONSHIP_PATTERNS = {
  IN_FYLKE: [['Kommune'], ['Fylke']],
  IN_COMMUTING_REGION: [['Kommune'], ['CommutingRegion']],
  LOCATED_IN: [['Company', 'Cluster', 'School', 'Event', 'Initiative'], ['Kommune']],
  MEMBER_OF: [['Company', 'School', 'Cluster'], ['Cluster']],
  FACILITATED_BY: [['Cluster'], ['Cluster']],
  COLLABORATES_WITH: [['Cluster', 'School'], ['Cluster', 'Company']],
  CAMPUS_OF: [['School'], ['School']],
  MEETS: [['Cluster'], ['Kommune']],
  PARTNER_OF: [['Company', 'Kommune', 'Cluster', 'School'], ['Event']],
  PROPOSED: [['Cluster', 'Company', 'Kommune', 'School'], ['Initiative']],
  PARTICIPATES_IN: [['Cluster', 'Company', 'Kommune', 'School'], ['Initiative', 'Collaboration']],
  FOR_INDICATOR: [['RankingEntry'], ['Indicator']],
  RANKS: [['RankingEntry'], ['Kommune', 'Fylke']],
  HAS_VALUE: [['Kommune'], ['Indicator']],
} as const satisfies Record<string, readonly [readonly NodeLabel[], readonly NodeLabel[]]>;
export type RelationshipType = keyof typeof RELATIONSHIP_PATTERNS;
export const RELATIONSHIP_TYPES = Object.keys(RELATIONSHIP_PATTERNS) as RelationshipType[];

export function isRelationshipType(type: string): type is RelationshipType {
  return Object.hasOwn(RELATIONSHIP_PATTERNS, type);
}

export type PropertyValue = string | number | boolean | string[] | null;
export type Properties = Record<string, PropertyValue>;

export interface SourceRecord {
  id: string;
  title: string;
  url: string | null;
  publisher: string;
  note: string | null;
  licence: string | null;
}

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

/** Everything the seeds put into the graph, ready to write. */
export interface SeedGraph {
  sources: SourceRecord[];
  nodes: Record<NodeLabel, NodeRecord[]>;
  relationships: Record<RelationshipType, RelationshipRecord[]>;
}

/**
 * `Source:<hash>` of a source's title, url, publisher and note: the same source described the
 * same way gets the same id in every load and from every writer (the import, the mutations).
 */
export function sourceId(source: { title: string; url: string | null; publisher: string; note: string | null }): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([source.title, source.url ?? null, source.publisher, source.note ?? null]))
    .digest('hex');
  return `Source:${digest.slice(0, 16)}`;
}

export class SeedGraphError extends Error {
  override readonly name = 'SeedGraphError';
}

interface PendingNode {
  label: NodeLabel;
  key: string;
  props: Properties;
  names: string[];
  searchable: boolean;
  sourceIds: Set<string>;
}

interface PendingRelationship {
  type: RelationshipType;
  from: string;
  to: string;
  props: Properties;
  sourceIds: Set<string>;
}

/** Properties whose values from several facts are combined instead of having to agree. */
const JOINED = new Set(['note', 'mappingNote']);

/**
 * Collects nodes and relationships from every seed file. The same node or relationship
 * stated by several facts becomes one, with the union of their sources; contradicting
 * values are an error, because silently keeping one would hide a conflict in the data.
 */
export class GraphBuilder {
  private readonly sourcesByKey = new Map<string, SourceRecord>();
  private readonly sourcesByUrl = new Map<string, SourceRecord>();
  private readonly usedSources = new Set<string>();
  private readonly nodes = new Map<string, PendingNode>();
  private readonly relationships = new Map<string, PendingRelationship>();

  constructor(sources: readonly SourceRow[]) {
    for (const row of sources) {
      const record: SourceRecord = {
        id: sourceId(row), title: row.title, url: row.url, publisher: row.publisher, note: row.note, licence: row.licence,
      };
      this.sourcesByKey.set(row.key, record);
      if (row.url) this.sourcesByUrl.set(row.url, record);
    }
  }

  /** Source ids for keys of sources.csv. */
  sources(...keys: string[]): string[] {
    return keys.map((key) => {
      const source = this.sourcesByKey.get(key);
      if (!source) throw new SeedGraphError(`source key "${key}" is not in seeds/sources.csv`);
      this.usedSources.add(source.id);
      return source.id;
    });
  }

  /** The source id of a URL that a fact file cites; every cited URL must be in sources.csv. */
  sourceByUrl(url: string): string {
    const source = this.sourcesByUrl.get(url);
    if (!source) throw new SeedGraphError(`no row in seeds/sources.csv has the url ${url}`);
    this.usedSources.add(source.id);
    return source.id;
  }

  hasNode(id: string): boolean {
    return this.nodes.has(id);
  }

  labelOf(id: string): NodeLabel | undefined {
    return this.nodes.get(id)?.label;
  }

  /** Adds a node or merges it into the one with the same id; returns its id. */
  node(label: NodeLabel, key: string, props: Properties, sourceIds: readonly string[], options: { names?: readonly string[]; searchable?: boolean } = {}): string {
    const id = `${label}:${key}`;
    if (sourceIds.length === 0) throw new SeedGraphError(`${id} has no source`);
    const existing = this.nodes.get(id);
    if (!existing) {
      this.nodes.set(id, {
        label, key, props: { ...props }, names: [...(options.names ?? [])], searchable: options.searchable ?? true, sourceIds: new Set(sourceIds),
      });
      return id;
    }
    mergeProperties(id, existing.props, props);
    existing.names.push(...(options.names ?? []));
    for (const source of sourceIds) existing.sourceIds.add(source);
    return id;
  }

  /**
   * Adds a relationship or merges it into the one with the same type and ends (and `year`,
   * for HAS_VALUE). When one fact states it and another only infers it, it counts as stated.
   */
  relationship(type: RelationshipType, from: string, to: string, props: Properties, sourceIds: readonly string[]): void {
    const key = `${from}|${type}|${to}|${type === 'HAS_VALUE' ? String(props.year) : ''}`;
    if (sourceIds.length === 0) throw new SeedGraphError(`${from} -${type}-> ${to} has no source`);
    const existing = this.relationships.get(key);
    if (!existing) {
      this.relationships.set(key, { type, from, to, props: { ...props }, sourceIds: new Set(sourceIds) });
      return;
    }
    const { inferred, ...rest } = props;
    mergeProperties(`${from} -${type}-> ${to}`, existing.props, rest);
    if (existing.props.inferred === true && inferred !== true) existing.props.inferred = null;
    for (const source of sourceIds) existing.sourceIds.add(source);
  }

  build(): SeedGraph {
    const nodes = Object.fromEntries(NODE_LABELS.map((label) => [label, [] as NodeRecord[]])) as Record<NodeLabel, NodeRecord[]>;
    for (const [id, node] of this.nodes) {
      nodes[node.label].push({
        id,
        key: node.key,
        searchText: node.searchable ? buildSearchText(node.names) : null,
        props: node.props,
        sourceIds: [...node.sourceIds].sort(),
      });
    }
    const relationships = Object.fromEntries(RELATIONSHIP_TYPES.map((type) => [type, [] as RelationshipRecord[]])) as Record<RelationshipType, RelationshipRecord[]>;
    for (const rel of this.relationships.values()) {
      const [fromLabels, toLabels] = RELATIONSHIP_PATTERNS[rel.type] as readonly [readonly NodeLabel[], readonly NodeLabel[]];
      const fromLabel = this.labelOf(rel.from);
      const toLabel = this.labelOf(rel.to);
      if (!fromLabel || !toLabel) {
        throw new SeedGraphError(`${rel.from} -${rel.type}-> ${rel.to}: ${fromLabel ? rel.to : rel.from} is not a node of the seeds`);
      }
      if (!fromLabels.includes(fromLabel) || !toLabels.includes(toLabel)) {
        throw new SeedGraphError(`${rel.from} -${rel.type}-> ${rel.to}: the model has no ${rel.type} from ${fromLabel} to ${toLabel}`);
      }
      relationships[rel.type].push({ from: rel.from, to: rel.to, props: rel.props, sourceIds: [...rel.sourceIds].sort() });
    }
    const sources = [...new Map([...this.sourcesByKey.values()].filter((s) => this.usedSources.has(s.id)).map((s) => [s.id, s])).values()];
    const unused = [...this.sourcesByKey.entries()].filter(([, s]) => !this.usedSources.has(s.id)).map(([key]) => key);
    if (unused.length > 0) throw new SeedGraphError(`seeds/sources.csv rows that no fact cites: ${unused.join(', ')}`);
    return { sources, nodes, relationships };
  }
}

function mergeProperties(what: string, target: Properties, incoming: Properties): void {
  for (const [name, value] of Object.entries(incoming)) {
    const current = target[name];
    if (value === null || value === undefined) {
      if (!(name in target)) target[name] = null;
      continue;
    }
    if (current === null || current === undefined) {
      target[name] = value;
    } else if (Array.isArray(current) && Array.isArray(value)) {
      target[name] = [...new Set([...current, ...value])];
    } else if (JOINED.has(name) && typeof current === 'string' && typeof value === 'string') {
      if (!current.split(' | ').includes(value)) target[name] = `${current} | ${value}`;
    } else if (current !== value) {
      throw new SeedGraphError(`${what}: ${name} is ${JSON.stringify(current)} in one fact and ${JSON.stringify(value)} in another`);
    }
  }
}
