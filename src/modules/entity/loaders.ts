import DataLoader from 'dataloader';
import type { Database } from '../../db/database.js';
import { mapNode, mapSource, type AnyRecord, type SourceRecord } from './mappers.js';
import type { RelationName } from './relations.js';
import { findNodesByIds, findRelated, findSourcesByIds } from './repository.js';

export interface EntityLoaders {
  node: DataLoader<string, AnyRecord | null>;
  source: DataLoader<string, SourceRecord | null>;
  /** One loader per relation, created on first use. */
  related: (relation: RelationName) => DataLoader<string, AnyRecord[]>;
}

export function createEntityLoaders(db: Database): EntityLoaders {
  const relatedLoaders = new Map<RelationName, DataLoader<string, AnyRecord[]>>();
  return {
    node: new DataLoader(async (ids) => {
      const byId = new Map((await findNodesByIds(db, ids)).map((raw) => [raw.id, mapNode(raw)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    source: new DataLoader(async (ids) => {
      const byId = new Map((await findSourcesByIds(db, ids)).map((raw) => [raw.id, mapSource(raw)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    related: (relation) => {
      let loader = relatedLoaders.get(relation);
      if (!loader) {
        loader = new DataLoader(async (ids) => {
          const byId = await findRelated(db, relation, ids);
          return ids.map((id) => (byId.get(id) ?? []).map(mapNode));
        });
        relatedLoaders.set(relation, loader);
      }
      return loader;
    },
  };
}
