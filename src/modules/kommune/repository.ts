import type { Database } from '../../db/database.js';
import type { Keyset } from '../common/pagination.js';
import type { RawNode } from '../common/records.js';

/** Kommuner whose number of any era is `nr`: 2020–2023, pre-2020 (`formerNrs`) or 2024 (`nr2024`). */
export async function findKommunerByAnyNr(db: Database, nr: string): Promise<RawNode[]> {
  const rows = await db.read<{ node: RawNode }>(
    `MATCH (k:Kommune)
     WHERE k.nr = $nr OR $nr IN k.formerNrs OR $nr IN k.nr2024
     RETURN k{.*, labels: labels(k)} AS node
     ORDER BY CASE WHEN k.nr = $nr THEN 0 ELSE 1 END, k.nr`,
    { nr },
  );
  return rows.map((row) => row.node);
}

export async function findFylker(db: Database): Promise<RawNode[]> {
  const rows = await db.read<{ node: RawNode }>(
    'MATCH (f:Fylke) RETURN f{.*, labels: labels(f)} AS node ORDER BY f.nr',
  );
  return rows.map((row) => row.node);
}

export type KommuneOrder = 'NR' | 'NAME' | 'POPULATION_DESC';

export interface KommuneFilter {
  fylkeNr: string | null;
  lucene: string | null;
}

const ORDER_KEY: Record<KommuneOrder, { key: string; descending: boolean }> = {
  NR: { key: 'k.nr', descending: false },
  NAME: { key: 'k.name', descending: false },
  POPULATION_DESC: { key: 'coalesce(k.population2022, 0)', descending: true },
};

function kommuneMatch(filter: KommuneFilter): string {
  const source = filter.lucene
    ? "CALL db.index.fulltext.queryNodes('entitySearch', $lucene) YIELD node AS k WITH k WHERE k:Kommune"
    : 'MATCH (k:Kommune) WITH k WHERE true';
  return `${source} AND ($fylkeNr IS NULL OR EXISTS { (k)-[:IN_FYLKE]->(:Fylke {nr: $fylkeNr}) })`;
}

/** One page of kommuner, keyset-paginated on (sort key, id). */
export async function listKommuner(
  db: Database,
  filter: KommuneFilter,
  order: KommuneOrder,
  limit: number,
  after: Keyset | null,
): Promise<{ node: RawNode; sortValue: string | number }[]> {
  const { key, descending } = ORDER_KEY[order];
  return db.read(
    `${kommuneMatch(filter)}
     WITH k, ${key} AS sortValue
     WHERE $afterId IS NULL OR sortValue ${descending ? '<' : '>'} $afterValue OR (sortValue = $afterValue AND k.id > $afterId)
     RETURN k{.*, labels: labels(k)} AS node, sortValue
     ORDER BY sortValue ${descending ? 'DESC' : 'ASC'}, k.id
     LIMIT toInteger($limit)`,
    { ...filter, afterId: after?.id ?? null, afterValue: after?.sortValue ?? null, limit: limit + 1 },
  );
}

export async function countKommuner(db: Database, filter: KommuneFilter): Promise<number> {
  const rows = await db.read<{ total: number }>(`${kommuneMatch(filter)} RETURN count(k) AS total`, { ...filter });
  return rows[0]?.total ?? 0;
}

export interface CompanyPageRequest {
  kommuneId: string;
  limit: number;
  afterName: string | null;
  afterId: string | null;
}

/**
 * A page of companies for each of several kommuner, in one round trip per distinct page size
 * (a batch almost always has one): `LIMIT` needs a value that does not vary by row, and a
 * limit inside the subquery keeps a kommune with 30,000 companies from being collected whole.
 */
export async function findCompanyPagesByKommune(
  db: Database,
  requests: readonly CompanyPageRequest[],
): Promise<RawNode[][]> {
  const pages: RawNode[][] = requests.map(() => []);
  const byLimit = new Map<number, number[]>();
  requests.forEach((request, index) => byLimit.set(request.limit, [...(byLimit.get(request.limit) ?? []), index]));
  await Promise.all([...byLimit.entries()].map(async ([limit, indexes]) => {
    const rows = await db.read<{ index: number; companies: RawNode[] }>(
      `UNWIND $batch AS req
       MATCH (k:Kommune {id: req.kommuneId})
       CALL (k, req) {
         MATCH (c:Company)-[:LOCATED_IN]->(k)
         WHERE req.afterId IS NULL OR c.name > req.afterName OR (c.name = req.afterName AND c.id > req.afterId)
         WITH c ORDER BY c.name, c.id
         LIMIT toInteger($limit)
         RETURN collect(c{.*, labels: labels(c)}) AS companies
       }
       RETURN req.index AS index, companies`,
      { batch: indexes.map((index) => ({ ...requests[index], index })), limit },
    );
    for (const row of rows) pages[row.index] = row.companies;
  }));
  return pages;
}

export async function countCompaniesByKommune(db: Database, ids: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.read<{ id: string; total: number }>(
    `UNWIND $ids AS id
     MATCH (k:Kommune {id: id})
     RETURN id, count { (:Company)-[:LOCATED_IN]->(k) } AS total`,
    { ids },
  );
  return new Map(rows.map((row) => [row.id, row.total]));
}
