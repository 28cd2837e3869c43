import type { Database } from '../../db/database.js';
import type { RawNode } from '../common/records.js';
import { RELATIONS, type RelationName } from './relations.js';

/** Nodes by global id (entities and sources), in one round trip. */
export async function findNodesByIds(db: Database, ids: readonly string[]): Promise<RawNode[]> {
  const rows = await db.read<{ node: RawNode }>(
    `UNWIND $ids AS id
     OPTIONAL MATCH (e:Entity {id: id})
     OPTIONAL MATCH (s:Source {id: id})
     WITH coalesce(e, s) AS n WHERE n IS NOT NULL
     RETURN n{.*, labels: labels(n)} AS node`,
    { ids },
  );
  return rows.map((row) => row.node);
}

export async function findSourcesByIds(db: Database, ids: readonly string[]): Promise<RawNode[]> {
  const rows = await db.read<{ source: RawNode }>(
    'MATCH (s:Source) WHERE s.id IN $ids RETURN s{.*} AS source',
    { ids },
  );
  return rows.map((row) => row.source);
}

/**
 * The nodes related to each of `ids` by one named relation, ordered by number or name.
 * One query for the whole batch: `UNWIND $ids`.
 */
export async function findRelated(
  db: Database,
  relation: RelationName,
  ids: readonly string[],
): Promise<Map<string, RawNode[]>> {
  const rows = await db.read<{ id: string; related: RawNode[] }>(
    `UNWIND $ids AS id
     MATCH (n:Entity {id: id})
     MATCH ${RELATIONS[relation]}
     WITH DISTINCT id, m
     ORDER BY coalesce(m.nr, m.name), m.id
     RETURN id, collect(m{.*, labels: labels(m)}) AS related`,
    { ids },
  );
  return new Map(rows.map((row) => [row.id, row.related]));
}
