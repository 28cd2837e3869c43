import DataLoader from 'dataloader';
import type { Database } from '../../db/database.js';
import { toCooperationRecord, type CooperationRecord } from './metrics.js';
import { findCooperationCounts } from './repository.js';

export interface AnalyticsLoaders {
  cooperation: DataLoader<string, CooperationRecord | null>;
}

export function createAnalyticsLoaders(db: Database): AnalyticsLoaders {
  return {
    cooperation: new DataLoader(async (ids) => {
      const byId = new Map((await findCooperationCounts(db, ids)).map((row) => [row.kommuneId, toCooperationRecord(row)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
