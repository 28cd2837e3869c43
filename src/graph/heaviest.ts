import type { Database, Tx } from '../db/database.js';
import { WEIGHT_PROPERTIES, WEIGHTED_TYPES } from './model.js';

/**
 * Each node's heaviest weighted relationships, stored: what a graph view keeps of a kommune's
 * commuting flows (its `topPartners` heaviest of its latest year) without reading all of them.
 *
 * A kommune has several hundred COMMUTES_TO of each year, in and out; a view that shows a few
 * dozen kommuner read every one of them to keep ten each, which was most of a depth-2 view's
 * work. For every node with relationships of a weighted type, one `:HeaviestPartners` node
 * (no `Entity` label: no read of the graph, search or view meets it) holds, per year, up to
 * HEAVIEST_PER_YEAR of them in the order a view ranks them (weight descending, then the other
 * end's id, then the relationship's element id), as parallel lists: `years`, `weights`,
 * `partners` (the other end's id) and `rels` (element ids).
 *
 * **Never silently stale.** A store is used only while
 * - its `degree` equals the node's current number of relationships of the type, which any writer
 *   that adds or removes one changes (a kommune deleted with its flows changes its partners'),
 *   and the read checks in constant time;
 * - the one write path has not dropped it: `writeRelationships` drops the stores of both ends of
 *   every weighted relationship it writes, since a new weight keeps the degree.
 * Otherwise the view reads the node's relationships live, as it did before. What the stores
 * cannot see is a weight changed by Cypher typed by hand; `npm run analyze` rebuilds them all.
 *
 * A node whose relationships of the type are not all rankable (a missing weight or year, a
 * relationship to itself or to a node that is not an entity) gets no store: its view reads live.
 */

/** The label of the stores. */
export const HEAVIEST_LABEL = 'HeaviestPartners';

/** Relationships kept per node, type and year: a view's `topPartners` up to this is answered from the store. */
export const HEAVIEST_PER_YEAR = 100;

/** Cypher for the current number of relationships of the store bound to `v`'s type at the node bound to `a` (a degree read, constant time). */
export function storedDegreeMatches(v: string, a: string): string {
  if (WEIGHTED_TYPES.length === 0) return 'false';
  const cases = WEIGHTED_TYPES.map((type) => `WHEN '${type}' THEN COUNT { (${a})-[:${type}]-() }`).join(' ');
  return `${v}.degree = CASE ${v}.type ${cases} ELSE -1 END`;
}

/** Nodes per statement when building the stores: a kommune's rows are a few hundred. */
const BATCH = 32;

/**
 * Builds every node's stores anew (after seeding and `npm run analyze`). Returns how
 * many stores were written.
 */
export async function refreshHeaviestPartners(db: Database): Promise<number> {
  let stored = 0;
  for (const type of WEIGHTED_TYPES) {
    // From the relationships (a type scan), not from every entity: the flows do not grow with the companies.
    const ids = (await db.read<{ id: string }>(
      `MATCH ()-[r:${type}]->() UNWIND [startNode(r), endNode(r)] AS a WITH DISTINCT a WHERE a:Entity RETURN a.id AS id ORDER BY id`,
    )).map((row) => row.id);
    await db.write(`MATCH (v:${HEAVIEST_LABEL} {type: $type}) WHERE NOT v.node IN $ids DELETE v`, { type, ids });
    for (let start = 0; start < ids.length; start += BATCH) {
      const rows = await db.write<{ stored: number }>(
        `UNWIND $ids AS id
         MATCH (a:Entity {id: id})
         CALL (a) {
           MATCH (a)-[r:${type}]-(b)
           WITH r, b, toFloat(r.${WEIGHT_PROPERTIES[type]}) AS w
           ORDER BY r.year, w DESC, b.id, elementId(r)
           RETURN count(r) AS degree,
                  count(CASE WHEN w IS NULL OR r.year IS NULL OR r.years IS NOT NULL OR b = a OR NOT b:Entity THEN 1 END) AS unrankable,
                  collect([r.year, w, b.id, elementId(r)]) AS ranked
         }
         OPTIONAL MATCH (old:${HEAVIEST_LABEL} {node: a.id, type: $type})
         DELETE old
         WITH DISTINCT a, degree, unrankable, ranked
         WHERE unrankable = 0
         WITH a, degree, [i IN range(0, size(ranked) - 1) WHERE i < toInteger($perYear) OR ranked[i][0] <> ranked[i - toInteger($perYear)][0] | ranked[i]] AS kept
         CREATE (:${HEAVIEST_LABEL} {
           node: a.id, type: $type, degree: degree,
           years: [x IN kept | x[0]], weights: [x IN kept | x[1]], partners: [x IN kept | x[2]], rels: [x IN kept | x[3]]
         })
         RETURN count(*) AS stored`,
        { ids: ids.slice(start, start + BATCH), type, perYear: HEAVIEST_PER_YEAR },
      );
      stored += rows[0]?.stored ?? 0;
    }
  }
  return stored;
}

/** Drops the stores of the nodes given (both ends of weighted relationships a writer wrote), in the writer's transaction. */
export async function dropHeaviestPartners(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.run(`MATCH (v:${HEAVIEST_LABEL}) WHERE v.node IN $ids DELETE v`, { ids: [...new Set(ids)] });
}
