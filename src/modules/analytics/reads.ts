import DataLoader from 'dataloader';
import type { Database } from '../../db/database.js';
import { mapIndicator, type IndicatorRecord } from '../ranking/mappers.js';
import { findIndicators } from '../ranking/repository.js';
import { countSeriesMany } from './countStore.js';
import {
  findKommuneScope, findListedCollaborationSeries, findNearestYearSeriesMany, findNetworkSeries,
  type CountName, type NearestYearRequest, type NearestYearSeries,
} from './repository.js';

/**
 * The reads statistics are computed from, shared by everything one request asks: a screening
 * or a profile relates dozens of series, and each is read once. Reads asked in the same tick
 * go out as one statement (indicators, nearest-year series, stored counts), so the number of
 * round trips follows the waves of a computation, not the number of series in it.
 */
export interface StatisticsReads {
  readonly db: Database;
  /** An indicator by key; null when none has it. */
  indicator(key: string): Promise<IndicatorRecord | null>;
  /** Every indicator, by key. */
  indicators(): Promise<IndicatorRecord[]>;
  nearestYearSeries(key: string, year: number, exactYear: number | null, fylkeNr: string | null): Promise<NearestYearSeries>;
  scope(fylkeNr: string | null): Promise<{ kommuneId: string; curated: boolean }[]>;
  countSeries(measure: CountName): Promise<{ kommuneId: string; population: number | null; value: number | null }[]>;
  listedCollaborationSeries(year: number): Promise<{ kommuneId: string; population: number | null; value: number }[]>;
  networkSeries(property: 'pageRank' | 'betweenness'): Promise<{ kommuneId: string; value: number | null }[]>;
}

/** Caches a promise per key for the life of the reads. */
function memo<K, T>(load: (key: K) => Promise<T>, keyOf: (key: K) => string = String): (key: K) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (key) => {
    const id = keyOf(key);
    let found = cache.get(id);
    if (!found) cache.set(id, (found = load(key)));
    return found;
  };
}

export function createStatisticsReads(db: Database): StatisticsReads {
  const indicators = memo(async () => (await findIndicators(db, null)).map(mapIndicator));
  const indicator = new DataLoader<string, IndicatorRecord | null>(async (keys) => {
    const byKey = new Map((await findIndicators(db, keys)).map((raw) => [String(raw.key), mapIndicator(raw)]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
  const nearest = new DataLoader<NearestYearRequest, NearestYearSeries, string>(
    (requests) => findNearestYearSeriesMany(db, requests),
    { cacheKeyFn: (request) => JSON.stringify([request.key, request.year, request.exactYear, request.fylkeNr]) },
  );
  const counts = new DataLoader<CountName, Awaited<ReturnType<StatisticsReads['countSeries']>>>(async (measures) => {
    const byMeasure = await countSeriesMany(db, measures);
    return measures.map((measure) => byMeasure.get(measure)!);
  });
  const network = memo(() => findNetworkSeries(db));
  return {
    db,
    indicator: (key) => indicator.load(key),
    indicators: () => indicators(undefined),
    nearestYearSeries: (key, year, exactYear, fylkeNr) => nearest.load({ key, year, exactYear, fylkeNr }),
    scope: memo((fylkeNr: string | null) => findKommuneScope(db, fylkeNr), (fylkeNr) => fylkeNr ?? ''),
    countSeries: (measure) => counts.load(measure),
    listedCollaborationSeries: memo((year: number) => findListedCollaborationSeries(db, year)),
    networkSeries: async (property) => (await network(undefined)).map((row) => ({ kommuneId: row.kommuneId, value: row[property] })),
  };
}
