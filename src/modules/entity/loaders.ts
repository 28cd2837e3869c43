import DataLoader from 'dataloader';
import type { Database } from '../../db/database.js';
import type { RawNode } from '../common/records.js';
import { mapSource, type SourceRecord } from './mappers.js';
import type { RelationName } from './relations.js';
import { countRelated, findNodesByIds, findRelated, findRelatedPages, findSourcesByIds, type RelatedPageRequest } from './repository.js';

/**
 * Loaders of nodes by id and along relations. They serve every domain, so they know no domain's
 * records: the request context hands them the node registry's `mapNode`, and `R` is its record.
 */
export interface EntityLoaders<R> {
  node: DataLoader<string, R | null>;
  source: DataLoader<string, SourceRecord | null>;
  /** One loader per relation, created on first use. */
  related: (relation: RelationName) => DataLoader<string, R[]>;
  /** One page (by name, id) of a relation, keyed by the request; for lists too long to load whole. */
  relatedPage: (relation: RelationName) => DataLoader<RelatedPageRequest, R[], string>;
  /** Number of distinct related nodes, counted without loading them. */
  relatedCount: (relation: RelationName) => DataLoader<string, number>;
}

/** A DataLoader per relation, created on first use and kept for the request. */
function perRelation<L>(create: (relation: RelationName) => L): (relation: RelationName) => L {
  const loaders = new Map<RelationName, L>();
  return (relation) => {
    let loader = loaders.get(relation);
    if (!loader) {
      loader = create(relation);
      loaders.set(relation, loader);
    }
    return loader;
  };
}

export function createEntityLoaders<R>(db: Database, mapNode: (raw: RawNode) => R): EntityLoaders<R> {
  return {
    node: new DataLoader(async (ids) => {
      const byId = new Map((await findNodesByIds(db, ids)).map((raw) => [raw.id, mapNode(raw)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    source: new DataLoader(async (ids) => {
      const byId = new Map((await findSourcesByIds(db, ids)).map((raw) => [raw.id, mapSource(raw)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    related: perRelation((relation) => new DataLoader<string, R[]>(async (ids) => {
      const byId = await findRelated(db, relation, ids);
      return ids.map((id) => (byId.get(id) ?? []).map(mapNode));
    })),
    relatedPage: perRelation((relation) => new DataLoader<RelatedPageRequest, R[], string>(
      async (requests) => (await findRelatedPages(db, relation, requests)).map((page) => page.map(mapNode)),
      { cacheKeyFn: (request) => JSON.stringify([request.id, request.limit, request.afterName, request.afterId, request.backward === true]) },
    )),
    relatedCount: perRelation((relation) => new DataLoader(async (ids) => {
      const totals = await countRelated(db, relation, ids);
      return ids.map((id) => totals.get(id) ?? 0);
    })),
  };
}
