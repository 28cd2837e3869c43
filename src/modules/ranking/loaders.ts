import DataLoader from 'dataloader';
import type { Database } from '../../db/database.js';
import { mapIndicator, mapIndicatorValue, mapRankingEntry, type IndicatorRecord, type IndicatorValueRecord, type RankingEntryRecord } from './mappers.js';
import { propertiesKey } from '../common/projection.js';
import { findIndicators, findIndicatorYears, findRankingsBySubject, findValuesByKommune } from './repository.js';

/** A kommune's or fylke's rankings read with the entry properties a selection asks (null: every one). */
export interface SubjectRankingsKey {
  subjectId: string;
  properties: readonly string[] | null;
}

export interface RankingLoaders {
  indicator: DataLoader<string, IndicatorRecord | null>;
  indicatorYears: DataLoader<string, number[]>;
  /**
   * Keyed by subject and property set: entries read with some properties answer only the fields
   * they were read for, so a selection that asks others gets its own read.
   */
  rankingsBySubject: DataLoader<SubjectRankingsKey, RankingEntryRecord[], string>;
  valuesByKommune: DataLoader<string, IndicatorValueRecord[]>;
}

export function subjectRankingsKey(key: SubjectRankingsKey): string {
  return `${key.subjectId}\n${propertiesKey(key.properties)}`;
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
    // One statement per property set of the batch (nearly always one).
    rankingsBySubject: new DataLoader(async (keys) => {
      const bySet = new Map<string, SubjectRankingsKey[]>();
      for (const key of keys) {
        const set = propertiesKey(key.properties);
        bySet.set(set, [...(bySet.get(set) ?? []), key]);
      }
      const answers = new Map<string, RankingEntryRecord[]>();
      await Promise.all([...bySet.values()].map(async (group) => {
        const { entries, indicators } = await findRankingsBySubject(db, [...new Set(group.map((key) => key.subjectId))], group[0]!.properties);
        // `RankingEntry.indicator` then resolves from the cache instead of a round trip of its own.
        for (const raw of indicators) indicator.prime(String(raw.key), mapIndicator(raw));
        for (const key of group) answers.set(subjectRankingsKey(key), (entries.get(key.subjectId) ?? []).map(mapRankingEntry));
      }));
      return keys.map((key) => answers.get(subjectRankingsKey(key)) ?? []);
    }, { cacheKeyFn: subjectRankingsKey }),
    valuesByKommune: new DataLoader(async (ids) => {
      const values = await findValuesByKommune(db, ids);
      return ids.map((id) => (values.get(id) ?? []).map(mapIndicatorValue).filter((value) => value !== null));
    }),
  };
}
