import type { Database, Tx } from '../../db/database.js';
import { type Properties, toParameters, unionSourceIds, writeSources } from '../../graph/index.js';
import type { RawNode } from '../common/records.js';
import type { LinkType } from '../../generated/graphql.js';
import type { SourcePlan } from '../../graph/validation.js';

/**
 * All Cypher of the mutations and the audit trail. Labels and relationship types travel as
 * parameters too (`$(…)` dynamic labels), checked against the model's lists before they get here.
 *
 * Concurrency: a uniqueness constraint makes MERGE on `id` create one node however many
 * transactions race, but reads and relationship MERGEs are not covered by it. So each write
 * first takes the node's write lock (`SET n._lock = true`, removed in the same statement; the
 * lock is held to commit) and only then reads what is stored: two editors writing one entity
 * run one after the other, and the second sees the first's result. Every write takes its locks
 * in one order — the source, then entities by id — so two writes never wait on each other.
 */

const NODE = 'n{.*, labels: labels(n)}';

/** The mutation's source, by the graph layer's one source policy (`src/graph/write.ts`). */
export async function mergeSource(tx: Tx, source: SourcePlan): Promise<void> {
  await writeSources(tx, [source]);
}

/** Creates the entity if it is new and locks it either way; true when this transaction created it. */
export async function lockOrCreateEntity(tx: Tx, id: string, label: string, key: string): Promise<boolean> {
  const rows = await tx.run<{ created: boolean }>(
    `MERGE (n:Entity {id: $id})
     ON CREATE SET n:$($label), n.key = $key, n._created = true
     SET n._lock = true
     WITH n, n._created IS NOT NULL AS created
     REMOVE n._lock, n._created
     RETURN created`,
    { id, label, key },
  );
  return rows[0]?.created ?? false;
}

/** Locks existing entities (in id order, so two writers never wait on each other in a cycle); returns the ids found. */
export async function lockEntities(tx: Tx, ids: readonly string[]): Promise<string[]> {
  const rows = await tx.run<{ id: string }>(
    `UNWIND $ids AS id
     WITH id ORDER BY id
     MATCH (n:Entity {id: id})
     SET n._lock = true
     REMOVE n._lock
     RETURN n.id AS id`,
    { ids },
  );
  return rows.map((row) => row.id);
}

/** Another company that holds this organisasjonsnummer, if any. */
export async function findCompanyByOrgnr(tx: Tx, orgnr: string, exceptId: string): Promise<{ id: string; name: string } | null> {
  const rows = await tx.run<{ id: string; name: string }>(
    'MATCH (c:Company {orgnr: $orgnr}) WHERE c.id <> $exceptId RETURN c.id AS id, c.name AS name LIMIT 1',
    { orgnr, exceptId },
  );
  return rows[0] ?? null;
}

export async function readEntity(tx: Tx, id: string): Promise<RawNode | null> {
  const rows = await tx.run<{ node: RawNode }>(`MATCH (n:Entity {id: $id}) RETURN ${NODE} AS node`, { id });
  return rows[0]?.node ?? null;
}

/** `SET +=`: a null removes the property, anything left out stays. */
export async function writeEntity(tx: Tx, id: string, props: Properties): Promise<RawNode> {
  const rows = await tx.run<{ node: RawNode }>(
    `MATCH (n:Entity {id: $id}) SET n += $props RETURN ${NODE} AS node`,
    { id, props: toParameters(props, id) },
  );
  return rows[0]!.node;
}

export async function readLink(tx: Tx, from: string, type: LinkType, to: string): Promise<Record<string, unknown> | null> {
  const rows = await tx.run<{ props: Record<string, unknown> }>(
    `MATCH (:Entity {id: $from})-[r:$($type)]->(:Entity {id: $to}) RETURN properties(r) AS props LIMIT 1`,
    { from, type, to },
  );
  return rows[0]?.props ?? null;
}

/** One relationship of a type between two ends, its properties set and its sources a union. */
export async function mergeLink(
  tx: Tx, from: string, type: LinkType, to: string, props: Properties, sourceId: string,
): Promise<Record<string, unknown>> {
  const rows = await tx.run<{ props: Record<string, unknown> }>(
    `MATCH (a:Entity {id: $from})
     MATCH (b:Entity {id: $to})
     MERGE (a)-[r:$($type)]->(b)
     SET r += $props, ${unionSourceIds('r', '[$sourceId]')}
     RETURN properties(r) AS props`,
    { from, type, to, props: toParameters(props, `${from} -${type}-> ${to}`), sourceId },
  );
  return rows[0]!.props;
}

