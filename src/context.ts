import type { Database } from './db/database.js';
import { createAnalyticsLoaders, type AnalyticsLoaders } from './modules/analytics/loaders.js';
import { createEntityLoaders, type EntityLoaders } from './modules/entity/loaders.js';
import { createKommuneLoaders, type KommuneLoaders } from './modules/kommune/loaders.js';
import { createRankingLoaders, type RankingLoaders } from './modules/ranking/loaders.js';

export type Loaders = EntityLoaders & KommuneLoaders & RankingLoaders & AnalyticsLoaders;

/** Per-request state: the shared database and fresh DataLoaders (their caches must not outlive a request). */
export interface Context {
  db: Database;
  loaders: Loaders;
}

export function createContext(db: Database): Context {
  return {
    db,
    loaders: { ...createEntityLoaders(db), ...createKommuneLoaders(db), ...createRankingLoaders(db), ...createAnalyticsLoaders(db) },
  };
}
