import type { Context } from '../../context.js';
import { mapNode } from '../entity/mappers.js';
import { findKommuneByAnyNr } from '../kommune/lookup.js';
import { toLuceneQuery } from '../search/lucene.js';
import { countEntities, listEntities, type ListedLabel } from './listing.js';
import { decodeCursor, pageSize, toConnection, type ConnectionRecord } from './pagination.js';
import type { ClusterRecord } from '../cluster/mappers.js';
import type { CompanyRecord } from '../company/mappers.js';
import type { EventRecord } from '../event/mappers.js';
import type { InitiativeRecord } from '../initiative/mappers.js';
import type { SchoolRecord } from '../school/mappers.js';

export interface ListArgs {
  kommune?: string | null;
  kind?: string | null;
  search?: string | null;
  first?: number | null;
  after?: string | null;
}

interface ListedRecords {
  Company: CompanyRecord;
  Cluster: ClusterRecord;
  School: SchoolRecord;
  Event: EventRecord;
  Initiative: InitiativeRecord;
}
type RecordOf<T extends ListedLabel> = ListedRecords[T];

/** The top-level connection of one entity type, with its filters resolved and validated. */
export async function listConnection<T extends ListedLabel>(
  ctx: Context,
  label: T,
  args: ListArgs,
): Promise<ConnectionRecord<RecordOf<T>>> {
  const limit = pageSize(args.first, 20);
  const cursor = decodeCursor(args.after);
  const empty = toConnection<RecordOf<T>>([], 0, (r) => ({ sortValue: null, id: r.id }), cursor, async () => 0);
  const kommune = args.kommune ? await findKommuneByAnyNr(ctx.db, args.kommune, 'kommune') : null;
  if (args.kommune && !kommune) return empty;
  const lucene = args.search ? toLuceneQuery(args.search) : null;
  if (args.search && !lucene) return empty;
  const filter = { kommuneId: kommune?.id ?? null, kind: args.kind ?? null, lucene };
  const rows = await listEntities(ctx.db, label, filter, limit, cursor);
  const records = rows.map((row) => ({ record: mapNode(row.node) as RecordOf<T>, sortValue: row.sortValue }));
  const connection = toConnection(records, limit, (r) => ({ sortValue: r.sortValue, id: r.record.id }), cursor,
    () => countEntities(ctx.db, label, filter));
  return { ...connection, edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.record })) };
}
