import type { Database } from '../db/database.js';

/**
 * The seed loader's reads. Its writes go through the graph layer's one write path
 * (`src/graph/write.ts`), like every other writer's.
 */

export async function countKommuner(db: Database): Promise<number> {
  const rows = await db.read<{ count: number }>('MATCH (k:Kommune) RETURN count(k) AS count');
  return rows[0]?.count ?? 0;
}

interface GraphCounts {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
  sources: number;
}

/**
 * Counts of what the seeds own in the database: nodes with a seed id by label, relationships
 * between seed nodes that cite a seed source by type, and seed sources. Data that tests or
 * editors added beside the seeds is not counted.
 */
export async function countSeedGraph(db: Database, nodeIds: readonly string[], sourceIds: readonly string[]): Promise<GraphCounts> {
  const [nodes, relationships, sources] = await Promise.all([
    db.read<{ label: string; count: number }>(
      `MATCH (n:Entity) WHERE n.id IN $nodeIds
       UNWIND labels(n) AS label
       RETURN label, count(*) AS count ORDER BY label`,
      { nodeIds },
    ),
    db.read<{ type: string; count: number }>(
      `MATCH (a:Entity) WHERE a.id IN $nodeIds
       MATCH (a)-[r]->(b:Entity) WHERE b.id IN $nodeIds AND any(id IN r.sourceIds WHERE id IN $sourceIds)
       RETURN type(r) AS type, count(*) AS count ORDER BY type`,
      { nodeIds, sourceIds },
    ),
    db.read<{ count: number }>('MATCH (s:Source) WHERE s.id IN $sourceIds RETURN count(s) AS count', { sourceIds }),
  ]);
  return {
    nodes: Object.fromEntries(nodes.map((row) => [row.label, row.count])),
    relationships: Object.fromEntries(relationships.map((row) => [row.type, row.count])),
    sources: sources[0]?.count ?? 0,
  };
}
