import type { Database } from '../../db/database.js';
import {
  GRAPH_VIEW_HIDDEN_LABELS, HEAVIEST_LABEL, HEAVIEST_PER_YEAR, isRelationshipType, patternOf, storedDegreeMatches, WEIGHTED_TYPES,
} from '../../graph/index.js';
import type { RawNode } from '../common/records.js';
import { CUT_PER_NODE_TYPES, KEY_PROPERTIES, PLAIN_VIEW_TYPES, REFERENCE_LABELS, weightAndYearOf, weightExpression } from './weights.js';

/** Labels that never appear in graph views: statistics and provenance, not cooperation. */
export const HIDDEN_LABELS = GRAPH_VIEW_HIDDEN_LABELS;

export type RawEdge = {
  source: string;
  target: string;
  type: string;
  /** The weight of weighted types (persons for COMMUTES_TO); null otherwise. */
  weight: number | null;
  year: number | null;
  /** The relationship's key properties (the model's `keyedBy`), for its id. */
  keys: Record<string, unknown>;
  properties: Record<string, unknown>;
};

/** Cypher that is true when the node bound to `v` carries none of HIDDEN_LABELS (label checks, no list per row). */
function visible(v: string): string {
  return `NOT (${HIDDEN_LABELS.map((label) => `${v}:${label}`).join(' OR ')})`;
}

/** What a view lets in besides its center: the filters of `graph` and `path`. */
export interface ViewFilters {
  /** Entity labels to walk to (null: all). */
  labels: readonly string[] | null;
  /** Relationship types to follow (null: all but `exclude`). */
  types: readonly string[] | null;
  /** Relationship types never followed. */
  exclude: readonly string[];
  /** Minimum weight (persons, for COMMUTES_TO) of a weighted relationship. */
  minWeight: number | null;
  /** Per node and weighted relationship type, only the N heaviest relationships. */
  topPartners: number;
  /** Dated relationships of this year only; null: each node's latest year of each dated type. */
  year: number | null;
  /** Whether reference hubs (fylke, commuting region) are walked to. */
  includeReference: boolean;
}

/**
 * Whether every node a relationship of `type` can lead to, by the model, passes the node filters
 * (visible, of the types asked for, not a reference hub unless asked): then a walk need not read
 * the far end's labels, and which of a node's weighted relationships a view keeps does not depend
 * on the far ends, so the stored heaviest ones (`heaviest.ts`) answer for the node.
 */
function farEndsAlwaysWalkable(type: string, filters: ViewFilters): boolean {
  if (!isRelationshipType(type)) return false;
  const { from, to } = patternOf(type);
  return [...from, ...to].every((label) => !HIDDEN_LABELS.includes(label)
    && (filters.labels === null || filters.labels.includes(label))
    && (filters.includeReference || !REFERENCE_LABELS.includes(label)));
}

export function filterParameters(filters: ViewFilters): Record<string, unknown> {
  const passes = (type: string) => (filters.types === null || filters.types.includes(type)) && !filters.exclude.includes(type);
  const cutTypes = CUT_PER_NODE_TYPES.filter(passes);
  const storedTypes = WEIGHTED_TYPES.filter((type) => cutTypes.includes(type));
  return {
    labels: filters.labels, types: filters.types, exclude: filters.exclude, minWeight: filters.minWeight,
    topPartners: filters.topPartners, year: filters.year, includeReference: filters.includeReference, reference: REFERENCE_LABELS,
    // Whether the filters let any plain type through: a commuting view then never walks the
    // thousands of companies located in a kommune only to drop them.
    followsPlain: PLAIN_VIEW_TYPES.some(passes),
    // Types whose far ends the model says always pass the node filters: no label read per row.
    walkableTypes: PLAIN_VIEW_TYPES.filter((type) => passes(type) && farEndsAlwaysWalkable(type, filters)),
    cutTypes,
    // The stores answer when they hold enough per year and no far end can be filtered out.
    storedTypes: filters.topPartners <= HEAVIEST_PER_YEAR && storedTypes.every((type) => farEndsAlwaysWalkable(type, filters)) ? storedTypes : [],
  };
}

