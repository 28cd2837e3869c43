import { assertStorable } from '../graph/validation.js';
import { type Database, type Tx, toInteger } from '../db/database.js';
import { NODE_LABELS, RELATIONSHIP_TYPES } from '../graph/model.js';

/**
 * All Cypher of the importer. Reads tell the pipeline what the graph already holds, so it can
 * write only what changes and report created / updated / unchanged; the graph writes themselves
 * go through the graph layer's `writeNodes` and `writeRelationships` (src/graph/write.ts), so imported
 * facts are merged exactly as seeded ones (MERGE on id, `sourceIds` united). Labels and types
 * come from the model's fixed lists; every value travels as a parameter.
 */

/** Ids of existing sources by URL, so a cited page that the seeds or an earlier import know keeps its one `Source`. */
export async function findSourceIdsByUrl(tx: Tx, urls: readonly string[]): Promise<Map<string, string>> {
  if (urls.length === 0) return new Map();
  const rows = await tx.run<{ url: string; id: string }>(
    `UNWIND $urls AS url
     MATCH (s:Source {url: url})
     WITH url, min(s.id) AS id
     RETURN url, id`,
    { urls },
  );
  return new Map(rows.map((row) => [row.url, row.id]));
}

export async function findSourceIdsByPublisher(tx: Tx, publisher: string): Promise<string[]> {
  const rows = await tx.run<{ id: string }>('MATCH (s:Source {publisher: $publisher}) RETURN s.id AS id', { publisher });
  return rows.map((row) => row.id);
}

type IndicatorRow = {
  id: string;
  key: string;
  kind: string;
  sourceIds: string[] | null;
};

export async function findIndicators(tx: Tx, keys: readonly string[]): Promise<IndicatorRow[]> {
  return tx.run<IndicatorRow>(
    `UNWIND $keys AS key
     MATCH (i:Indicator {key: key})
     RETURN i.id AS id, i.key AS key, i.kind AS kind, i.sourceIds AS sourceIds`,
    { keys },
  );
}

/** A stored node by id, with its properties; `props` is null when there is none. */
type StoredNode = {
  id: string;
  props: Record<string, unknown> | null;
};

