import DataLoader from 'dataloader';
import type { Database } from '../../db/database.js';
import { mapIndicator, mapIndicatorValue, mapRankingEntry, type IndicatorRecord, type IndicatorValueRecord, type RankingEntryRecord } from './mappers.js';
import { findIndicators, findIndicatorYears, findRankingsBySubject, findValuesByKommune } from './repository.js';

export interface RankingLoaders {
  indicator: DataLoader<string, IndicatorRecord | null>;
  indicatorYears: DataLoader<string, number[]>;
  rankingsBySubject: DataLoader<string, RankingEntryRecord[]>;
  valuesByKommune: DataLoader<string, IndicatorValueRecord[]>;
}

export function createRankingLoaders(db: Database): RankingLoaders {
  const indicator = new DataLoader<string, IndicatorRecord | null>(async (keys) => {
    const byKey = new Map((await findIndicators(db, keys)).map((raw) => [String(raw.key), mapIndicator(raw)]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
  return {
    indicator,
    indicatorYears: new DataLoader(async (keys) => {
      const years = await findIndicatorYears(db, keys);
      return keys.map((key) => years.get(key) ?? []);
    }),
    rankingsBySubject: new DataLoader(async (ids) => {
      const { entries, indicators } = await findRankingsBySubject(db, ids);
      // `RankingEntry.indicator` then resolves from the cache instead of a round trip of its own.
      for (const raw of indicators) indicator.prime(String(raw.key), mapIndicator(raw));
      return ids.map((id) => (entries.get(id) ?? []).map(mapRankingEntry));
    }),
    valuesByKommune: new DataLoader(async (ids) => {
      const values = await findValuesByKommune(db, ids);
      return ids.map((id) => (values.get(id) ?? []).map(mapIndicatorValue).filter((value) => value !== null));
    }),
  };
}
