import type { Database, Params } from '../../db/database.js';
import { keysetClauses, type PageRequest } from '../common/pagination.js';
import { projection, propertiesKey } from '../common/projection.js';
import type { RawNode } from '../common/records.js';
import { collectRelated } from '../entity/repository.js';

/**
 * A kommune with its fylke, which a kommune page nearly always shows (one hop, one node), and
 * the values of the nested reads the lookup was asked to bring along (`NestedRead`, in order).
 */
export type KommuneRow = {
  node: RawNode;
  fylke: RawNode | null;
  nested: unknown[];
};

/**
 * Up to this many relationships into a kommune (its companies, clusters, schools and events
 * LOCATED_IN it), a lookup also reads the page of companies. Beyond, the page sorts thousands
 * of companies and one long statement measured slower than the lookup followed by the
 * companies' own query (Oslo, 25,000: 2.9 against 4.1 req/s), so the loader fetches it.
 */
const INLINE_COMPANIES_UP_TO = 5000;

const withFylke = (kommune: string) => `head(COLLECT { MATCH (${kommune})-[:IN_FYLKE]->(f:Fylke) RETURN f{.*, labels: labels(f)} ORDER BY f.nr }) AS fylke`;

/**
 * Kommuner whose number of any era is `nr`: 2020–2023, pre-2020 (`formerNrs`) or 2024
 * (`nr2024`), each with its fylke and the values of `nested` (expressions over the kommune `n`).
 */
export async function findKommuneCandidates(
  db: Database,
  nr: string,
  nested: { expressions: readonly string[]; params: Params } = { expressions: [], params: {} },
): Promise<KommuneRow[]> {
  return db.read<KommuneRow>(
    `MATCH (n:Kommune)
     WHERE n.nr = $nr OR $nr IN n.formerNrs OR $nr IN n.nr2024
     RETURN n{.*, labels: labels(n)} AS node, ${withFylke('n')}, [${nested.expressions.join(', ')}] AS nested
     ORDER BY CASE WHEN n.nr = $nr THEN 0 ELSE 1 END, n.nr`,
    { ...nested.params, nr },
  );
}

/**
 * A nested read of a page of the companies of the kommune `n` (see `CompanyPageRequest`), as
 * `findCompanyPagesByKommune` gives it, with parameters named after `param`; null (not read) for
 * a kommune with more than `INLINE_COMPANIES_UP_TO` located entities.
 */
export function collectCompanyPage(request: Omit<CompanyPageRequest, 'kommuneId'>, param: string): {
  expression: string;
  params: Params;
  /** The page of the value read; null when it was not read. */
  rows(value: unknown): CompanyPageRow[] | null;
} {
  const body = companyPageBody(request, 'n', `$${param}`, `$${param}Limit`);
  return {
    expression: `CASE WHEN COUNT { (n)<-[:LOCATED_IN]-() } <= $${param}InlineUpTo THEN COLLECT { ${body.cypher} } END`,
    params: { [param]: { afterName: request.afterName, afterId: request.afterId }, [`${param}Limit`]: request.limit, [`${param}InlineUpTo`]: INLINE_COMPANIES_UP_TO },
    rows: (value) => (value === null ? null : (value as unknown[]).map(body.decode)),
  };
}

export async function findFylker(db: Database): Promise<RawNode[]> {
  const rows = await db.read<{ node: RawNode }>(
    'MATCH (f:Fylke) RETURN f{.*, labels: labels(f)} AS node ORDER BY f.nr',
  );
  return rows.map((row) => row.node);
}

type KommuneOrder = 'NR' | 'NAME' | 'POPULATION_DESC';

interface KommuneFilter {
  /** The kommuner of a fylke filter (numbers of any era, see `fylkeFilter`); null: all. */
  kommuneIds: string[] | null;
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
  return `${source} AND ($kommuneIds IS NULL OR k.id IN $kommuneIds)`;
}

