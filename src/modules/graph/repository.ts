import type { Database } from '../../db/database.js';
import type { RawNode } from '../common/records.js';

/** Labels that never appear in graph views: statistics and provenance, not cooperation. */
export const HIDDEN_LABELS = ['Indicator', 'RankingEntry', 'Source'];

export type RawEdge = {
  source: string;
  target: string;
  type: string;
  properties: Record<string, unknown>;
};

/**
 * The next ring of a breadth-first walk: nodes next to the frontier that are not kept yet,
 * each once (credited to the first frontier node by id), at most `max` of them in a stable
 * order. `labels` and `types` filter the neighbours and the relationships (null: all).
 */
export async function findNeighbours(
  db: Database,
  frontier: readonly string[],
  kept: readonly string[],
  labels: readonly string[] | null,
  types: readonly string[] | null,
  max: number,
): Promise<{ from: string; node: RawNode }[]> {
  return db.read(
    `UNWIND $frontier AS id
     MATCH (a:Entity {id: id})-[r]-(b:Entity)
     WHERE NOT b.id IN $kept
       AND NOT any(label IN labels(b) WHERE label IN $hidden)
       AND ($labels IS NULL OR any(label IN labels(b) WHERE label IN $labels))
       AND ($types IS NULL OR type(r) IN $types)
     WITH b, min(id) AS from
     RETURN from, b{.*, labels: labels(b)} AS node
     ORDER BY from, b.id
     LIMIT toInteger($max)`,
    { frontier, kept, labels, types, max, hidden: HIDDEN_LABELS },
  );
}

/** Every relationship among a set of nodes (optionally of some types only). */
export async function findEdgesAmong(db: Database, ids: readonly string[], types: readonly string[] | null): Promise<RawEdge[]> {
  return db.read(
    `MATCH (a:Entity)-[r]->(b:Entity)
     WHERE a.id IN $ids AND b.id IN $ids AND ($types IS NULL OR type(r) IN $types)
     RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS properties
     ORDER BY source, type, target`,
    { ids, types },
  );
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