/** Cypher that is true when the node bound to `b` may be walked to: visible, of the types asked for, not a reference hub unless asked. */
function walkable(b: string): string {
  return `${visible(b)}
         AND ($labels IS NULL OR any(label IN labels(${b}) WHERE label IN $labels))
         AND ($includeReference OR NOT any(label IN labels(${b}) WHERE label IN $reference))`;
}

/**
 * Cypher that is true when the relationship bound to `r` passes the type and year filters. The
 * year test is a CASE, which Neo4j evaluates lazily: without a year asked for, no row reads the
 * relationship's `year` and `years`.
 */
function admitted(r: string): string {
  return `($types IS NULL OR type(${r}) IN $types) AND NOT type(${r}) IN $exclude
         AND CASE WHEN $year IS NULL THEN true
           ELSE (${r}.year IS NULL AND ${r}.years IS NULL) OR ${r}.year = $year OR $year IN coalesce(${r}.years, []) END`;
}

/**
 * Relationship type patterns (`COMMUTES_TO`, `LOCATED_IN|MEMBER_OF|…`): model constants, never
 * input. Naming the types lets Neo4j skip a kommune's hundreds of HAS_VALUE and COMMUTES_TO
 * when it looks for LOCATED_IN, and the other way round.
 */
const CUT_PATTERN = CUT_PER_NODE_TYPES.join('|');

/** The labels the model lets CUT_PER_NODE_TYPES join: no other node is looked at for them. */
const CUT_END_LABELS: readonly string[] = [...new Set(CUT_PER_NODE_TYPES.flatMap((type) => {
  if (!isRelationshipType(type)) return [];
  const { from, to } = patternOf(type);
  return [...from, ...to];
}))];
const PLAIN_PATTERN = PLAIN_VIEW_TYPES.join('|');

/**
 * The relationships of CUT_PER_NODE_TYPES a view follows from the node bound to `a`, as rows
 * `r, b`: those the filters let in (entity and relationship types, reference hubs, year, minimum
 * weight), of dated types only the year asked for or else the node's latest, and of weighted
 * types only the `$topPartners` heaviest per type, ranked by weight, then the far end's id.
 *
 * Of a weighted type, a node's current store of its heaviest relationships (`heaviest.ts`)
 * answers when the filters allow (`storedTypes`): a few reads by element id instead of every
 * relationship of every year. A store whose degree no longer matches the node's is ignored, and
 * the types without a current store are read live.
 */
function followedCut(a: string): string {
  const w = weightExpression('r');
  return `WITH ${a} WHERE ${CUT_END_LABELS.map((label) => `${a}:${label}`).join(' OR ')}
       WITH ${a}, CASE WHEN size($storedTypes) = 0 THEN [] ELSE COLLECT {
         MATCH (v:${HEAVIEST_LABEL} {node: ${a}.id}) WHERE v.type IN $storedTypes AND ${storedDegreeMatches('v', a)}
         RETURN v {.type, .years, .weights, .partners, .rels}
       } END AS stores
       CALL (${a}, stores) {
         UNWIND stores AS v
         WITH v, [i IN range(0, size(v.rels) - 1) WHERE ($year IS NULL OR v.years[i] = $year) AND ($minWeight IS NULL OR v.weights[i] >= $minWeight)] AS passing
         WITH v, passing, reduce(latest = null, i IN passing | CASE WHEN latest IS NULL OR v.years[i] > latest THEN v.years[i] ELSE latest END) AS latest
         UNWIND [i IN passing WHERE v.years[i] = latest][..toInteger($topPartners)] AS i
         MATCH ()-[r]->() WHERE elementId(r) = v.rels[i]
         WITH v, i, r, CASE WHEN startNode(r) = ${a} THEN endNode(r) ELSE startNode(r) END AS b
         WHERE type(r) = v.type AND b.id = v.partners[i]
         RETURN r, b
         UNION ALL
         WITH ${a}, [v IN stores | v.type] AS stored
         WHERE any(type IN $cutTypes WHERE NOT type IN stored)
         MATCH (${a})-[r:${CUT_PATTERN}]-(b)
         WHERE NOT type(r) IN stored AND ${admitted('r')} AND ($minWeight IS NULL OR ${w} IS NULL OR ${w} >= $minWeight)
         WITH b, collect(r) AS parallel
         WHERE b <> ${a} AND b:Entity AND ${walkable('b')}
         UNWIND parallel AS r
         WITH r, b, ${w} AS w
         WITH type(r) AS t, collect({r: r, b: b, w: w, y: r.year}) AS rows, max(r.year) AS latest
         WITH [row IN rows WHERE $year IS NOT NULL OR row.y IS NULL OR row.y = latest] AS rows
         UNWIND rows AS row
         WITH row ORDER BY row.w DESC, row.b.id, row.y, elementId(row.r)
         WITH type(row.r) AS t, collect(row) AS ordered
         UNWIND [x IN ordered WHERE x.w IS NULL] + [x IN ordered WHERE x.w IS NOT NULL][..toInteger($topPartners)] AS kept
         RETURN kept.r AS r, kept.b AS b
       }
       RETURN r, b`;
}

