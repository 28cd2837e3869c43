import { edgeId } from '../../graph/ids.js';
import { enumOfType, type RawNode, typeOfLabels } from '../common/records.js';
import type { RawEdge } from './repository.js';
import { keyOf } from './weights.js';

export interface GraphNodeRecord {
  id: string;
  /** The `EntityType` value (`KOMMUNE`), as the `types` filters take it. */
  type: string;
  /** The GraphQL type name (`Kommune`), as `__typename` of the entity gives it. */
  typename: string;
  label: string;
  properties: Record<string, unknown>;
}

export interface GraphEdgeRecord {
  id: string;
  source: string;
  target: string;
  type: string;
  weight: number | null;
  year: number | null;
  properties: Record<string, unknown>;
}

export interface GraphViewRecord {
  nodes: GraphNodeRecord[];
  edges: GraphEdgeRecord[];
  truncated: boolean;
}

/** Bookkeeping properties that mean nothing on a drawing. */
const INTERNAL = new Set(['id', 'key', 'name', 'labels', 'searchText', 'sourceIds', 'synthetic']);

function scalarProperties(raw: Record<string, unknown>): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw).sort(([a], [b]) => a.localeCompare(b))) {
    if (INTERNAL.has(name) || value === null || value === undefined) continue;
    properties[name] = value;
  }
  return properties;
}

/** What `properties` holds on a view read without properties, where no field reads it. */
const NOT_READ: Record<string, unknown> = Object.freeze({});

function toGraphNode(raw: RawNode, withProperties: boolean): GraphNodeRecord {
  const type = typeOfLabels(raw.labels ?? []) ?? 'Kommune';
  return {
    id: raw.id,
    type: enumOfType(type),
    typename: type,
    label: String(raw.name ?? raw.id),
    properties: withProperties ? Object.assign(scalarProperties(raw), { sources: Array.isArray(raw.sourceIds) ? raw.sourceIds.length : 0 }) : NOT_READ,
  };
}

function idOfEdge(edge: Pick<RawEdge, 'source' | 'target' | 'type' | 'keys'>): string {
  return edgeId(edge.source, edge.type, edge.target, keyOf(edge.type, edge.keys ?? {}));
}

function toGraphEdge(raw: RawEdge, id: string, withProperties: boolean): GraphEdgeRecord {
  return {
    id,
    source: raw.source,
    target: raw.target,
    type: raw.type,
    weight: typeof raw.weight === 'number' ? raw.weight : null,
    year: typeof raw.year === 'number' ? raw.year : null,
    properties: withProperties
      ? Object.assign(scalarProperties(raw.properties), { sources: Array.isArray(raw.properties.sourceIds) ? raw.properties.sourceIds.length : 0 })
      : NOT_READ,
  };
}

/**
 * A view with unique nodes and edges, edges only between present nodes, both in a stable
 * order (nodes as given — nearest first — and edges by id). Without `withProperties` (the rows
 * were read without them, and no selected field reads them) no properties object is built.
 */
export function toGraphView(nodes: readonly RawNode[], edges: readonly RawEdge[], truncated: boolean, withProperties = true): GraphViewRecord {
  const byId = new Map<string, GraphNodeRecord>();
  for (const raw of nodes) if (!byId.has(raw.id)) byId.set(raw.id, toGraphNode(raw, withProperties));
  const edgeById = new Map<string, GraphEdgeRecord>();
  for (const raw of edges) {
    if (!byId.has(raw.source) || !byId.has(raw.target)) continue;
    const id = idOfEdge(raw);
    edgeById.set(id, toGraphEdge(raw, id, withProperties));
  }
  return {
    nodes: [...byId.values()],
    edges: [...edgeById.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    truncated,
  };
}

/** Cytoscape.js `elements`: `{ group, data }` with the ids Cytoscape needs in `data`. */
export function toCytoscapeElements(view: GraphViewRecord): Record<string, unknown>[] {
  return [
    ...view.nodes.map((node) => ({ group: 'nodes', data: { ...node.properties, id: node.id, label: node.label, type: node.type, typename: node.typename } })),
    ...view.edges.map((edge) => ({ group: 'edges', data: { ...edge.properties, ...weightAndYear(edge), id: edge.id, source: edge.source, target: edge.target, type: edge.type } })),
  ];
}

/**
 * graphology's serialised form, for `Graph.from(...)` or `graph.import(...)`: a directed
 * multigraph, because two entities can be linked by several relationships (MEMBER_OF and
 * PARTNER_OF, or COMMUTES_TO of several years), each a fact with its own sources.
 */
export function toGraphology(view: GraphViewRecord): Record<string, unknown> {
  return {
    attributes: {},
    options: { type: 'directed', multi: true, allowSelfLoops: true },
    nodes: view.nodes.map((node) => ({ key: node.id, attributes: { ...node.properties, label: node.label, type: node.type, typename: node.typename } })),
    edges: view.edges.map((edge) => ({ key: edge.id, source: edge.source, target: edge.target, attributes: { ...edge.properties, ...weightAndYear(edge), type: edge.type } })),
  };
}

/** Weight and year where an edge has them, for drawing (edge width, filters). */
function weightAndYear(edge: GraphEdgeRecord): Record<string, number> {
  return { ...(edge.weight === null ? {} : { weight: edge.weight }), ...(edge.year === null ? {} : { year: edge.year }) };
}
