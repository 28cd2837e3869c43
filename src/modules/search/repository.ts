import type { Database } from '../../db/database.js';
import type { RawNode } from '../common/records.js';

/**
 * Full-text hits over every entity, best first, optionally of some labels only. The best `limit`
 * are kept before their properties are read: a fuzzy word matches thousands of nodes.
 */
export async function searchEntities(
  db: Database,
  lucene: string,
  labels: readonly string[] | null,
  limit: number,
): Promise<{ node: RawNode; score: number }[]> {
  return db.read(
    `CALL db.index.fulltext.queryNodes('entitySearch', $lucene) YIELD node, score
     WHERE $labels IS NULL OR any(label IN labels(node) WHERE label IN $labels)
     WITH node, score ORDER BY score DESC, node.id LIMIT toInteger($limit)
     RETURN node{.*, labels: labels(node)} AS node, score`,
    { lucene, labels, limit },
  );
}
