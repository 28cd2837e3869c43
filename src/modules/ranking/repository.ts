import type { Database } from '../../db/database.js';
import { keysetClauses, type PageRequest } from '../common/pagination.js';
import { projection } from '../common/projection.js';
import type { RawNode } from '../common/records.js';

export async function findIndicators(db: Database, keys: readonly string[] | null): Promise<RawNode[]> {
  const rows = await db.read<{ node: RawNode }>(
    `MATCH (i:Indicator) WHERE $keys IS NULL OR i.key IN $keys
     RETURN i{.*, labels: labels(i)} AS node ORDER BY i.key`,
    { keys },
  );
  return rows.map((row) => row.node);
}

/** Editions (RANK) or statistics years (VALUE) held per indicator. */
export async function findIndicatorYears(db: Database, keys: readonly string[]): Promise<Map<string, number[]>> {
  const rows = await db.read<{ key: string; years: number[] }>(
    `UNWIND $keys AS key
     MATCH (i:Indicator {key: key})
     WITH key, i,
          COLLECT { MATCH (e:RankingEntry)-[:FOR_INDICATOR]->(i) RETURN DISTINCT e.edition } AS editions,
          COLLECT { MATCH (:Kommune)-[v:HAS_VALUE]->(i) RETURN DISTINCT v.year } AS valueYears
     UNWIND editions + valueYears AS year
     WITH key, year ORDER BY year
     RETURN key, collect(DISTINCT year) AS years`,
    { keys },
  );
  return new Map(rows.map((row) => [row.key, row.years]));
}

/** The order of a subject's rankings: newest edition first, then by indicator, scope and rank. */
const SUBJECT_RANKING_ORDER = 'e.edition DESC, i.key, e.scope, e.rank';

/** What a subject's entries carry besides their own properties: the keys their loaders and filters use. */
const ENTRY_EXTRA = { indicatorKey: 'i.key', subjectId: 's.id' };

/**
 * `COLLECT` subqueries for a query that reads a subject's rankings with the subject (bound to
 * the variable `subject`) and primes the loaders: the entries in `findRankingsBySubject`'s
 * order with the `properties` asked (every one when null), and each indicator they rank on
 * once, whole (an indicator's description is long; one copy per entry would multiply what
 * crosses the wire, and the indicator loader is shared by every field of the request).
 */
export function collectSubjectRankings(subject: string, properties: readonly string[] | null): { entries: string; indicators: string; decode(value: unknown): RawNode } {
  const entry = projection('e', properties, ENTRY_EXTRA);
  return {
    entries: `COLLECT {
       WITH ${subject} AS s
       MATCH (s)<-[:RANKS]-(e:RankingEntry)-[:FOR_INDICATOR]->(i:Indicator)
       WITH s, e, i ORDER BY ${SUBJECT_RANKING_ORDER}
       RETURN ${entry.cypher}
     }`,
    indicators: `COLLECT {
       MATCH (${subject})<-[:RANKS]-(:RankingEntry)-[:FOR_INDICATOR]->(i:Indicator)
       WITH DISTINCT i
       RETURN i{.*, labels: labels(i)}
     }`,
    decode: entry.decode,
  };
}

/**
 * Every ranking entry of each kommune or fylke, newest edition first, with the `properties`
 * asked (every one when null), and the indicators they rank on: an entry's `indicator` is
 * nearly always asked for, and handing the few indicator nodes over here spares a dependent
 * round trip for them.
 */
export async function findRankingsBySubject(
  db: Database,
  ids: readonly string[],
  properties: readonly string[] | null = null,
): Promise<{ entries: Map<string, RawNode[]>; indicators: RawNode[] }> {
  const entry = projection('e', properties, ENTRY_EXTRA);
  const rows = await db.read<{ id: string; entries: unknown[]; indicators: RawNode[] }>(
    `UNWIND $ids AS id
     MATCH (s:Entity {id: id})<-[:RANKS]-(e:RankingEntry)-[:FOR_INDICATOR]->(i:Indicator)
     WITH id, s, e, i ORDER BY ${SUBJECT_RANKING_ORDER}
     RETURN id, collect(${entry.cypher}) AS entries, collect(DISTINCT i{.*, labels: labels(i)}) AS indicators`,
    { ids },
  );
  return {
    entries: new Map(rows.map((row) => [row.id, row.entries.map(entry.decode)])),
    indicators: rows.flatMap((row) => row.indicators),
  };
}