export async function deleteLink(tx: Tx, from: string, type: LinkType, to: string): Promise<Record<string, unknown> | null> {
  const rows = await tx.run<{ props: Record<string, unknown> }>(
    `MATCH (:Entity {id: $from})-[r:$($type)]->(:Entity {id: $to})
     WITH r, properties(r) AS props
     DELETE r
     RETURN props`,
    { from, type, to },
  );
  return rows[0]?.props ?? null;
}

interface LinkSummary {
  type: string;
  direction: 'out' | 'in';
  other: string;
}

/** Every relationship of an entity, so a delete can say what it removes and record it. */
export async function findLinksOf(tx: Tx, id: string): Promise<LinkSummary[]> {
  return tx.run<{ type: string; direction: 'out' | 'in'; other: string }>(
    `MATCH (n:Entity {id: $id})-[r]-(m)
     RETURN type(r) AS type, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS direction, m.id AS other
     ORDER BY type, direction, other`,
    { id },
  );
}

/** Ranking entries that exist only to rank on this indicator: they go with it. */
export async function findRankingEntriesOf(tx: Tx, indicatorId: string): Promise<RawNode[]> {
  const rows = await tx.run<{ node: RawNode }>(
    `MATCH (n:RankingEntry)-[:FOR_INDICATOR]->(:Indicator {id: $indicatorId}) RETURN ${NODE} AS node ORDER BY n.id`,
    { indicatorId },
  );
  return rows.map((row) => row.node);
}

export async function deleteEntities(tx: Tx, ids: readonly string[]): Promise<number> {
  const rows = await tx.run<{ deleted: number }>(
    `UNWIND $ids AS id
     MATCH (n:Entity {id: id})
     DETACH DELETE n
     RETURN count(*) AS deleted`,
    { ids },
  );
  return rows[0]?.deleted ?? 0;
}

/** Ranking entries by id in the given order, with the indicator key and subject id their mapper expects. */
export async function findRankingEntries(db: Database, ids: readonly string[]): Promise<RawNode[]> {
  const rows = await db.read<{ node: RawNode }>(
    `UNWIND range(0, size($ids) - 1) AS i
     MATCH (n:RankingEntry {id: $ids[i]})-[:FOR_INDICATOR]->(ind:Indicator)
     MATCH (n)-[:RANKS]->(subject:Entity)
     RETURN n{.*, labels: labels(n), indicatorKey: ind.key, subjectId: subject.id} AS node
     ORDER BY i`,
    { ids },
  );
  return rows.map((row) => row.node);
}

export { recordAudit, type AuditWrite } from '../../graph/audit.js';

/** Where a page of the audit trail starts: the entry the page before ended with. */
export async function findAuditPosition(db: Database, id: string): Promise<{ at: string; id: string } | null> {
  const rows = await db.read<{ at: string; id: string }>('MATCH (a:AuditEntry {id: $id}) RETURN a.at AS at, a.id AS id', { id });
  return rows[0] ?? null;
}

/** Newest first, in pages: keyset on (at, id), so page 1,000 costs what page 1 does and reaches the oldest entry. */
export async function findAuditEntries(
  db: Database, filter: { entityId: string | null; since: string | null; after: { at: string; id: string } | null; limit: number },
): Promise<Record<string, unknown>[]> {
  const rows = await db.read<{ entry: Record<string, unknown> }>(
    `MATCH (a:AuditEntry)
     WHERE ($entityId IS NULL OR a.entityId = $entityId) AND ($since IS NULL OR a.at >= $since)
       AND ($afterAt IS NULL OR a.at < $afterAt OR (a.at = $afterAt AND a.id < $afterId))
     WITH a ORDER BY a.at DESC, a.id DESC LIMIT toInteger($limit)
     RETURN a{.*} AS entry`,
    { entityId: filter.entityId, since: filter.since, afterAt: filter.after?.at ?? null, afterId: filter.after?.id ?? null, limit: filter.limit },
  );
  return rows.map((row) => row.entry);
}
