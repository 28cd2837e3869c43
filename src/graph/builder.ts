import { entityId, sourceId } from './ids.js';
import {
  allowsRelationship, type GraphFacts, type KeyedSource, type NodeLabel, NODE_LABELS, type NodeRecord, patternOf, type Properties,
  RELATIONSHIP_TYPES, type RelationshipRecord, type RelationshipType, type SourceRecord,
} from './model.js';
import { buildSearchText } from './text.js';

/** A fact that does not fit the model, or contradicts another fact. */
export class GraphFactError extends Error {
  override readonly name = 'GraphFactError';
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
  private readonly notes: string[] = [];

  constructor(sources: readonly KeyedSource[]) {
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
      if (!source) throw new GraphFactError(`source key "${key}" is not in seeds/sources.csv`);
      this.usedSources.add(source.id);
      return source.id;
    });
  }

  /** The source id of a URL that a fact file cites; every cited URL must be in sources.csv. */
  sourceByUrl(url: string): string {
    const source = this.sourcesByUrl.get(url);
    if (!source) throw new GraphFactError(`no row in seeds/sources.csv has the url ${url}`);
    this.usedSources.add(source.id);
    return source.id;
  }

  hasNode(id: string): boolean {
    return this.nodes.has(id);
  }

  labelOf(id: string): NodeLabel | undefined {
    return this.nodes.get(id)?.label;
  }

  /** Ids of the nodes of a label by the value of one of their properties (schools by `orgnr`). */
  idsByProperty(label: NodeLabel, property: string): Map<string, string[]> {
    const ids = new Map<string, string[]>();
    for (const [id, node] of this.nodes) {
      const value = node.props[property];
      if (node.label !== label || typeof value !== 'string') continue;
      ids.set(value, [...(ids.get(value) ?? []), id]);
    }
    return ids;
  }

  /** Records what a build step left out or could not place, so the load summary reports it. */
  note(text: string): void {
    this.notes.push(text);
  }

  /** Adds a node or merges it into the one with the same id; returns its id. */
  node(label: NodeLabel, key: string, props: Properties, sourceIds: readonly string[], options: { names?: readonly string[]; searchable?: boolean } = {}): string {
    const id = entityId(label, key);
    if (sourceIds.length === 0) throw new GraphFactError(`${id} has no source`);
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
   * Adds a relationship or merges it into the one with the same type and ends (and the
   * properties the model keys it by, such as HAS_VALUE's `year`). When one fact states it and another only infers it, it counts as stated.
   */
  relationship(type: RelationshipType, from: string, to: string, props: Properties, sourceIds: readonly string[]): void {
    const key = [from, type, to, ...(patternOf(type).keyedBy ?? []).map((name) => String(props[name]))].join('|');
    if (sourceIds.length === 0) throw new GraphFactError(`${from} -${type}-> ${to} has no source`);
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

  build(): GraphFacts {
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
      const fromLabel = this.labelOf(rel.from);
      const toLabel = this.labelOf(rel.to);
      if (!fromLabel || !toLabel) {
        throw new GraphFactError(`${rel.from} -${rel.type}-> ${rel.to}: ${fromLabel ? rel.to : rel.from} is not a node of the seeds`);
      }
      if (!allowsRelationship(rel.type, fromLabel, toLabel)) {
        throw new GraphFactError(`${rel.from} -${rel.type}-> ${rel.to}: the model has no ${rel.type} from ${fromLabel} to ${toLabel}`);
      }
      relationships[rel.type].push({ from: rel.from, to: rel.to, props: rel.props, sourceIds: [...rel.sourceIds].sort() });
    }
    const sources = [...new Map([...this.sourcesByKey.values()].filter((s) => this.usedSources.has(s.id)).map((s) => [s.id, s])).values()];
    const unused = [...this.sourcesByKey.entries()].filter(([, s]) => !this.usedSources.has(s.id)).map(([key]) => key);
    if (unused.length > 0) throw new GraphFactError(`seeds/sources.csv rows that no fact cites: ${unused.join(', ')}`);
    return { sources, nodes, relationships, notes: [...this.notes] };
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
      throw new GraphFactError(`${what}: ${name} is ${JSON.stringify(current)} in one fact and ${JSON.stringify(value)} in another`);
    }
  }
}