/** Every value of each kommune, by indicator and year. */
export async function findValuesByKommune(db: Database, ids: readonly string[]): Promise<Map<string, Record<string, unknown>[]>> {
  const rows = await db.read<{ id: string; values: Record<string, unknown>[] }>(
    `UNWIND $ids AS id
     MATCH (k:Kommune {id: id})-[v:HAS_VALUE]->(i:Indicator)
     WITH id, v, i ORDER BY i.key, v.year
     RETURN id, collect({indicatorKey: i.key, kommuneId: id, year: v.year, value: v.value, sourceIds: v.sourceIds}) AS values`,
    { ids },
  );
  return new Map(rows.map((row) => [row.id, row.values]));
}

interface RankingQuery {
  indicator: string;
  edition: number;
  /** Subject label: kommuner ranked, or fylker ranked among fylker. */
  level: 'Kommune' | 'Fylke';
  /** The kommuner of a fylke filter (numbers of any era); null: all. */
  kommuneIds: string[] | null;
}

function rankingMatch(level: RankingQuery['level']): string {
  return `MATCH (i:Indicator {key: $indicator})<-[:FOR_INDICATOR]-(e:RankingEntry {edition: $edition, scope: 'NATIONAL'})-[:RANKS]->(s:${level})
     WHERE $kommuneIds IS NULL OR s.id IN $kommuneIds`;
}

/**
 * A page of one ranking table ordered by rank. With a fylke, `placeInFylke` counts the
 * entries of that fylke ranked ahead in the same table. Each row also carries the ranked
 * kommune or fylke (`subject`): a table is read with the names of what it ranks, and a later
 * round trip for them would cost as much as the page. `properties` names what to read of the
 * entries and the subjects (`selectedProperties`; null: every property).
 */
export async function findRankingPage(
  db: Database,
  query: RankingQuery,
  page: PageRequest,
  properties: { entry: readonly string[] | null; subject: readonly string[] | null } = { entry: null, subject: null },
): Promise<{ entry: RawNode; subject: RawNode }[]> {
  const { beyond, orderBy } = keysetClauses(page, false, 'e.id');
  const entry = projection('e', properties.entry, { indicatorKey: 'i.key', subjectId: 's.id', placeInFylke: 'placeInFylke' });
  const subject = projection('s', properties.subject);
  const rows = await db.read<{ entry: unknown; subject: unknown }>(
    `${rankingMatch(query.level)}
     WITH i, e, s, e.rank AS sortValue
     WHERE ${beyond}
     WITH i, e, s, sortValue ORDER BY ${orderBy} LIMIT toInteger($limit)
     WITH i, e, s,
          CASE WHEN $kommuneIds IS NULL THEN null ELSE 1 + COUNT {
            MATCH (i)<-[:FOR_INDICATOR]-(o:RankingEntry {edition: $edition, scope: 'NATIONAL'})-[:RANKS]->(os:Kommune)
            WHERE os.id IN $kommuneIds AND o.rank < e.rank AND os <> s
          } END AS placeInFylke
     RETURN ${entry.cypher} AS entry, ${subject.cypher} AS subject`,
    { ...query, afterId: page.cursor?.id ?? null, afterValue: page.cursor?.sortValue ?? null, limit: page.limit + 1 },
  );
  return rows.map((row) => ({ entry: entry.decode(row.entry), subject: subject.decode(row.subject) }));
}

export async function countRanking(db: Database, query: RankingQuery): Promise<number> {
  const rows = await db.read<{ total: number }>(`${rankingMatch(query.level)} RETURN count(e) AS total`, { ...query });
  return rows[0]?.total ?? 0;
}
