import type { Context } from '../../context.js';
import { countEntities, listEntities, type ListedLabel } from './listing.js';
import { toLuceneQuery } from './lucene.js';
import { decodeCursor, pageSize, toConnection, type ConnectionRecord } from './pagination.js';
import type { RawNode } from './records.js';

export interface ListArgs {
  kommune?: string | null;
  kind?: string | null;
  search?: string | null;
  first?: number | null;
  after?: string | null;
}

/** The top-level connection of one entity type, with its filters resolved and validated. */
export async function listConnection<R extends { id: string }>(
  ctx: Context,
  label: ListedLabel,
  args: ListArgs,
  how: {
    /** The listed type's own mapper. */
    map: (raw: RawNode) => R;
    /** The kommune id a `kommune` filter names (numbers of any era), null when none does. */
    kommuneId: (nr: string) => Promise<string | null>;
  },
): Promise<ConnectionRecord<R>> {
  const limit = pageSize(args.first, 20);
  const cursor = decodeCursor(args.after);
  const empty = toConnection<R>([], 0, (r) => ({ sortValue: null, id: r.id }), cursor, async () => 0);
  const kommuneId = args.kommune ? await how.kommuneId(args.kommune) : null;
  if (args.kommune && !kommuneId) return empty;
  const lucene = args.search ? toLuceneQuery(args.search) : null;
  if (args.search && !lucene) return empty;
  const filter = { kommuneId, kind: args.kind ?? null, lucene };
  const rows = await listEntities(ctx.db, label, filter, limit, cursor);
  const records = rows.map((row) => ({ record: how.map(row.node), sortValue: row.sortValue }));
  const connection = toConnection(records, limit, (r) => ({ sortValue: r.sortValue, id: r.record.id }), cursor,
    () => countEntities(ctx.db, label, filter));
  return { ...connection, edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.record })) };
}
