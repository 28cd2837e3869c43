import type { Database } from '../../db/database.js';
import { NAME_ORDERED_LABELS } from '../../graph/migrations.js';
import { keysetClauses, type PageRequest } from './pagination.js';
import type { RawNode } from './records.js';

/** Entity types that the top-level connections list. */
export type ListedLabel = 'Company' | 'Cluster' | 'School' | 'Event' | 'Initiative';

interface ListFilter {
  /** Global id of a kommune: only entities LOCATED_IN it. */
  kommuneId?: string | null;
  kind?: string | null;
  /** A Lucene query built by `toLuceneQuery`. */
  lucene?: string | null;
}

/** Sort key per label: events newest first, the rest by name. */
const ORDER: Record<ListedLabel, { key: string; descending: boolean }> = {
  Company: { key: 'n.name', descending: false },
  Cluster: { key: 'n.name', descending: false },
  School: { key: 'n.name', descending: false },
  Initiative: { key: 'n.name', descending: false },
  Event: { key: "coalesce(n.startDate, '')", descending: true },
};

/**
 * The entities a listing starts from: the full-text hits, else the kommune's located entities
 * when a kommune is given (reached from the kommune, not by testing every entity of the label:
 * 164,000 db hits for one kommune's companies at 20,000 companies, against a few thousand), else
 * every entity of the label.
 */
function matchClause(label: ListedLabel, filter: ListFilter): string {
  if (filter.lucene) {
    return `CALL db.index.fulltext.queryNodes('entitySearch', $lucene) YIELD node AS n WITH n WHERE n:${label}
    AND ($kind IS NULL OR n.kind = $kind)
    AND ($kommuneId IS NULL OR EXISTS { (n)-[:LOCATED_IN]->(:Kommune {id: $kommuneId}) })`;
  }
  const source = filter.kommuneId
    ? `MATCH (:Kommune {id: $kommuneId})<-[:LOCATED_IN]-(n:${label}) WITH DISTINCT n`
    : `MATCH (n:${label}) WITH n`;
  return `${source} WHERE ($kind IS NULL OR n.kind = $kind)`;
}

function filterParams(filter: ListFilter) {
  return { kind: filter.kind ?? null, kommuneId: filter.kommuneId ?? null, lucene: filter.lucene ?? null };
}

/** Whether a page of `label` is read in name order from its `name` index: the whole list, by name. */
function byNameIndex(label: ListedLabel, filter: ListFilter): boolean {
  return !filter.lucene && !filter.kommuneId && ORDER[label].key === 'n.name'
    && (NAME_ORDERED_LABELS as readonly string[]).includes(label);
}

/**
 * Every entity of the label in name order, from the index (`name` is required of these labels, so
 * `IS NOT NULL` leaves none out): a page costs its rows, not a sort of the label. After a cursor the
 * scan starts at the cursor's name (`>=`: ties on the name are cut by id after it).
 */
function nameIndexClause(label: ListedLabel, page: PageRequest): string {
  const from = page.cursor ? ` AND n.name ${page.backward ? '<=' : '>='} $afterValue` : '';
  return `MATCH (n:${label}) WHERE n.name IS NOT NULL${from} WITH n WHERE ($kind IS NULL OR n.kind = $kind)`;
}

/**
 * One page of entities of a label, keyset-paginated on (sort key, id), in reverse order when
 * paging backwards. The page is cut before the properties are read, not after reading every match.
 */
export async function listEntities(
  db: Database,
  label: ListedLabel,
  filter: ListFilter,
  page: PageRequest,
): Promise<{ node: RawNode; sortValue: string }[]> {
  const { key, descending } = ORDER[label];
  const { beyond, orderBy } = keysetClauses(page, descending, 'n.id');
  return db.read(
    `${byNameIndex(label, filter) ? nameIndexClause(label, page) : matchClause(label, filter)}
     WITH n, ${key} AS sortValue
     WHERE ${beyond}
     WITH n, sortValue ORDER BY ${orderBy} LIMIT toInteger($limit)
     RETURN n{.*, labels: labels(n)} AS node, sortValue`,
    { ...filterParams(filter), afterId: page.cursor?.id ?? null, afterValue: page.cursor?.sortValue ?? null, limit: page.limit + 1 },
  );
}

export async function countEntities(db: Database, label: ListedLabel, filter: ListFilter): Promise<number> {
  const rows = await db.read<{ total: number }>(
    `${matchClause(label, filter)} RETURN count(n) AS total`,
    filterParams(filter),
  );
  return rows[0]?.total ?? 0;
}