/**
 * The relationships a view follows from the node bound to `a`, as rows `r, b`: of the other
 * types every one the filters let in; of CUT_PER_NODE_TYPES those `followedCut` keeps. Applied
 * to every node the same way, so what a ring reaches and which edges the view keeps agree: an
 * edge is kept when one of its ends follows it.
 */
function followed(a: string): string {
  const plain = `MATCH (${a})-[r:${PLAIN_PATTERN}]-(b:Entity)
       WHERE $followsPlain AND b <> ${a} AND ${admitted('r')} AND CASE WHEN type(r) IN $walkableTypes THEN true ELSE ${walkable('b')} END
       RETURN r, b`;
  return CUT_PER_NODE_TYPES.length === 0
    ? `CALL (${a}) { ${plain} }`
    : `CALL (${a}) {
       ${plain}
       UNION ALL
       ${followedCut(a)}
     }`;
}

/**
 * The candidates of the next ring, as rows `b`: the nodes that the nodes of `previous` (a list)
 * follow and `isNew` lets in (besides the center, the lists of nodes named in `earlier` are in
 * scope), ordered by the smallest id of a previous node each was reached
 * from, then by id, at most `$limit` of them. The previous nodes are walked in id order, each
 * one's new nodes sorted by id, and the first occurrence of a node is its place: the same order
 * as sorting every candidate by (smallest id reached from, id), but the walk stops once `$limit`
 * nodes are found, so a kommune of thousands of companies late in the order is never expanded
 * when earlier nodes fill the ring.
 */
function nextRing(previous: string, earlier: readonly string[], isNew: string): string {
  const scope = ['c', ...earlier].join(', ');
  return `UNWIND ${previous} AS a
       WITH ${scope}, a ORDER BY a.id
       CALL (${scope}, a) {
         ${followed('a')}
         WITH b WHERE ${isNew}
         RETURN DISTINCT b ORDER BY b.id
       }
       WITH DISTINCT b LIMIT toInteger($limit)`;
}

interface NeighbourhoodRows {
  nodes: RawNode[];
  edges: RawEdge[];
  truncated: boolean;
}

/*
 * A view of 500 nodes has as many node rows and more edge rows: they come back as tuples, not
 * maps, since the driver decodes a map's keys as strings on every row (decoding was a third of
 * a depth-2 view's CPU). `nodeOf` and `edgeOf` turn them back into records.
 */

/** A relationship bound to `r` as a view row: `[source, target, type, weight, year, [key property values], properties or null]`. */
function edgeRow(r: string, properties: boolean): string {
  return `[startNode(${r}).id, endNode(${r}).id, type(${r}), ${weightExpression(r)}, ${r}.year,
         [${KEY_PROPERTIES.map((name) => `${r}.${name}`).join(', ')}], ${properties ? `properties(${r})` : 'null'}]`;
}

