import DataLoader from 'dataloader';
import type { Database } from '../../db/database.js';
import { mapIndicator, type IndicatorRecord } from '../ranking/mappers.js';
import { countSeriesOfState } from './countStore.js';
import {
  findStatisticsWave, type CountName, type ListedCollaborationRow, type NearestYearRequest, type NearestYearSeries, type NetworkRow,
} from './repository.js';

/**
 * The reads statistics are computed from, shared by everything one request asks: a screening
 * or a profile relates dozens of series, and each is read once. Reads asked in the same tick
 * (indicators, nearest-year series, kommune scopes, stored counts) go out as one statement, so
 * the number of round trips follows the waves of a computation, not the number of series in it.
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

/** One read of a wave: what `findStatisticsWave` answers in one statement. */
type WaveAsk =
  | { kind: 'indicator'; key: string }
  | { kind: 'indicators' }
  | { kind: 'series'; request: NearestYearRequest }
  | { kind: 'scope'; fylkeNr: string | null }
  | { kind: 'count'; measure: CountName }
  | { kind: 'listed'; year: number }
  | { kind: 'network' };

function keyOfAsk(ask: WaveAsk): string {
  switch (ask.kind) {
    case 'indicator': return JSON.stringify([ask.kind, ask.key]);
    case 'indicators': return ask.kind;
    case 'series': return JSON.stringify([ask.kind, ask.request.key, ask.request.year, ask.request.exactYear, ask.request.fylkeNr]);
    case 'scope': return JSON.stringify([ask.kind, ask.fylkeNr]);
    case 'count': return JSON.stringify([ask.kind, ask.measure]);
    case 'listed': return JSON.stringify([ask.kind, ask.year]);
    case 'network': return ask.kind;
  }
}

/** Answers every read asked in one tick with one statement (and live counts only for stale stored counts). */
async function readWave(db: Database, asks: readonly WaveAsk[]): Promise<unknown[]> {
  const pick = <K extends WaveAsk['kind']>(kind: K) => asks.filter((ask): ask is Extract<WaveAsk, { kind: K }> => ask.kind === kind);
  const series = pick('series').map((ask) => ask.request);
  const scopes = [...new Set(pick('scope').map((ask) => ask.fylkeNr))];
  const counts = [...new Set(pick('count').map((ask) => ask.measure))];
  const listedYears = [...new Set(pick('listed').map((ask) => ask.year))];
  const answer = await findStatisticsWave(db, {
    indicatorKeys: [...new Set(pick('indicator').map((ask) => ask.key))],
    allIndicators: pick('indicators').length > 0,
    series,
    scopes,
    counts: counts.length > 0 ? counts : null,
    listedYears,
    network: pick('network').length > 0,
  });
  const indicators = answer.indicators.map(mapIndicator);
  const byKey = new Map(indicators.map((indicator) => [indicator.key, indicator]));
  const countSeries = answer.counts ? await countSeriesOfState(db, counts, answer.counts) : new Map();
  let seriesIndex = 0;
  return asks.map((ask) => {
    switch (ask.kind) {
      case 'indicator': return byKey.get(ask.key) ?? null;
      case 'indicators': return indicators;
      case 'series': return answer.series[seriesIndex++]!;
      case 'scope': return answer.scopes[scopes.indexOf(ask.fylkeNr)]!;
      case 'count': return countSeries.get(ask.measure)!;
      case 'listed': return answer.listed[listedYears.indexOf(ask.year)]!;
      case 'network': return answer.network!;
    }
  });
}

export function createStatisticsReads(db: Database): StatisticsReads {
  const wave = new DataLoader<WaveAsk, unknown, string>((asks) => readWave(db, asks), { cacheKeyFn: keyOfAsk });
  return {
    db,
    indicator: (key) => wave.load({ kind: 'indicator', key }) as Promise<IndicatorRecord | null>,
    indicators: () => wave.load({ kind: 'indicators' }) as Promise<IndicatorRecord[]>,
    nearestYearSeries: (key, year, exactYear, fylkeNr) => wave.load({ kind: 'series', request: { key, year, exactYear, fylkeNr } }) as Promise<NearestYearSeries>,
    scope: (fylkeNr) => wave.load({ kind: 'scope', fylkeNr }) as Promise<{ kommuneId: string; curated: boolean }[]>,
    countSeries: (measure) => wave.load({ kind: 'count', measure }) as ReturnType<StatisticsReads['countSeries']>,
    listedCollaborationSeries: (year) => wave.load({ kind: 'listed', year }) as Promise<ListedCollaborationRow[]>,
    networkSeries: async (property) => ((await wave.load({ kind: 'network' })) as NetworkRow[]).map((row) => ({ kommuneId: row.kommuneId, value: row[property] })),
  };
}
