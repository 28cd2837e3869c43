import type { Database } from '../db/database.js';
import { createNodes, createRelationships, writeSources } from '../graph/index.js';
import { LOCATED_LABELS, type KommuneInput, type NodeBatch, type PublishedRank, type RelationshipBatch } from './generator.js';
import { KOMMUNE_NM_INDICATORS } from './plan.js';
import { SYNTHETIC_PROPS, SYNTHETIC_SOURCE } from './source.js';

/**
 * The synthetic loader's reads. It writes into a fresh scratch database through the graph
 * layer's CREATE path (`createNodes`, `createRelationships`), which converts whole numbers and
 * checks labels and types against the model like every other writer.
 */

/** Writes one node batch (with the LOCATED_IN of located labels); returns nodes and relationships written. */
export async function writeNodeBatch(db: Database, batch: NodeBatch): Promise<{ nodes: number; relationships: number }> {
  const located = LOCATED_LABELS.has(batch.label) ? { props: { ...SYNTHETIC_PROPS, sourceIds: [...SYNTHETIC_PROPS.sourceIds] } } : null;
  const written = await db.writeTransaction((tx) => createNodes(tx, batch.label, batch.rows, located));
  if (written !== batch.rows.length) throw new Error(`only ${written} of ${batch.rows.length} ${batch.label} nodes found their kommune`);
  return { nodes: written, relationships: located ? written : 0 };
}

export async function writeRelationshipBatch(db: Database, batch: RelationshipBatch): Promise<number> {
  const written = await db.writeTransaction((tx) => createRelationships(tx, batch.type, { from: batch.fromLabel, to: batch.toLabel }, batch.rows, batch.props));
  if (written !== batch.rows.length) throw new Error(`only ${written} of ${batch.rows.length} ${batch.type} relationships found both ends`);
  return written;
}

export async function writeSyntheticSource(db: Database): Promise<void> {
  await db.writeTransaction((tx) => writeSources(tx, [SYNTHETIC_SOURCE]));
}

/** The kommuner the synthetic graph is built around, with their fylke and latest population. */
export async function findKommuneInputs(db: Database): Promise<KommuneInput[]> {
  return db.read<KommuneInput & Record<string, unknown>>(
    `MATCH (k:Kommune)-[:IN_FYLKE]->(f:Fylke)
     RETURN k.id AS id, k.nr AS nr, k.name AS name, f.nr AS fylkeNr, f.name AS fylkeName,
            coalesce(k.population2022, k.population2021, k.population2020, 0) AS population
     ORDER BY k.nr`,
  );
}

/** National Kommune-NM ranks the real seeds hold, which the synthetic tables must not collide with. */
export async function findPublishedRanks(db: Database): Promise<PublishedRank[]> {
  return db.read<PublishedRank & Record<string, unknown>>(
    `MATCH (i:Indicator)<-[:FOR_INDICATOR]-(e:RankingEntry {scope: 'NATIONAL'})-[:RANKS]->(k:Kommune)
     WHERE i.key IN $keys
     RETURN i.key AS indicatorKey, e.edition AS edition, k.id AS kommuneId, e.rank AS rank`,
    { keys: KOMMUNE_NM_INDICATORS },
  );
}

export async function findClusterIds(db: Database): Promise<string[]> {
  const rows = await db.read<{ id: string }>('MATCH (c:Cluster) RETURN c.id AS id ORDER BY id');
  return rows.map((row) => row.id);
}

/** Whether synthetic data is in the graph already (a second load would duplicate it). */
export async function hasSyntheticData(db: Database): Promise<boolean> {
  const rows = await db.read<{ found: boolean }>('RETURN EXISTS { MATCH (s:Source {id: $id}) } AS found', { id: SYNTHETIC_SOURCE.id });
  return rows[0]?.found === true;
}