type EdgeTuple = [string, string, string, number | null, number | null, unknown[], Record<string, unknown> | null];

function edgeOf([source, target, type, weight, year, keys, properties]: EdgeTuple): RawEdge {
  return { source, target, type, weight, year, keys: Object.fromEntries(KEY_PROPERTIES.map((name, i) => [name, keys[i] ?? null])), properties: properties ?? {} };
}

/** A node bound to `n` as a view row: every property when `properties`, else the tuple `[id, name, labels]`. */
function nodeRow(n: string, properties: boolean): string {
  return properties ? `${n}{.*, labels: labels(${n})}` : `[${n}.id, ${n}.name, labels(${n})]`;
}

function nodeOf(row: RawNode | [string, string | null, string[]]): RawNode {
  if (!Array.isArray(row)) return row;
  const [id, name, labels] = row;
  return { id, name, labels };
}

/**
 * Every relationship a view of the nodes in `kept` shows, as rows `r`. A relationship of a type
 * not in CUT_PER_NODE_TYPES is shown when both its ends are kept (each kept node but the center
 * was walked to, so it passes the node filters that `followed` applies to the far end) and it
 * passes the type and year filters: found once, from its start node, so a kommune's thousands
 * of incoming LOCATED_IN are never read. One of CUT_PER_NODE_TYPES is shown when one of its ends
 * follows it (`followedCut`).
 */
function shownAmong(kept: string): string {
  const plain = `MATCH (a)-[r:${PLAIN_PATTERN}]->(b)
         WHERE $followsPlain AND b IN ${kept} AND b <> a AND ${admitted('r')}
         RETURN r`;
  return CUT_PER_NODE_TYPES.length === 0
    ? `CALL (a, ${kept}) { ${plain} }`
    : `CALL (a, ${kept}) {
         ${plain}
         UNION ALL
         CALL (a) { ${followedCut('a')} }
         WITH r, b WHERE b IN ${kept}
         RETURN r
       }`;
}

/**
 * Breadth-first from the center in one statement: up to three rings, each of the nodes next to
 * the previous ring that are not kept yet, in a stable order (by the smallest id of a previous
 * ring's node they were reached from, then by id), as many as `limit` leaves room for; a ring the
 * limit cut ends the walk and sets `truncated`. Then every relationship among the kept nodes
 * that one of its ends follows (see `followed`, `shownAmong`). No row when the center does not
 * exist or is hidden. Without `properties` nodes carry only id, name and labels and edges only
 * their ends, type, weight and year: a view of 500 nodes is a few kB instead of 200.
 *
 * A ring is walked only when the ones before it were not cut, so what is kept by then is the
 * center and the earlier rings, which `b <> c AND NOT b IN ring…` leaves out. Each ring stops
 * at `limit` candidates (`nextRing`; LIMIT cannot depend on the rings before it) and is sliced
 * to the room left.
 */
