import type { Database } from '../db/database.js';
import { COOPERATION_GRAPH_TYPES, STATISTICS_LABELS } from '../graph/index.js';

const HIDDEN = STATISTICS_LABELS;

/**
 * The cooperation graph: every entity except statistics nodes, and the relationships among them
 * of the types in `COOPERATION_GRAPH_TYPES` (no geography such as IN_FYLKE or NEIGHBOUR_OF, no
 * commuting flows, which would link most kommuner with most others).
 */
export async function findCooperationGraph(db: Database): Promise<{ nodeIds: string[]; edges: { source: string; target: string }[] }> {
  const [nodes, edges] = await Promise.all([
    db.read<{ id: string }>(
      'MATCH (n:Entity) WHERE NOT any(l IN labels(n) WHERE l IN $hidden) RETURN n.id AS id ORDER BY id',
      { hidden: HIDDEN },
    ),
    db.read<{ source: string; target: string }>(
      `MATCH (a:Entity)-[r]->(b:Entity)
       WHERE type(r) IN $types AND NOT any(l IN labels(a) WHERE l IN $hidden) AND NOT any(l IN labels(b) WHERE l IN $hidden)
       RETURN a.id AS source, b.id AS target`,
      { hidden: HIDDEN, types: COOPERATION_GRAPH_TYPES },
    ),
  ]);
  return { nodeIds: nodes.map((n) => n.id), edges };
}

export interface MeasureRow {
  id: string;
  degree: number;
  pageRank: number;
  betweenness: number | null;
  community: number;
}

/** Stores measures on the nodes, in batches so one transaction never holds the whole graph. */
export async function writeNetworkMeasures(db: Database, rows: readonly MeasureRow[], computedAt: string, batchSize = 5000): Promise<void> {
  for (let start = 0; start < rows.length; start += batchSize) {
    await db.write(
      `UNWIND $rows AS row
       MATCH (n:Entity {id: row.id})
       SET n.networkDegree = row.degree, n.pageRank = row.pageRank, n.betweenness = row.betweenness,
           n.community = row.community, n.networkComputedAt = $computedAt`,
      { rows: rows.slice(start, start + batchSize), computedAt },
    );
  }
}
