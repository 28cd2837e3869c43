import type { GraphQLError } from 'graphql';
import { type Tx, toInteger } from '../db/database.js';
import { badInput } from '../errors.js';
import { dropHeaviestPartners } from './heaviest.js';
import { assertStorable } from './validation.js';
import {
  allowsRelationship, INTEGER_PROPERTIES, isNodeLabel, isRelationshipType, type LabelledNode, patternOf, type Properties, type PropertyValue,
  type RelationshipType, type SourceRecord, type TypedRelationship, WEIGHTED_TYPES,
} from './model.js';

/**
 * The one write path of the graph. The seed loader, the importers, the mutations and the
 * synthetic generator all write nodes, relationships and sources through these functions, so a
 * fact lands the same way whichever tool brought it:
 *
 * - nodes MERGE on `id` and relationships on their type, ends and the properties the model keys
 *   them by (`HAS_VALUE` per `year`); the facts are `SET +=` (a null removes a property);
 * - `sourceIds` is a union: a writer adds its sources and never removes another writer's;
 * - whole-number properties (`INTEGER_PROPERTIES`) are sent as Neo4j integers;
 * - labels and relationship types are checked against the model before any Cypher is sent;
 *   every value travels as a parameter;
 * - writing a weighted relationship (COMMUTES_TO) drops the stored heaviest relationships of
 *   both its ends (`heaviest.ts`), so a graph view reads them live until they are rebuilt;
 * - every value passes the one rule of `validation.ts` (finite numbers, text without control
 *   characters or undecodable bytes, names of at most 200 characters): whatever a writer
 *   checked before, nothing unrepresentable reaches the graph, and a refused value fails the
 *   writer's transaction, so nothing of it is written.
 *
 * **Sources.** A source's id is a hash of its title, url, publisher and note, so those never
 * change under an id. Its licence is recorded by the first writer that states one. A writer that
 * states the same licence, or none, changes nothing; one that states a different licence is
 * refused (BAD_USER_INPUT), because keeping either silently would misstate the terms of
 * the other's data.
 */

/**
 * Neo4j parameters for properties: whole-number properties as integers, everything else as
 * given, after the storable-value check (`owner` names the node or relationship in a refusal).
 */
export function toParameters(props: Properties, owner: string): Record<string, unknown> {
  assertStorable(props, owner);
  const converted: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(props)) converted[name] = toParameter(name, value);
  return converted;
}

/** Lists of whole numbers (`years`) are converted item by item, like single values. */
function toParameter(name: string, value: PropertyValue | undefined): unknown {
  if (!INTEGER_PROPERTIES.has(name)) return value;
  if (typeof value === 'number') return toInteger(value);
  if (Array.isArray(value)) return value.map((item: unknown) => (typeof item === 'number' ? toInteger(item) : item));
  return value;
}

/** Cypher that adds `row.sourceIds` to a variable's `sourceIds`, keeping the ones it has. */
export function unionSourceIds(variable: string, ids = 'row.sourceIds'): string {
  return `${variable}.sourceIds = reduce(ids = coalesce(${variable}.sourceIds, []), id IN ${ids} | CASE WHEN id IN ids THEN ids ELSE ids + id END)`;
}

/** A stated licence that differs from the one a source already records: BAD_USER_INPUT listing each. */
function licenceConflict(conflicts: readonly { id: string; title: string; stored: string; stated: string }[]): GraphQLError {
  return badInput(
    `A source keeps the licence it was first recorded with: ${conflicts
      .map((c) => `${c.id} ("${c.title}") records "${c.stored}", not "${c.stated}"`).join('; ')}.`,
    'source',
  );
}

/**
 * Writes sources by the policy above. Throws BAD_USER_INPUT (before writing anything)
 * when a stated licence differs from a stored one. Returns how many sources the batch names.
 */
