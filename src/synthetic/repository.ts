import neo4j from 'neo4j-driver';
import type { Database } from '../db/database.js';
import { RELATIONSHIP_PATTERNS } from '../seed/graph.js';
import { LOCATED_LABELS, type KommuneInput, type NodeBatch, type Props, type PublishedRank, type RelationshipBatch, type SyntheticLabel } from './generator.js';
import { KOMMUNE_NM_INDICATORS } from './plan.js';
import { SYNTHETIC_PROPS, SYNTHETIC_SOURCE } from './source.js';

/**
 * All Cypher of the synthetic loader. It writes into a fresh scratch database, so nodes and
 * relationships are CREATEd, not MERGEd: a MERGE per row would double the cost of a load of
 * 600,000 relationships. Labels and types come from fixed lists checked here; every value
 * travels as a parameter.
 */

const SYNTHETIC_LABELS: readonly SyntheticLabel[] = ['Company', 'Cluster', 'School', 'Event', 'Collaboration', 'RankingEntry'];
/** Properties that hold whole numbers; the driver would send JS numbers as floats. */
const INTEGER_PROPERTIES = ['rank', 'edition', 'dataYear', 'year', 'statusYear'] as const;

function withIntegers(props: Props): Record<string, unknown> {
  if (!INTEGER_PROPERTIES.some((name) => typeof props[name] === 'number')) return props;
  const converted: Record<string, unknown> = { ...props };
  for (const name of INTEGER_PROPERTIES) {
    const value = props[name];
    if (typeof value === 'number') converted[name] = neo4j.int(value);
  }
  return converted;
}

function nodeStatement(label: SyntheticLabel): string {
  if (!SYNTHETIC_LABELS.includes(label)) throw new Error(`${label} is not a synthetic label`);
  if (!LOCATED_LABELS.has(label)) {
    return `UNWIND $rows AS row CREATE (n:Entity:${label}) SET n = row.props RETURN count(n) AS written`;
  }
  return `UNWIND $rows AS row
    MATCH (k:Kommune {id: row.locatedIn})
    CREATE (n:Entity:${label})
    SET n = row.props
    CREATE (n)-[r:LOCATED_IN]->(k)
    SET r = $relationshipProps
    RETURN count(n) AS written`;
}

function relationshipStatement(batch: RelationshipBatch): string {
  const pattern = (RELATIONSHIP_PATTERNS as Record<string, readonly [readonly string[], readonly string[]]>)[batch.type];
  if (!pattern || !pattern[0].includes(batch.fromLabel) || !pattern[1].includes(batch.toLabel)) {
    throw new Error(`the model has no ${batch.type} from ${batch.fromLabel} to ${batch.toLabel}`);
  }
  return `UNWIND $rows AS row
    MATCH (a:${batch.fromLabel} {id: row.from})
    MATCH (b:${batch.toLabel} {id: row.to})
    CREATE (a)-[r:${batch.type}]->(b)
    SET r = $props
    RETURN count(r) AS written`;
}

/** Writes one node batch (with the LOCATED_IN of located labels); returns nodes and relationships written. */
export async function writeNodeBatch(db: Database, batch: NodeBatch): Promise<{ nodes: number; relationships: number }> {
  const rows = batch.rows.map((row) => ({ props: withIntegers(row.props), locatedIn: row.locatedIn ?? null }));
  const result = await db.write<{ written: number }>(nodeStatement(batch.label), { rows, relationshipProps: SYNTHETIC_PROPS });
  const written = result[0]?.written ?? 0;
  if (written !== rows.length) throw new Error(`only ${written} of ${rows.length} ${batch.label} nodes found their kommune`);
  return { nodes: written, relationships: LOCATED_LABELS.has(batch.label) ? written : 0 };
}

export async function writeRelationshipBatch(db: Database, batch: RelationshipBatch): Promise<number> {
  const result = await db.write<{ written: number }>(relationshipStatement(batch), { rows: batch.rows, props: batch.props });
  const written = result[0]?.written ?? 0;
  if (written !== batch.rows.length) throw new Error(`only ${written} of ${batch.rows.length} ${batch.type} relationships found both ends`);
  return written;
}

export async function writeSyntheticSource(db: Database): Promise<void> {
  await db.write(
    `MERGE (s:Source {id: $source.id})
     SET s.title = $source.title, s.url = $source.url, s.publisher = $source.publisher, s.note = $source.note,
         s.licence = $source.licence, s.synthetic = true`,
    { source: SYNTHETIC_SOURCE },
  );
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
