import { PUBLIC_ACCESS, type Access } from './auth/roles.js';
import type { Database } from './db/database.js';
import { createAnalyticsLoaders, type AnalyticsLoaders } from './modules/analytics/loaders.js';
import { createEntityLoaders, type EntityLoaders } from './modules/entity/loaders.js';
import { type AnyRecord, mapNode } from './modules/node/mappers.js';
import { nestedReadsFor } from './modules/node/lookahead.js';
import type { NestedRead } from './modules/entity/lookahead.js';
import type { EntityTypeName } from './modules/common/records.js';
import type { GraphQLResolveInfo } from 'graphql';
import { createKommuneLoaders, type KommuneLoaders } from './modules/kommune/loaders.js';
import { createRankingLoaders, type RankingLoaders } from './modules/ranking/loaders.js';
import { createResearchLoaders, type ResearchLoaders } from './modules/research/loaders.js';

export type Loaders = EntityLoaders<AnyRecord> & KommuneLoaders & RankingLoaders & AnalyticsLoaders & ResearchLoaders;

/** Per-request state: the shared database and fresh DataLoaders (their caches must not outlive a request). */
export interface Context {
  db: Database;
  loaders: Loaders;
  /** Who asks and whether writes are on; anonymous and read-only unless a verified token says otherwise. */
  access: Access;
  /**
   * The nested reads a lookup of the node `id` of `type` runs in its own statement, planned from
   * what the client selected under the field being resolved (see `planNestedReads`).
   */
  lookahead: (info: GraphQLResolveInfo, type: EntityTypeName, id: string) => NestedRead[];
}

export function createContext(db: Database, access: Access = PUBLIC_ACCESS): Context {
  const loaders: Loaders = { ...createEntityLoaders(db, mapNode), ...createKommuneLoaders(db), ...createRankingLoaders(db), ...createAnalyticsLoaders(db), ...createResearchLoaders(db) };
  return { db, access, loaders, lookahead: (info, type, id) => nestedReadsFor(loaders, info, type, id) };
}
