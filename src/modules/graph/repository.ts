import type { Database } from '../../db/database.js';
import { GRAPH_VIEW_HIDDEN_LABELS } from '../../graph/index.js';
import type { RawNode } from '../common/records.js';

/** Labels that never appear in graph views: statistics and provenance, not cooperation. */
export const HIDDEN_LABELS = GRAPH_VIEW_HIDDEN_LABELS;

export type RawEdge = {
  source: string;
  target: string;
  type: string;
  properties: Record<string, unknown>;
};

/** Cypher that is true when the node bound to `v` carries none of HIDDEN_LABELS (label checks, no list per row). */
function visible(v: string): string {
  return `NOT (${HIDDEN_LABELS.map((label) => `${v}:${label}`).join(' OR ')})`;
}

/** A neighbour `b` reached over `r` that the view's filters let in (null filters: all). */
const WANTED = `($labels IS NULL OR any(label IN labels(b) WHERE label IN $labels))
       AND ($types IS NULL OR type(r) IN $types)`;

interface NeighbourhoodRows {
  nodes: RawNode[];
  edges: RawEdge[];
  truncated: boolean;
}

/**
 * Breadth-first from the center in one statement: up to three rings, each of the nodes next to
 * the previous ring that are not kept yet, in a stable order (by the smallest id of a previous
 * ring's node they were reached from, then by id), as many as `limit` leaves room for; a ring the
 * limit cut ends the walk and sets `truncated`. Then every relationship among the kept nodes.
 * No row when the center does not exist or is hidden. Without `properties` nodes carry only id,
 * name and labels and edges no properties: a view of 500 nodes is a few kB instead of 200.
 *
 * A ring is walked only when the ones before it were not cut, so what is kept by then is the
 * center and the earlier rings, which `b <> c AND NOT b IN ring…` leaves out. Each ring sorts at
 * most `limit` candidates (a top-k: LIMIT cannot depend on the rings before it) and is sliced
 * to the room left.
 */
export async function findNeighbourhoodRows(
  db: Database,
  request: { center: string; depth: number; labels: readonly string[] | null; types: readonly string[] | null; limit: number; properties: boolean },
): Promise<NeighbourhoodRows | null> {
  const rows = await db.read<NeighbourhoodRows & Record<string, unknown>>(
    `MATCH (c:Entity {id: $center}) WHERE ${visible('c')}
     WITH c, toInteger($limit) AS limit, toInteger($depth) AS depth
     CALL (c) {
       MATCH (c)-[r]-(b:Entity)
       WHERE b <> c AND ${visible('b')} AND ${WANTED}
       WITH DISTINCT b ORDER BY b.id LIMIT toInteger($limit)
       RETURN collect(b) AS found1
     }
     WITH c, limit, depth, found1[..limit - 1] AS ring1, size(found1) > limit - 1 AS cut1
     CALL (c, ring1, cut1, depth) {
       UNWIND CASE WHEN cut1 OR depth < 2 THEN [] ELSE ring1 END AS a
       MATCH (a)-[r]-(b:Entity)
       WHERE b <> c AND ${visible('b')} AND NOT b IN ring1 AND ${WANTED}
       WITH b, min(a.id) AS via ORDER BY via, b.id LIMIT toInteger($limit)
       RETURN collect(b) AS found2
     }
     WITH c, limit, depth, ring1, cut1, found2, limit - 1 - size(ring1) AS room2
     WITH c, limit, depth, ring1, found2[..room2] AS ring2, cut1 OR size(found2) > room2 AS cut2
     CALL (c, ring1, ring2, cut2, depth) {
       UNWIND CASE WHEN cut2 OR depth < 3 THEN [] ELSE ring2 END AS a
       MATCH (a)-[r]-(b:Entity)
       WHERE b <> c AND ${visible('b')} AND NOT b IN ring1 AND NOT b IN ring2 AND ${WANTED}
       WITH b, min(a.id) AS via ORDER BY via, b.id LIMIT toInteger($limit)
       RETURN collect(b) AS found3
     }
     WITH c, ring1, ring2, cut2, found3, limit - 1 - size(ring1) - size(ring2) AS room3
     WITH [c] + ring1 + ring2 + found3[..room3] AS kept, cut2 OR size(found3) > room3 AS truncated
     CALL (kept) {
       UNWIND kept AS a
       MATCH (a)-[r]->(b:Entity)
       WHERE ${visible('b')} AND b IN kept AND ($types IS NULL OR type(r) IN $types)
       RETURN collect({source: a.id, target: b.id, type: type(r), properties: CASE WHEN $properties THEN properties(r) ELSE {} END}) AS edges
     }
     RETURN [n IN kept | CASE WHEN $properties THEN n{.*, labels: labels(n)} ELSE n{.id, .name, labels: labels(n)} END] AS nodes, edges, truncated`,
    { center: request.center, depth: request.depth, limit: request.limit, labels: request.labels, types: request.types, properties: request.properties },
  );
  return rows[0] ?? null;
}

/** A shortest path between two entities, avoiding statistics and provenance nodes; null when none within `maxLength`. */
export async function findShortestPath(
  db: Database,
  from: string,
  to: string,
  maxLength: number,
): Promise<{ nodes: RawNode[]; edges: RawEdge[] } | null> {
  // A variable-length bound cannot be a parameter; bounding the search by maxLength (a whole
  // number from 1 to 8, checked by the caller) keeps a pathless search from exploring 8 hops.
  if (!Number.isInteger(maxLength) || maxLength < 1 || maxLength > 8) throw new RangeError(`maxLength ${maxLength} out of range`);
  const rows = await db.read<{ nodes: RawNode[]; edges: RawEdge[] }>(
    `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
     MATCH p = shortestPath((a)-[*..${maxLength}]-(b))
     WHERE all(n IN nodes(p) WHERE NOT any(label IN labels(n) WHERE label IN $hidden))
     RETURN [n IN nodes(p) | n{.*, labels: labels(n)}] AS nodes,
            [r IN relationships(p) | {source: startNode(r).id, target: endNode(r).id, type: type(r), properties: properties(r)}] AS edges`,
    { from, to, hidden: HIDDEN_LABELS },
  );
  return rows[0] ?? null;
}