/** One page of kommuner, keyset-paginated on (sort key, id), in reverse order when paging backwards. */
export async function listKommuner(
  db: Database,
  filter: KommuneFilter,
  order: KommuneOrder,
  page: PageRequest,
): Promise<(KommuneRow & { sortValue: string | number })[]> {
  const { key, descending } = ORDER_KEY[order];
  const { beyond, orderBy } = keysetClauses(page, descending, 'k.id');
  return db.read<KommuneRow & { sortValue: string | number }>(
    `${kommuneMatch(filter)}
     WITH k, ${key} AS sortValue
     WHERE ${beyond}
     WITH k, sortValue
     ORDER BY ${orderBy}
     LIMIT toInteger($limit)
     RETURN k{.*, labels: labels(k)} AS node, sortValue, ${withFylke('k')}`,
    { ...filter, afterId: page.cursor?.id ?? null, afterValue: page.cursor?.sortValue ?? null, limit: page.limit + 1 },
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
  /** Also each company's clusters (`Company.memberships`), when the client asked for them. */
  withMemberships: boolean;
  /** The page before (`afterName`, `afterId`), read in reverse order (`last`/`before`). */
  backward: boolean;
  /** The companies' stored properties to read (`selectedProperties`); null: every one. */
  companyProperties: readonly string[] | null;
}

/** A company of a page and, when asked for, its memberships in `findRelated`'s order. */
export interface CompanyPageRow {
  company: RawNode;
  memberships: RawNode[] | null;
}

/**
 * A page of companies for each of several kommuner, in one round trip per distinct page size
 * and shape (a batch almost always has one): `LIMIT` needs a value that does not vary by row,
 * and a limit inside the subquery keeps a kommune with 30,000 companies from being collected
 * whole. The companies' memberships come along when asked for: fetched apart they cost a
 * dependent round trip for 20 small lists.
 *
 * A kommune holding a large share of all companies (Oslo: a fifth) reads its page in name order
 * from the `Company(name)` index, keeping the companies located in it, instead of sorting all of
 * them: the index walk passes about `limit × all / located` companies, the sort reads `located`
 * (counted as the kommune's LOCATED_IN degree, which the store keeps),
 * so the walk is taken when `located² > limit × all` (at 1,000,000 companies and pages of 21, above
 * ~4,600 located companies).
 */
export async function findCompanyPagesByKommune(
  db: Database,
  requests: readonly CompanyPageRequest[],
): Promise<CompanyPageRow[][]> {
  const pages: CompanyPageRow[][] = requests.map(() => []);
  const groups = new Map<string, number[]>();
  requests.forEach((request, index) => {
    const group = JSON.stringify([request.limit, request.withMemberships, request.backward, request.afterId !== null, propertiesKey(request.companyProperties)]);
    groups.set(group, [...(groups.get(group) ?? []), index]);
  });
  await Promise.all([...groups.values()].map(async (indexes) => {
    const first = requests[indexes[0]!]!;
    const body = companyPageBody(first, 'k', 'req', '$limit');
    const walk = companyPageBody(first, 'k', 'req', '$limit', { fromNameIndex: first.afterId !== null });
    const rows = await db.read<{ index: number; companies: unknown[] }>(
      `UNWIND $batch AS req
       MATCH (k:Kommune {id: req.kommuneId})
       WITH req, k, COUNT { (k)<-[:LOCATED_IN]-() } AS located
       RETURN req.index AS index,
         CASE WHEN located * located > $limit * COUNT { (:Company) } THEN COLLECT { ${walk.cypher} } ELSE COLLECT { ${body.cypher} } END AS companies`,
      { batch: indexes.map((index) => ({ ...requests[index], index })), limit: first.limit },
    );
    for (const row of rows) pages[row.index] = row.companies.map(body.decode);
  }));
  return pages;
}

/**
 * The body of a subquery giving one page of the companies of the kommune bound to `kommune` after
 * the keyset in `req` (`afterName`, `afterId`), or before it in reverse order, `limit` rows, each
 * as `[company, memberships]` (the company with the properties asked for), and the decoder of a
 * row. The limit sits inside, so a kommune with 30,000 companies is never collected whole.
 */
function companyPageBody(
  request: Pick<CompanyPageRequest, 'withMemberships' | 'backward' | 'companyProperties'>, kommune: string, req: string, limit: string,
  walk?: { fromNameIndex: boolean },
): { cypher: string; decode(row: unknown): CompanyPageRow } {
  const [beyond, order] = request.backward ? ['<', 'DESC'] : ['>', 'ASC'];
  const company = projection('company', request.companyProperties);
  // The index walk starts at the cursor's name (ties on it are cut by id below); `name` is required of a company.
  const match = walk
    ? `MATCH (company:Company) USING INDEX company:Company(name)
         WHERE ${walk.fromNameIndex ? `company.name ${beyond}= ${req}.afterName` : 'company.name IS NOT NULL'} AND (company)-[:LOCATED_IN]->(${kommune})
         WITH company`
    : `MATCH (company:Company)-[:LOCATED_IN]->(${kommune})`;
  return {
    cypher: `${match}
         WHERE ${req}.afterId IS NULL OR company.name ${beyond} ${req}.afterName OR (company.name = ${req}.afterName AND company.id ${beyond} ${req}.afterId)
         WITH company ORDER BY company.name ${order}, company.id ${order}
         LIMIT toInteger(${limit})
         RETURN [${company.cypher}, ${request.withMemberships ? collectRelated('Company.memberships', 'company', 'cluster') : 'null'}] AS row`,
    decode: (row) => {
      const [raw, memberships] = row as [unknown, RawNode[] | null];
      return { company: company.decode(raw), memberships };
    },
  };
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

/** The kommuner a fylke number of one era covers, with the 2020–2023 fylker they were in. */
export type FylkeEraRow = {
  era: 'NOW' | 'FROM_2024' | 'BEFORE_2020';
  kommuneIds: string[];
  fylker: { nr: string; name: string }[];
};

/**
 * What a two-digit fylke number means in each era: a fylke of 2020–2023 (`IN_FYLKE`), the
 * kommuner whose 2024 number starts with it (Buskerud, 33, was part of Viken, 30), or the
 * kommuner whose pre-2020 numbers do (Buskerud, 06, before 2020). The stored kommune numbers are
 * the only source, so no table of fylker of other eras is kept by hand.
 */
export async function findFylkeEras(db: Database, nr: string): Promise<FylkeEraRow[]> {
  return db.read<FylkeEraRow>(
    `MATCH (k:Kommune)-[:IN_FYLKE]->(f:Fylke)
     WITH k, f, [era IN [
         CASE WHEN f.nr = $nr THEN 'NOW' END,
         CASE WHEN any(n IN coalesce(k.nr2024, []) WHERE n STARTS WITH $nr) THEN 'FROM_2024' END,
         CASE WHEN any(n IN coalesce(k.formerNrs, []) WHERE n STARTS WITH $nr) THEN 'BEFORE_2020' END
       ] WHERE era IS NOT NULL] AS eras
     UNWIND eras AS era
     WITH era, k, f ORDER BY k.nr
     RETURN era, collect(k.id) AS kommuneIds, collect(DISTINCT f{.nr, .name}) AS fylker`,
    { nr },
  );
}

/** The fylke numbers that mean something: those of 2020–2023 with names, and the others of 2024. */
export async function findFylkeNumbers(db: Database): Promise<{ now: { nr: string; name: string }[]; from2024: string[] }> {
  const rows = await db.read<{ now: { nr: string; name: string }[]; numbers2024: string[] }>(
    `CALL () { MATCH (f:Fylke) WITH f ORDER BY f.nr RETURN collect(f{.nr, .name}) AS now }
     CALL () { MATCH (k:Kommune) UNWIND coalesce(k.nr2024, []) AS n RETURN collect(DISTINCT substring(n, 0, 2)) AS numbers2024 }
     RETURN now, numbers2024`,
  );
  const { now = [], numbers2024 = [] } = rows[0] ?? {};
  const current = new Set(now.map((fylke) => fylke.nr));
  return { now, from2024: numbers2024.filter((nr) => !current.has(nr)).sort() };
}

/** For each number, the kommuner whose number of any era it is (as `findKommuneCandidates`, without page parts). */
export async function findKommuneCandidatesOfNrs(db: Database, nrs: readonly string[]): Promise<Map<string, RawNode[]>> {
  const rows = await db.read<{ nr: string; nodes: RawNode[] }>(
    `UNWIND $nrs AS nr
     MATCH (k:Kommune)
     WHERE k.nr = nr OR nr IN k.formerNrs OR nr IN k.nr2024
     WITH nr, k ORDER BY k.nr
     RETURN nr, collect(k{.*, labels: labels(k)}) AS nodes`,
    { nrs },
  );
  return new Map(rows.map((row) => [row.nr, row.nodes]));
}

/**
 * Kommuner by id, each projected to `properties` (names from the model's field tables, see
 * `projection`): what a list of many kommuner showing a few fields reads instead of whole nodes.
 */
export async function findKommunerProjected(db: Database, ids: readonly string[], properties: readonly string[]): Promise<RawNode[]> {
  const node = projection('k', properties);
  const rows = await db.read<{ node: unknown }>(`MATCH (k:Kommune) WHERE k.id IN $ids RETURN ${node.cypher} AS node`, { ids });
  return rows.map((row) => node.decode(row.node));
}
