import type { Database, Params } from '../../db/database.js';
import type { RawNode } from '../common/records.js';
import { RELATIONS, type RelationName } from './relations.js';

/** Nodes by global id (entities and sources), in one round trip. */
export async function findNodesByIds(db: Database, ids: readonly string[]): Promise<RawNode[]> {
  const rows = await db.read<{ node: RawNode }>(
    `UNWIND $ids AS id
     OPTIONAL MATCH (e:Entity {id: id})
     OPTIONAL MATCH (s:Source {id: id})
     WITH coalesce(e, s) AS n WHERE n IS NOT NULL
     RETURN n{.*, labels: labels(n)} AS node`,
    { ids },
  );
  return rows.map((row) => row.node);
}

export async function findSourcesByIds(db: Database, ids: readonly string[]): Promise<RawNode[]> {
  const rows = await db.read<{ source: RawNode }>(
    'MATCH (s:Source) WHERE s.id IN $ids RETURN s{.*} AS source',
    { ids },
  );
  return rows.map((row) => row.source);
}

/** The order of a plain related list: kommuner by number, everything else by name; then id. */
const relatedOrder = (m: string) => `coalesce(${m}.nr, ${m}.name), ${m}.id`;

/**
 * A relation's pattern with its ends named `parent` and `related` instead of `n` and `m`, for
 * subqueries nested where those names are taken.
 */
export function relationPattern(relation: RelationName, parent = 'n', related = 'm'): string {
  return RELATIONS[relation].replace(/\(n\)/g, `(${parent})`).replace(/\(m([:)])/g, `(${related}$1`);
}

/**
 * A `COLLECT` subquery giving what `findRelated` gives for the parent node bound to the
 * variable `parent`, in the same order, for queries that fetch a nested list with its parent
 * and prime the `related` loader. `related` names the related node inside it.
 */
export function collectRelated(relation: RelationName, parent = 'n', related = 'm'): string {
  const m = related;
  return `COLLECT { MATCH ${relationPattern(relation, parent, m)} WITH DISTINCT ${m} ORDER BY ${relatedOrder(m)} RETURN ${m}{.*, labels: labels(${m})} }`;
}

/**
 * A `COLLECT` subquery giving the page `findRelatedPages` gives for `request` and the parent bound
 * to `n`, with its parameters named after `param`.
 */
export function collectRelatedPage(relation: RelationName, request: RelatedPageRequest, param: string): { expression: string; params: Params } {
  const [beyond, order] = request.backward ? ['<', 'DESC'] : ['>', 'ASC'];
  return {
    expression: `COLLECT { MATCH ${RELATIONS[relation]}
       WITH DISTINCT m
       WHERE $${param}.afterId IS NULL OR m.name ${beyond} $${param}.afterName OR (m.name = $${param}.afterName AND m.id ${beyond} $${param}.afterId)
       WITH m ORDER BY m.name ${order}, m.id ${order}
       LIMIT toInteger($${param}Limit)
       RETURN m{.*, labels: labels(m)} }`,
    params: { [param]: { afterName: request.afterName, afterId: request.afterId }, [`${param}Limit`]: request.limit },
  };
}

/** A `COUNT` subquery giving what `countRelated` gives for the parent bound to `n`. */
export function countRelatedExpression(relation: RelationName): string {
  return `COUNT { MATCH ${RELATIONS[relation]} RETURN DISTINCT m }`;
}

/**
 * An entity by global id with nested reads over it (expressions over `n`, see `NestedRead`), in
 * one round trip: the node and the values, in the order of `expressions` (`nested`); none when no
 * entity has the id.
 */
export async function findNodeWithNested(
  db: Database,
  id: string,
  label: string,
  expressions: readonly string[],
  params: Params,
): Promise<{ node: RawNode; nested: unknown[] } | null> {
  const rows = await db.read<{ node: RawNode; nested: unknown[] }>(
    `MATCH (n:Entity {id: $id}) WHERE $label IN labels(n)
     RETURN n{.*, labels: labels(n)} AS node, [${expressions.join(', ')}] AS nested`,
    { ...params, id, label },
  );
  return rows[0] ?? null;
}

/**
 * The nodes related to each of `ids` by one named relation, ordered by number or name.
 * One query for the whole batch: `UNWIND $ids`.
 */
export async function findRelated(
  db: Database,
  relation: RelationName,
  ids: readonly string[],
): Promise<Map<string, RawNode[]>> {
  const rows = await db.read<{ id: string; related: RawNode[] }>(
    `UNWIND $ids AS id
     MATCH (n:Entity {id: id})
     MATCH ${RELATIONS[relation]}
     WITH DISTINCT id, m
     ORDER BY ${relatedOrder('m')}
     RETURN id, collect(m{.*, labels: labels(m)}) AS related`,
    { ids },
  );
  return new Map(rows.map((row) => [row.id, row.related]));
}

/** A keyset page of the nodes related to one parent: `limit` rows after (afterName, afterId). */
export interface RelatedPageRequest {
  id: string;
  limit: number;
  afterName: string | null;
  afterId: string | null;
  /** The page before (`afterName`, `afterId`), read in reverse order (`last`/`before`). */
  backward?: boolean;
}

/**
 * A page of related nodes by (name, id) for each request, in one round trip per distinct page
 * size and direction (`LIMIT` and `ORDER BY` need values that do not vary by row; a batch almost
 * always has one). The limit sits inside the subquery, so a network with 5,800 members hands
 * over one page, not all. Backward pages come in reverse order; the connection turns them round.
 */
export async function findRelatedPages(
  db: Database,
  relation: RelationName,
  requests: readonly RelatedPageRequest[],
): Promise<RawNode[][]> {
  const pages: RawNode[][] = requests.map(() => []);
  const groups = new Map<string, number[]>();
  requests.forEach((request, index) => {
    const group = `${request.limit}/${request.backward === true}`;
    groups.set(group, [...(groups.get(group) ?? []), index]);
  });
  await Promise.all([...groups.values()].map(async (indexes) => {
    const { limit, backward } = requests[indexes[0]!]!;
    const [beyond, order] = backward ? ['<', 'DESC'] : ['>', 'ASC'];
    const rows = await db.read<{ index: number; related: RawNode[] }>(
      `UNWIND $batch AS req
       MATCH (n:Entity {id: req.id})
       CALL (n, req) {
         MATCH ${RELATIONS[relation]}
         WITH DISTINCT m
         WHERE req.afterId IS NULL OR m.name ${beyond} req.afterName OR (m.name = req.afterName AND m.id ${beyond} req.afterId)
         WITH m ORDER BY m.name ${order}, m.id ${order}
         LIMIT toInteger($limit)
         RETURN collect(m{.*, labels: labels(m)}) AS related
       }
       RETURN req.index AS index, related`,
      { batch: indexes.map((index) => ({ ...requests[index], index })), limit },
    );
    for (const row of rows) pages[row.index] = row.related;
  }));
  return pages;
}

/** How many distinct nodes each of `ids` reaches by one relation, counted in Neo4j (no node leaves it). */
export async function countRelated(db: Database, relation: RelationName, ids: readonly string[]): Promise<Map<string, number>> {
  const rows = await db.read<{ id: string; total: number }>(
    `UNWIND $ids AS id
     MATCH (n:Entity {id: id})
     RETURN id, COUNT { MATCH ${RELATIONS[relation]} RETURN DISTINCT m } AS total`,
    { ids },
  );
  return new Map(rows.map((row) => [row.id, row.total]));
}