/** Stored nodes by id; ids the graph does not have are absent (no record comes back for them, which keeps a first import cheap). */
export async function readNodes(tx: Tx, ids: readonly string[]): Promise<Map<string, StoredNode>> {
  const rows = await tx.run<StoredNode>(
    `UNWIND $ids AS id
     MATCH (n:Entity {id: id})
     RETURN id, n {.*} AS props`,
    { ids },
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/** One relationship of a stored node: its type, the node at the other end, its properties. */
type StoredLink = {
  type: string;
  to: string;
  props: Record<string, unknown>;
};

/** Nodes by id with their outgoing relationships of the given types. */
export async function readNodesWithLinks(tx: Tx, ids: readonly string[], types: readonly string[]): Promise<Map<string, StoredNode & { links: StoredLink[] }>> {
  const rows = await tx.run<StoredNode & { links: StoredLink[] }>(
    `UNWIND $ids AS id
     MATCH (n:Entity {id: id})
     RETURN id, n {.*} AS props, [(n)-[r]->(m:Entity) WHERE type(r) IN $types | {type: type(r), to: m.id, props: r {.*}}] AS links`,
    { ids, types },
  );
  return new Map(rows.map((row) => [row.id, row]));
}

interface LinkKey {
  from: string;
  type: string;
  to: string;
}

/** Relationships between given ends, keyed `<from>|<type>|<to>`; the ends must exist to be found. */
export async function readLinks(tx: Tx, links: readonly LinkKey[]): Promise<Map<string, Record<string, unknown>>> {
  if (links.length === 0) return new Map();
  const rows = await tx.run<{ key: string; props: Record<string, unknown> }>(
    `UNWIND $links AS link
     MATCH (a:Entity {id: link.from})-[r]->(b:Entity {id: link.to})
     WHERE type(r) = link.type
     RETURN link.from + '|' + link.type + '|' + link.to AS key, r {.*} AS props`,
    { links },
  );
  return new Map(rows.map((row) => [row.key, row.props]));
}

/** HAS_VALUE of one indicator for kommune-years, keyed `<kommune id>|<year>`. */
export async function readValues(tx: Tx, indicatorId: string, cells: readonly { kommuneId: string; year: number }[]): Promise<Map<string, Record<string, unknown>>> {
  const rows = await tx.run<{ kommuneId: string; year: number; props: Record<string, unknown> }>(
    `UNWIND $cells AS cell
     MATCH (:Kommune {id: cell.kommuneId})-[r:HAS_VALUE {year: toInteger(cell.year)}]->(:Indicator {id: $indicatorId})
     RETURN cell.kommuneId AS kommuneId, r.year AS year, r {.*} AS props`,
    { cells: cells.map((cell) => ({ kommuneId: cell.kommuneId, year: cell.year })), indicatorId },
  );
  return new Map(rows.map((row) => [`${row.kommuneId}|${row.year}`, row.props]));
}

/**
 * Removes LOCATED_IN relationships that only the register stated, for companies whose
 * register address moved to another kommune: the register states where a company is now.
 */
export async function deleteLocations(tx: Tx, links: readonly { from: string; to: string }[]): Promise<void> {
  if (links.length === 0) return;
  await tx.run(
    `UNWIND $links AS link
     MATCH (:Company {id: link.from})-[r:LOCATED_IN]->(:Kommune {id: link.to})
     DELETE r`,
    { links },
  );
}

type NamedEntity = {
  id: string;
  labels: string[];
  name: string | null;
  aliases: string[] | null;
};

/**
 * Entities whose search text holds all these words, through the full-text index (names are
 * folded there as here); the caller keeps only exact name matches.
 */
export async function findEntitiesByWords(tx: Tx, words: readonly string[], limit = 50): Promise<NamedEntity[]> {
  if (words.length === 0) return [];
  return tx.run<NamedEntity>(
    `CALL db.index.fulltext.queryNodes('entitySearch', $query, {limit: $limit}) YIELD node
     RETURN node.id AS id, labels(node) AS labels, node.name AS name, node.aliases AS aliases`,
    { query: words.map((word) => `"${word}"`).join(' AND '), limit: toInteger(limit) },
  );
}

/** The properties of a stored company the register import compares, and its LOCATED_IN. */
const COMPANY_PROPERTIES = ['name', 'aliases', 'orgnr', 'orgForm', 'industryCode', 'employees', 'sourceIds'] as const;

/** What the register states about a company, in the shape `compareCompanies` sends it. */
export interface IncomingCompany {
  id: string;
  name: string;
  orgnr: string;
  orgForm: string | null;
  industryCode: string | null;
  employees: number | null;
  kommuneId: string;
  publishedNr: string | null;
  locationNote: string | null;
}

/** The outcome of comparing a batch with the graph: by position in the batch. */
interface CompanyComparison {
  /** Positions of companies the graph does not have. */
  missing: number[];
  /** Stored companies that may differ, with what the register import compares; a position in neither is unchanged. */
  stored: Map<number, StoredNode & { links: StoredLink[] }>;
}

/**
 * Compares a batch of register units with the graph in Neo4j, so that a re-import of a million
 * unchanged units sends nothing back for them: a company that already cites the source, has the
 * same name, orgnr and (where the unit states them) form, industry and size, and exactly one
 * LOCATED_IN, to the same kommune, citing the source with the same stated number and note, is
 * unchanged whatever the merge rules say. Every other stored company comes back with the
 * properties the import compares (not the network measures, which would double what travels),
 * for the full diff. The test is conservative: `coalesce(…, false)` sends a company whose
 * comparison meets a missing property to the full diff rather than calling it unchanged.
 */
export async function compareCompanies(tx: Tx, companies: readonly IncomingCompany[], sourceId: string): Promise<CompanyComparison> {
  // [position, id, name, orgnr, orgForm, industryCode, employees, kommuneId, publishedNr, note]: lists pack cheaper than maps.
  const rows = companies.map((c, i) => [i, c.id, c.name, c.orgnr, c.orgForm, c.industryCode, c.employees, c.kommuneId, c.publishedNr, c.locationNote]);
  // One record holding lists: the driver's per-record work costs more than the values themselves.
  const [result] = await tx.run<{ missing: number[]; stored: [number, unknown[], [string, unknown, unknown, unknown][]][] }>(
    `UNWIND $rows AS row
     OPTIONAL MATCH (n:Entity {id: row[1]})
     WITH row, n, CASE WHEN n IS NULL THEN [] ELSE [(n)-[r:LOCATED_IN]->(k:Kommune) | [k.id, r.sourceIds, r.publishedNr, r.note]] END AS links
     WHERE n IS NULL OR NOT coalesce(
       $sourceId IN n.sourceIds AND n.name = row[2] AND n.orgnr = row[3]
       AND (row[4] IS NULL OR n.orgForm = row[4]) AND (row[5] IS NULL OR n.industryCode = row[5]) AND (row[6] IS NULL OR n.employees = row[6])
       AND size(links) = 1 AND links[0][0] = row[7] AND $sourceId IN links[0][1]
       AND (row[8] IS NULL OR links[0][2] = row[8]) AND (row[9] IS NULL OR links[0][3] = row[9]), false)
     RETURN collect(CASE WHEN n IS NULL THEN row[0] END) AS missing,
            collect(CASE WHEN n IS NOT NULL THEN [row[0], [key IN $keys | n[key]], links] END) AS stored`,
    { rows, sourceId, keys: COMPANY_PROPERTIES },
  );
  return {
    missing: result?.missing ?? [],
    stored: new Map((result?.stored ?? []).map(([position, values, links]) => [position, {
      id: companies[position]!.id,
      props: Object.fromEntries(COMPANY_PROPERTIES.map((key, i) => [key, values[i] ?? null])),
      links: links.map(([to, sourceIds, publishedNr, note]) => ({ type: 'LOCATED_IN', to, props: { sourceIds, publishedNr, note } })),
    }])),
  };
}

export interface NewCompany extends Omit<IncomingCompany, 'locationNote'> {
  searchText: string;
  /** LOCATED_IN's note. */
  note: string | null;
}

/**
 * Companies the graph does not have yet, each with its LOCATED_IN, in one statement. CREATE
 * rather than MERGE because the same transaction has just read that they are missing (a
 * concurrent writer of the same id fails on the unique constraint instead of duplicating it);
 * kommuner are matched once per kommune rather than once per company, and rows travel as lists
 * rather than maps, because the first import of the register is a million of these and the
 * driver's packing of map keys is a good share of the time.
 */
export async function createCompanies(tx: Tx, companies: readonly NewCompany[], sourceId: string): Promise<number> {
  const groups = new Map<string, unknown[][]>();
  for (const c of companies) {
    // This statement bypasses the write path, so it applies the write path's rule itself.
    assertStorable({ name: c.name, searchText: c.searchText, orgForm: c.orgForm, industryCode: c.industryCode, employees: c.employees, note: c.note }, c.id);
    const list = groups.get(c.kommuneId) ?? [];
    // [id, name, searchText (null when it is the name), orgnr, orgForm, industryCode, employees, publishedNr, note]
    list.push([c.id, c.name, c.searchText === c.name ? null : c.searchText, c.orgnr, c.orgForm, c.industryCode,
      c.employees === null ? null : toInteger(c.employees), c.publishedNr, c.note]);
    groups.set(c.kommuneId, list);
  }
  const rows = await tx.run<{ written: number }>(
    `UNWIND $groups AS group
     MATCH (k:Kommune {id: group[0]})
     UNWIND group[1] AS row
     CREATE (n:Entity:Company {id: row[0], key: substring(row[0], 8), name: row[1], searchText: coalesce(row[2], row[1]), orgnr: row[3],
                               orgForm: row[4], industryCode: row[5], employees: row[6], sourceIds: $sourceIds})
     CREATE (n)-[r:LOCATED_IN {publishedNr: row[7], note: row[8], sourceIds: $sourceIds}]->(k)
     RETURN count(r) AS written`,
    { groups: [...groups], sourceIds: [sourceId] },
  );
  return rows[0]?.written ?? 0;
}

/**
 * Nodes per label and relationships per type, for an import's audit entry (before and after).
 * Label and type names come from the model, never from input; each count is a count-store lookup.
 */
export async function countGraph(db: Database): Promise<Record<string, number>> {
  const parts = [
    ...NODE_LABELS.map((label) => `${label}: COUNT { MATCH (:${label}) }`),
    ...RELATIONSHIP_TYPES.map((type) => `${type}: COUNT { MATCH ()-[:${type}]->() }`),
  ];
  const rows = await db.read<{ counts: Record<string, number> }>(`RETURN {${parts.join(', ')}} AS counts`);
  return rows[0]?.counts ?? {};
}
