import type { Database } from '../../db/database.js';
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

function matchClause(label: ListedLabel, filter: ListFilter): string {
  const source = filter.lucene
    ? `CALL db.index.fulltext.queryNodes('entitySearch', $lucene) YIELD node AS n WITH n WHERE n:${label}`
    : `MATCH (n:${label}) WITH n WHERE true`;
  return `${source}
    AND ($kind IS NULL OR n.kind = $kind)
    AND ($kommuneId IS NULL OR EXISTS { (n)-[:LOCATED_IN]->(:Kommune {id: $kommuneId}) })`;
}

function filterParams(filter: ListFilter) {
  return { kind: filter.kind ?? null, kommuneId: filter.kommuneId ?? null, lucene: filter.lucene ?? null };
}

/** One page of entities of a label, keyset-paginated on (sort key, id), in reverse order when paging backwards. */
export async function listEntities(
  db: Database,
  label: ListedLabel,
  filter: ListFilter,
  page: PageRequest,
): Promise<{ node: RawNode; sortValue: string }[]> {
  const { key, descending } = ORDER[label];
  const { beyond, orderBy } = keysetClauses(page, descending, 'n.id');
  return db.read(
    `${matchClause(label, filter)}
     WITH n, ${key} AS sortValue
     WHERE ${beyond}
     RETURN n{.*, labels: labels(n)} AS node, sortValue
     ORDER BY ${orderBy}
     LIMIT toInteger($limit)`,
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