export async function writeSources(tx: Tx, sources: readonly SourceRecord[]): Promise<number> {
  if (sources.length === 0) return 0;
  for (const s of sources) assertStorable({ title: s.title, url: s.url, publisher: s.publisher, note: s.note, licence: s.licence }, s.id);
  const rows = sources.map((s) => ({
    id: s.id, title: s.title, url: s.url, publisher: s.publisher, note: s.note, licence: s.licence, synthetic: s.synthetic === true ? true : null,
  }));
  const conflicts = await tx.run<{ id: string; title: string; stored: string; stated: string }>(
    `UNWIND $rows AS row
     MATCH (s:Source {id: row.id})
     WHERE row.licence IS NOT NULL AND s.licence IS NOT NULL AND s.licence <> row.licence
     RETURN s.id AS id, s.title AS title, s.licence AS stored, row.licence AS stated`,
    { rows },
  );
  if (conflicts.length > 0) throw licenceConflict(conflicts);
  const written = await tx.run<{ written: number }>(
    `UNWIND $rows AS row
     MERGE (s:Source {id: row.id})
     ON CREATE SET s.title = row.title, s.url = row.url, s.publisher = row.publisher, s.note = row.note, s.synthetic = row.synthetic
     SET s.licence = coalesce(s.licence, row.licence)
     RETURN count(s) AS written`,
    { rows },
  );
  return written[0]?.written ?? 0;
}

function assertLabel(label: string): void {
  if (!isNodeLabel(label)) throw new Error(`${label} is not a label of the model`);
}

function assertType(type: string): asserts type is RelationshipType {
  if (!isRelationshipType(type)) throw new Error(`${type} is not a relationship type of the model`);
}

/**
 * Nodes of any labels in one statement: `SET n:$(row.label)` keeps it to one query plan,
 * which matters on a cold database, where planning each statement costs a few hundred ms.
 */
export async function writeNodes(tx: Tx, nodes: readonly LabelledNode[]): Promise<number> {
  if (nodes.length === 0) return 0;
  for (const node of nodes) assertLabel(node.label);
  const rows = await tx.run<{ written: number }>(
    `UNWIND $rows AS row
     MERGE (n:Entity {id: row.id})
     SET n:$(row.label), n += row.props, n.key = row.key, n.searchText = row.searchText, ${unionSourceIds('n')}
     RETURN count(n) AS written`,
    {
      rows: nodes.map((node) => ({
        id: node.id, label: node.label, key: node.key, searchText: node.searchText, props: nodeParameters(node), sourceIds: node.sourceIds,
      })),
    },
  );
  return rows[0]?.written ?? 0;
}

function nodeParameters(node: LabelledNode): Record<string, unknown> {
  assertStorable({ id: node.id, key: node.key, searchText: node.searchText }, node.id);
  return toParameters(node.props, node.id);
}

/** The MERGE pattern of a relationship: its identity properties inline, so parallel ones stay apart. */
function mergePattern(type: RelationshipType): string {
  const keys = patternOf(type).keyedBy ?? [];
  const inline = keys.map((name) => `${name}: row.props.${name}`).join(', ');
  return inline ? `(a)-[r:$(row.type) {${inline}}]->(b)` : '(a)-[r:$(row.type)]->(b)';
}

/**
 * Relationships of any types, merged on type, ends and key properties. Returns how many were
 * written; fewer than given means an end node is missing.
 */
export async function writeRelationships(tx: Tx, relationships: readonly TypedRelationship[]): Promise<number> {
  const byPattern = new Map<string, TypedRelationship[]>();
  for (const rel of relationships) {
    assertType(rel.type);
    for (const name of patternOf(rel.type).keyedBy ?? []) {
      if (rel.props[name] === null || rel.props[name] === undefined) throw new Error(`${rel.from} -${rel.type}-> ${rel.to} needs ${name}`);
    }
    const pattern = mergePattern(rel.type);
    byPattern.set(pattern, [...(byPattern.get(pattern) ?? []), rel]);
  }
  let written = 0;
  for (const [pattern, rels] of byPattern) {
    const rows = await tx.run<{ written: number }>(
      `UNWIND $rows AS row
       MATCH (a:Entity {id: row.from})
       MATCH (b:Entity {id: row.to})
       MERGE ${pattern}
       SET r += row.props, ${unionSourceIds('r')}
       RETURN count(r) AS written`,
      { rows: rels.map((rel) => ({ type: rel.type, from: rel.from, to: rel.to, props: toParameters(rel.props, `${rel.from} -${rel.type}-> ${rel.to}`), sourceIds: rel.sourceIds })) },
    );
    written += rows[0]?.written ?? 0;
  }
  await dropHeaviestPartners(tx, relationships.filter((rel) => WEIGHTED_TYPES.includes(rel.type)).flatMap((rel) => [rel.from, rel.to]));
  return written;
}

