import type { Context } from '../../context.js';
import { countEntities, listEntities, type ListedLabel } from './listing.js';
import { toLuceneQuery } from './lucene.js';
import { emptyConnection, listKey, pageOf, toConnection, type ConnectionRecord } from './pagination.js';
import type { RawNode } from './records.js';

export interface ListArgs {
  kommune?: string | null;
  kind?: string | null;
  search?: string | null;
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** The top-level connection of one entity type, with its filters resolved and validated. */
export async function listConnection<R extends { id: string }>(
  ctx: Context,
  label: ListedLabel,
  args: ListArgs,
  how: {
    /** The listed type's own mapper. */
    map: (raw: RawNode) => R;
    /** The kommune id a `kommune` filter names (numbers of any era); refuses a number no kommune has had. */
    kommuneId: (nr: string) => Promise<string>;
  },
): Promise<ConnectionRecord<R>> {
  const page = pageOf(args, listKey(label, { kommune: args.kommune, kind: args.kind, search: args.search }), 20);
  const kommuneId = args.kommune ? await how.kommuneId(args.kommune) : null;
  const lucene = args.search ? toLuceneQuery(args.search) : null;
  if (args.search && !lucene) return emptyConnection(page);
  const filter = { kommuneId, kind: args.kind ?? null, lucene };
  const rows = await listEntities(ctx.db, label, filter, page);
  const records = rows.map((row) => ({ record: how.map(row.node), sortValue: row.sortValue }));
  const connection = toConnection(records, page, (r) => ({ sortValue: r.sortValue, id: r.record.id }),
    () => countEntities(ctx.db, label, filter));
  return { ...connection, edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.record })) };
}
