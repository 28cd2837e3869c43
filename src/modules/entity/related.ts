import type { Context } from '../../context.js';
import type { EntityTypeName } from '../common/records.js';
import { isEntityType, type SourceRecord } from './mappers.js';
import type { RelationName } from './relations.js';

/** The record of any node, as the request's loaders map it (the node registry's record type). */
type AnyRecord = NonNullable<Awaited<ReturnType<Context['loaders']['node']['load']>>>;
type RecordOf<T extends EntityTypeName> = Extract<AnyRecord, { type: T }>;
type EntityRecord = Exclude<AnyRecord, { type: 'Source' | 'RankingEntry' }>;

/** The sources behind a node or relationship, in the order the ids are stored. */
export async function sourcesOf(ctx: Context, ids: readonly string[]): Promise<SourceRecord[]> {
  const loaded = await ctx.loaders.source.loadMany(ids);
  return loaded.filter((source): source is SourceRecord => source !== null && !(source instanceof Error));
}

/** Related nodes of one type along a named relation (batched per request). */
export async function relatedOf<T extends EntityTypeName>(
  ctx: Context,
  relation: RelationName,
  id: string,
  type: T,
): Promise<RecordOf<T>[]> {
  const related = await ctx.loaders.related(relation).load(id);
  return related.filter((record): record is RecordOf<T> => record.type === type);
}

/** Related entities of any type along a named relation. */
export async function relatedEntities(ctx: Context, relation: RelationName, id: string): Promise<EntityRecord[]> {
  return (await ctx.loaders.related(relation).load(id)).filter((record): record is EntityRecord => isEntityType(record.type));
}

export async function firstRelatedOf<T extends EntityTypeName>(
  ctx: Context,
  relation: RelationName,
  id: string,
  type: T,
): Promise<RecordOf<T> | null> {
  return (await relatedOf(ctx, relation, id, type))[0] ?? null;
}