/**
 * Takes the write lock of existing nodes (in id order, so two writers never wait on each other
 * in a cycle) until the transaction ends. A writer that decides what to write from what it read
 * takes the locks first: a concurrent writer of the same facts then waits, reads what the first
 * committed, and reports it unchanged instead of created a second time.
 */
export async function lockNodes(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.run(
    `UNWIND $ids AS id
     WITH DISTINCT id ORDER BY id
     MATCH (n:Entity {id: id})
     SET n._lock = true
     REMOVE n._lock`,
    { ids },
  );
}

/** Adds a source to existing nodes (an import that adds facts to an indicator), keeping the ones they cite. */
export async function addSourceToNodes(tx: Tx, ids: readonly string[], sourceId: string): Promise<void> {
  if (ids.length === 0) return;
  await tx.run(
    `UNWIND $ids AS id
     MATCH (n:Entity {id: id})
     SET ${unionSourceIds('n', '[$sourceId]')}`,
    { ids, sourceId },
  );
}

/**
 * For a scratch database the caller has just made (the synthetic generator): CREATE instead of
 * MERGE, because a MERGE per row doubles the cost of loading hundreds of thousands of rows and
 * nothing can be there to merge with. `located` also links each node to its kommune.
 */
export async function createNodes(
  tx: Tx, label: string, rows: readonly { props: Properties; locatedIn?: string | null }[], located: { props: Properties } | null,
): Promise<number> {
  assertLabel(label);
  const params = {
    rows: rows.map((row) => ({ props: toParameters(row.props, `a new ${label}`), locatedIn: row.locatedIn ?? null })),
    locatedProps: located ? toParameters(located.props, `LOCATED_IN of a new ${label}`) : null,
  };
  const result = await tx.run<{ written: number }>(
    located
      ? `UNWIND $rows AS row
         MATCH (k:Kommune {id: row.locatedIn})
         CREATE (n:Entity)
         SET n = row.props, n:$($label)
         CREATE (n)-[r:LOCATED_IN]->(k)
         SET r = $locatedProps
         RETURN count(n) AS written`
      : `UNWIND $rows AS row CREATE (n:Entity) SET n = row.props, n:$($label) RETURN count(n) AS written`,
    { ...params, label },
  );
  return result[0]?.written ?? 0;
}

/** CREATE counterpart of `writeRelationships` for a fresh scratch database; all rows share `props`. */
export async function createRelationships(
  tx: Tx, type: string, ends: { from: string; to: string }, rows: readonly { from: string; to: string }[], props: Properties,
): Promise<number> {
  assertType(type);
  if (!isNodeLabel(ends.from) || !isNodeLabel(ends.to) || !allowsRelationship(type, ends.from, ends.to)) {
    throw new Error(`the model has no ${type} from ${ends.from} to ${ends.to}`);
  }
  const result = await tx.run<{ written: number }>(
    `UNWIND $rows AS row
     MATCH (a:Entity {id: row.from})
     MATCH (b:Entity {id: row.to})
     CREATE (a)-[r:$($type)]->(b)
     SET r = $props
     RETURN count(r) AS written`,
    { rows, props: toParameters(props, `new ${type} relationships`), type },
  );
  if (WEIGHTED_TYPES.includes(type)) await dropHeaviestPartners(tx, rows.flatMap((row) => [row.from, row.to]));
  return result[0]?.written ?? 0;
}
