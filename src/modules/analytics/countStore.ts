import { createHash } from 'node:crypto';
import type { Database } from '../../db/database.js';
import { logger } from '../../logger.js';
import {
  COUNT_NAMES, findCooperationCounts, findCountSeries, findCountsState, storeCountSeries, type CountName, type CountsState, type StoredSeries,
} from './repository.js';

/**
 * Stored cooperation counts, never silently stale.
 *
 * Counting live costs a walk over every company at national scale (all LOCATED_IN
 * relationships for `companies`, pairs through shared networks for `schoolIndustryLinks`), so
 * each count is stored per kommune as a series (`:CooperationSeries`) together with a stamp of
 * the graph state it was computed from. A read takes the stored series only when the stamp
 * still matches the graph; otherwise it counts live, answers from that, and stores the result
 * under the stamp it read before counting (a write committed while counting changes the stamp,
 * so the next read counts again rather than trust it).
 *
 * The stamp covers every way the counts can change:
 * - every mutation of the API (upsert, link, unlink, delete, ranking import) writes audit
 *   entries in its own transaction, so their number and the newest of them move with each
 *   change it commits;
 * - writers that keep no audit trail (seeding, file imports, Cypher typed by hand) add or
 *   remove relationships, which moves the relationship total;
 * - the one change such writers make that keeps that total (an import moving a company to
 *   another kommune) moves the LOCATED_IN degree of both kommuner;
 * - a kommune added or removed changes the kommune list.
 * All of it is read from the count store and relationship-group degrees: a few milliseconds at
 * any size. What it cannot see is a hand-written change outside the API that swaps
 * relationships one for one without a trace; `npm run analyze` recomputes every series.
 *
 * The analyze job (after seeding, after imports, `npm run analyze`) stores all nine counts; a
 * series gone stale by a later write is recomputed by the first correlation that needs it.
 */

interface CountSeriesRow {
  kommuneId: string;
  population: number | null;
  value: number | null;
}

function stampOf(state: CountsState): string {
  const located = state.kommuner.map((k) => [k.kommuneId, k.located]);
  return createHash('sha256').update(JSON.stringify([state.audits, state.lastAudit, state.relationships, located])).digest('base64url');
}

/**
 * Recomputations in flight, per database (not per request's view of it), so concurrent requests
 * that find a series stale count it once.
 */
const pending = new WeakMap<object, Map<string, Promise<CountSeriesRow[]>>>();

/** One count for every kommune (by number): the stored series when current, else counted live and stored. */
export async function countSeries(db: Database, measure: CountName): Promise<CountSeriesRow[]> {
  return (await countSeriesMany(db, [measure])).get(measure)!;
}

/** Several counts for every kommune, checked against one read of the graph state: what a screening or profile needs. */
export async function countSeriesMany(db: Database, measures: readonly CountName[]): Promise<Map<CountName, CountSeriesRow[]>> {
  return countSeriesOfState(db, measures, await findCountsState(db, measures));
}

/** `countSeriesMany` from a state already read (`findCountsState`, or a statistic's wave that read it): counts live only what is stale. */
export async function countSeriesOfState(
  db: Database, measures: readonly CountName[], { state, stored }: { state: CountsState; stored: readonly StoredSeries[] },
): Promise<Map<CountName, CountSeriesRow[]>> {
  const stamp = stampOf(state);
  const answers = await Promise.all(measures.map((measure) => {
    const current = stored.find((series) => series.measure === measure && series.stamp === stamp);
    if (current) {
      const byId = new Map(current.kommuneIds.map((id, i) => [id, current.values[i] ?? null]));
      // The stamp covers the kommune list, so every kommune has a value; the fallback is for safety.
      if (state.kommuner.every((k) => byId.has(k.kommuneId))) {
        return state.kommuner.map((k) => ({ kommuneId: k.kommuneId, population: k.population, value: byId.get(k.kommuneId) ?? null }));
      }
    }
    return countLive(db, measure, stamp);
  }));
  return new Map(measures.map((measure, i) => [measure, answers[i]!]));
}

function countLive(db: Database, measure: CountName, stamp: string): Promise<CountSeriesRow[]> {
  let byKey = pending.get(db.identity);
  if (!byKey) pending.set(db.identity, (byKey = new Map()));
  const key = `${measure}|${stamp}`;
  let counting = byKey.get(key);
  if (!counting) {
    counting = countAndStore(db, measure, stamp).finally(() => byKey.delete(key));
    byKey.set(key, counting);
  }
  return counting;
}

async function countAndStore(db: Database, measure: CountName, stamp: string): Promise<CountSeriesRow[]> {
  const rows = await findCountSeries(db, measure);
  try {
    await storeCountSeries(db, stamp, [{
      measure,
      kommuneIds: rows.map((row) => row.kommuneId),
      values: rows.map((row) => row.value ?? 0),
    }], new Date().toISOString());
  } catch (error) {
    // The answer stands without the copy (a read-only user, a busy database): the next request counts again.
    logger.warn({ err: error, measure }, 'could not store a cooperation count series');
  }
  return rows;
}

/** Kommuner per round trip in the analyze job: the pair counts of a large kommune are heavy. */
const BATCH = 16;

/** Recomputes and stores all nine count series (the analyze job). Returns how many kommuner were counted. */
export async function refreshStoredCounts(db: Database): Promise<number> {
  // The stamp is read before counting, so a write committed meanwhile makes the result stale, never wrong.
  const { state } = await findCountsState(db, []);
  const ids = state.kommuner.map((k) => k.kommuneId);
  const byId = new Map<string, Record<CountName, number>>();
  for (let start = 0; start < ids.length; start += BATCH) {
    for (const row of await findCooperationCounts(db, ids.slice(start, start + BATCH))) byId.set(row.kommuneId, row);
  }
  const present = ids.filter((id) => byId.has(id));
  await storeCountSeries(db, stampOf(state), COUNT_NAMES.map((measure) => ({
    measure,
    kommuneIds: present,
    values: present.map((id) => byId.get(id)![measure]),
  })), new Date().toISOString());
  return present.length;
}
