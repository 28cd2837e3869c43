import { PUBLIC_ACCESS, type Access } from './auth/roles.js';
import type { Database } from './db/database.js';
import { createAnalyticsLoaders, type AnalyticsLoaders } from './modules/analytics/loaders.js';
import { createEntityLoaders, type EntityLoaders } from './modules/entity/loaders.js';
import { createKommuneLoaders, type KommuneLoaders } from './modules/kommune/loaders.js';
import { createRankingLoaders, type RankingLoaders } from './modules/ranking/loaders.js';
import { createResearchLoaders, type ResearchLoaders } from './modules/research/loaders.js';

export type Loaders = EntityLoaders & KommuneLoaders & RankingLoaders & AnalyticsLoaders & ResearchLoaders;

/** Per-request state: the shared database and fresh DataLoaders (their caches must not outlive a request). */
export interface Context {
  db: Database;
  loaders: Loaders;
  /** Who asks and whether writes are on; anonymous and read-only unless a verified token says otherwise. */
  access: Access;
}

export function createContext(db: Database, access: Access = PUBLIC_ACCESS): Context {
  return {
    db,
    access,
    loaders: { ...createEntityLoaders(db), ...createKommuneLoaders(db), ...createRankingLoaders(db), ...createAnalyticsLoaders(db), ...createResearchLoaders(db) },
  };
}