export async function findNeighbourhoodRows(
  db: Database,
  request: { center: string; depth: number; limit: number; properties: boolean } & ViewFilters,
): Promise<NeighbourhoodRows | null> {
  // The statement holds the rings the depth asks for (1–3, checked by the caller): a shorter
  // text for the usual depths, and one plan each.
  if (![1, 2, 3].includes(request.depth)) throw new RangeError(`depth ${request.depth} out of range`);
  const rows = await db.read<{ nodes: (RawNode | [string, string | null, string[]])[]; edges: EdgeTuple[]; truncated: boolean }>(
    `MATCH (c:Entity {id: $center}) WHERE ${visible('c')}
     WITH c, toInteger($limit) AS limit
     CALL (c) {
       ${followed('c')}
       WITH DISTINCT b ORDER BY b.id LIMIT toInteger($limit)
       RETURN collect(b) AS found1
     }
     WITH c, limit, found1[..limit - 1] AS ring1, size(found1) > limit - 1 AS cut1
     ${request.depth < 2 ? 'WITH c, limit, ring1, cut1, [] AS found2' : `CALL (c, ring1, cut1) {
       ${nextRing('CASE WHEN cut1 THEN [] ELSE ring1 END', ['ring1'], 'b <> c AND NOT b IN ring1')}
       RETURN collect(b) AS found2
     }`}
     WITH c, limit, ring1, cut1, found2, limit - 1 - size(ring1) AS room2
     WITH c, limit, ring1, found2[..room2] AS ring2, cut1 OR size(found2) > room2 AS cut2
     ${request.depth < 3 ? 'WITH c, limit, ring1, ring2, cut2, [] AS found3' : `CALL (c, ring1, ring2, cut2) {
       ${nextRing('CASE WHEN cut2 THEN [] ELSE ring2 END', ['ring1', 'ring2'], 'b <> c AND NOT b IN ring1 AND NOT b IN ring2')}
       RETURN collect(b) AS found3
     }`}
     WITH c, ring1, ring2, cut2, found3, limit - 1 - size(ring1) - size(ring2) AS room3
     WITH [c] + ring1 + ring2 + found3[..room3] AS kept, cut2 OR size(found3) > room3 AS truncated
     CALL (kept) {
       UNWIND kept AS a
       ${shownAmong('kept')}
       WITH DISTINCT r
       RETURN collect(${edgeRow('r', request.properties)}) AS edges
     }
     RETURN [n IN kept | ${nodeRow('n', request.properties)}] AS nodes, edges, truncated`,
    { center: request.center, limit: request.limit, ...filterParameters(request) },
  );
  const row = rows[0];
  return row ? { nodes: row.nodes.map(nodeOf), edges: row.edges.map(edgeOf), truncated: row.truncated } : null;
}

/**
 * A shortest path between two entities, avoiding statistics and provenance nodes and, unless
 * asked, reference hubs between the ends; only relationship types the filters let in, and of
 * dated types only the year asked for. Null when none within `maxLength`.
 */
export async function findShortestPath(
  db: Database,
  request: { from: string; to: string; maxLength: number; types: readonly string[] | null; exclude: readonly string[]; year: number | null; includeReference: boolean },
): Promise<{ nodes: RawNode[]; edges: RawEdge[] } | null> {
  const { maxLength } = request;
  // A variable-length bound cannot be a parameter; bounding the search by maxLength (a whole
  // number from 1 to 8, checked by the caller) keeps a pathless search from exploring 8 hops.
  if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > 8) throw new RangeError(`maxLength ${maxLength} out of range`);
  // Weight, year and keys are read from the properties here: Neo4j 5.26 fails to plan property
  // access on a path's relationships in the projection ("Property cannot be cast to ASTCachedProperty").
  const rows = await db.read<{ nodes: RawNode[]; edges: Pick<RawEdge, 'source' | 'target' | 'type' | 'properties'>[] }>(
    `MATCH p = SHORTEST 1 (a:Entity {id: $from})
       ((x)-[r]-(y) WHERE NOT any(label IN labels(y) WHERE label IN $hidden)
         AND ($includeReference OR y.id = $to OR NOT any(label IN labels(y) WHERE label IN $reference))
         AND ($types IS NULL OR type(r) IN $types) AND NOT type(r) IN $exclude
         AND ($year IS NULL OR (r.year IS NULL AND r.years IS NULL) OR r.year = $year OR $year IN coalesce(r.years, []))
       ){1,${maxLength}} (b:Entity {id: $to})
     RETURN [n IN nodes(p) | n{.*, labels: labels(n)}] AS nodes,
            [r IN relationships(p) | {source: startNode(r).id, target: endNode(r).id, type: type(r), properties: properties(r)}] AS edges`,
    {
      from: request.from, to: request.to, hidden: HIDDEN_LABELS, types: request.types, exclude: request.exclude,
      year: request.year, includeReference: request.includeReference, reference: REFERENCE_LABELS,
    },
  );
  const row = rows[0];
  return row ? { nodes: row.nodes, edges: row.edges.map((edge) => Object.assign(edge, weightAndYearOf(edge.type, edge.properties))) } : null;
}
