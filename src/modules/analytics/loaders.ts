import DataLoader from 'dataloader';
import type { Database } from '../../db/database.js';
import { LISTED_COLLABORATIONS, MEASURE_INDICATOR_KEYS, POPULATION_INDICATOR } from './measures.js';
import { toCooperationRecord, type CooperationRecord, type KommuneValues } from './metrics.js';
import { createStatisticsReads, type StatisticsReads } from './reads.js';
import { findCooperationCounts, findListedCollaborations, findMeasureValues } from './repository.js';

export interface AnalyticsLoaders {
  cooperation: DataLoader<string, CooperationRecord | null>;
  /** The stored values measures are read from (and the population), by kommune id. */
  measureValues: DataLoader<string, KommuneValues>;
  /** The series statistics read, once per request however many fields relate them. */
  statistics: StatisticsReads;
}

export function createAnalyticsLoaders(db: Database): AnalyticsLoaders {
  return {
    statistics: createStatisticsReads(db),
    cooperation: new DataLoader(async (ids) => {
      const byId = new Map((await findCooperationCounts(db, ids)).map((row) => [row.kommuneId, toCooperationRecord(row)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    measureValues: new DataLoader(async (ids) => {
      const byId = new Map<string, Map<string, Map<number, number>>>();
      const [stored, listed] = await Promise.all([
        findMeasureValues(db, ids, [...MEASURE_INDICATOR_KEYS, POPULATION_INDICATOR]),
        findListedCollaborations(db, ids),
      ]);
      for (const row of [...stored, ...listed.map((row) => ({ ...row, key: LISTED_COLLABORATIONS }))]) {
        const byKey = byId.get(row.kommuneId) ?? new Map<string, Map<number, number>>();
        const byYear = byKey.get(row.key) ?? new Map<number, number>();
        byYear.set(row.year, row.value);
        byKey.set(row.key, byYear);
        byId.set(row.kommuneId, byKey);
      }
      return ids.map((id) => byId.get(id) ?? new Map());
    }),
  };
}
