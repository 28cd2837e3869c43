import neo4j from 'neo4j-driver';
import type { Database, Tx } from '../db/database.js';
import {
  NODE_LABELS, type NodeLabel, type NodeRecord, type Properties, type PropertyValue, RELATIONSHIP_TYPES, type RelationshipRecord,
  type RelationshipType, type SourceRecord,
} from './graph.js';

/**
 * All Cypher of the seed loader. Writes are idempotent: `MERGE` on `id` (relationships on
 * their ends and type, values also on `year`), `SET +=` of the facts, and `sourceIds` as a
 * union, so a reload keeps sources that editors added later. Labels and types come from the
 * model's fixed lists (checked before sending); every value travels as a parameter.
 */

/** Properties that hold whole numbers; the driver would send JS numbers as floats. */
const INTEGER_PROPERTIES = new Set(['rank', 'edition', 'dataYear', 'year', 'statusYear', 'population2020', 'population2021', 'population2022', 'employees']);

function toParameter(name: string, value: PropertyValue): unknown {
  return typeof value === 'number' && INTEGER_PROPERTIES.has(name) ? neo4j.int(value) : value;
}

function toParameters(props: Properties): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).map(([name, value]) => [name, toParameter(name, value)]));
}

const UNION_SOURCE_IDS = (variable: string) =>
  `${variable}.sourceIds = reduce(ids = coalesce(${variable}.sourceIds, []), id IN row.sourceIds | CASE WHEN id IN ids THEN ids ELSE ids + id END)`;

export async function writeSources(tx: Tx, sources: readonly SourceRecord[]): Promise<number> {
  const rows = await tx.run<{ written: number }>(
    `UNWIND $rows AS row
     MERGE (s:Source {id: row.id})
     SET s.title = row.title, s.url = row.url, s.publisher = row.publisher, s.note = row.note, s.licence = row.licence
     RETURN count(s) AS written`,
    { rows: sources },
  );
  return rows[0]?.written ?? 0;
}

/** A node with its type label, as one row of a mixed batch. */
export type LabelledNode = NodeRecord & { label: NodeLabel };
/** A relationship with its type, as one row of a mixed batch. */
export type TypedRelationship = RelationshipRecord & { type: RelationshipType };

/**
 * Nodes of any labels in one statement: `SET n:$(row.label)` keeps it to one query plan,
 * which matters on a cold database, where planning each statement costs a few hundred ms.
 */
export async function writeNodes(tx: Tx, nodes: readonly LabelledNode[]): Promise<number> {
  for (const node of nodes) assertKnown(NODE_LABELS, node.label);
  const rows = await tx.run<{ written: number }>(
    `UNWIND $rows AS row
     MERGE (n:Entity {id: row.id})
     SET n:$(row.label), n += row.props, n.key = row.key, n.searchText = row.searchText, ${UNION_SOURCE_IDS('n')}
     RETURN count(n) AS written`,
    {
      rows: nodes.map((node) => ({
        id: node.id, label: node.label, key: node.key, searchText: node.searchText, props: toParameters(node.props), sourceIds: node.sourceIds,
      })),
    },
  );
  return rows[0]?.written ?? 0;
}

/**
 * Relationships of any types but HAS_VALUE, one per type and pair of ends. Returns how many
 * were written; fewer than given means an end node is missing.
 */
export async function writeRelationships(tx: Tx, relationships: readonly TypedRelationship[]): Promise<number> {
  for (const rel of relationships) {
    assertKnown(RELATIONSHIP_TYPES, rel.type);
    if (rel.type === 'HAS_VALUE') throw new Error('HAS_VALUE is written by writeValues');
  }
  const rows = await tx.run<{ written: number }>(
    `UNWIND $rows AS row
     MATCH (a:Entity {id: row.from})
     MATCH (b:Entity {id: row.to})
     MERGE (a)-[r:$(row.type)]->(b)
     SET r += row.props, ${UNION_SOURCE_IDS('r')}
     RETURN count(r) AS written`,
    { rows: relationships.map((rel) => ({ type: rel.type, from: rel.from, to: rel.to, props: toParameters(rel.props), sourceIds: rel.sourceIds })) },
  );
  return rows[0]?.written ?? 0;
}

/** HAS_VALUE relationships: a kommune has one value of an indicator per year, so they merge on `year` too. */
export async function writeValues(tx: Tx, values: readonly RelationshipRecord[]): Promise<number> {
  const rows = await tx.run<{ written: number }>(
    `UNWIND $rows AS row
     MATCH (k:Kommune {id: row.from})
     MATCH (i:Indicator {id: row.to})
     MERGE (k)-[r:HAS_VALUE {year: row.props.year}]->(i)
     SET r += row.props, ${UNION_SOURCE_IDS('r')}
     RETURN count(r) AS written`,
    { rows: values.map((rel) => ({ from: rel.from, to: rel.to, props: toParameters(rel.props), sourceIds: rel.sourceIds })) },
  );
  return rows[0]?.written ?? 0;
}

function assertKnown(known: readonly string[], name: string): void {
  if (!known.includes(name)) throw new Error(`${name} is not a label or relationship type of the model`);
}

export async function countKommuner(db: Database): Promise<number> {
  const rows = await db.read<{ count: number }>('MATCH (k:Kommune) RETURN count(k) AS count');
  return rows[0]?.count ?? 0;
}

export interface GraphCounts {
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
