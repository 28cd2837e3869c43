import os from 'node:os';
import type { LoadResult } from './load.js';
import type { Target } from './options.js';

/** The targets; ratios are read from one run, side by side. */
export const TARGETS_SET = {
  rpsVersusPeer: 1.0,
  rpsVersusPeerAim: 1.5,
  p50VersusFloor: 1.5,
  correlationP50Ms: 100,
  graphP50Ms: 50,
  rssMb: 250,
} as const;

export interface QueryResult {
  name: string;
  description: string;
  ours?: LoadResult & { bytes: number };
  uncached?: LoadResult & { bytes: number };
  floor?: LoadResult & { bytes: number };
  peer?: LoadResult & { bytes: number };
  /** ours rps / peer rps (higher is better for ours). */
  ours_vs_peer_rps: number | null;
  /** ours p50 / floor p50 (lower is better for ours). */
  ours_vs_floor_p50: number | null;
  /** The same two ratios with the response cache off: what the engine costs on every request. */
  uncached_vs_peer_rps: number | null;
  uncached_vs_floor_p50: number | null;
  floor_matches_ours: boolean | null;
  notes: string[];
  missed: string[];
}

export function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpu_model: cpus[0]?.model ?? 'unknown',
    memory_gb: Math.round(os.totalmem() / 1e9),
    platform: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    load_average_at_start: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined || b === 0 ? null : Math.round((a / b) * 100) / 100;

/** Ratios and the targets a query misses. */
export function assess(result: Omit<QueryResult, 'ours_vs_peer_rps' | 'ours_vs_floor_p50' | 'uncached_vs_peer_rps' | 'uncached_vs_floor_p50' | 'missed'>): QueryResult {
  const { ours, uncached, floor, peer } = result;
  const oursVsPeer = ratio(ours?.rps, peer?.rps);
  const oursVsFloor = ratio(ours?.p50_ms, floor?.p50_ms);
  const missed: string[] = [];
  if (oursVsPeer !== null && oursVsPeer < TARGETS_SET.rpsVersusPeer) missed.push(`throughput ${oursVsPeer}× the peer's (target ≥ ${TARGETS_SET.rpsVersusPeer}×)`);
  if (oursVsFloor !== null && oursVsFloor > TARGETS_SET.p50VersusFloor) missed.push(`p50 ${oursVsFloor}× the floor's (target ≤ ${TARGETS_SET.p50VersusFloor}×)`);
  if (ours && result.name === 'correlation' && ours.p50_ms > TARGETS_SET.correlationP50Ms) missed.push(`p50 ${ours.p50_ms} ms (target ≤ ${TARGETS_SET.correlationP50Ms} ms)`);
  if (ours && result.name === 'graph-depth-2' && ours.p50_ms > TARGETS_SET.graphP50Ms) missed.push(`p50 ${ours.p50_ms} ms (target ≤ ${TARGETS_SET.graphP50Ms} ms)`);
  if (ours && ours.errors > 0) missed.push(`${ours.errors} errors of ${ours.requests} requests (target 0)`);
  if (ours && ours.rss_mb > TARGETS_SET.rssMb) missed.push(`RSS ${ours.rss_mb} MB (target ≤ ${TARGETS_SET.rssMb} MB)`);
  return {
    ...result,
    ours_vs_peer_rps: oursVsPeer,
    ours_vs_floor_p50: oursVsFloor,
    uncached_vs_peer_rps: ratio(uncached?.rps, peer?.rps),
    uncached_vs_floor_p50: ratio(uncached?.p50_ms, floor?.p50_ms),
    missed,
  };
}

const cell = (result: LoadResult | undefined, key: 'p50_ms' | 'p99_ms' | 'rps' | 'errors') => (result ? String(result[key]) : '–');

/** The summary table, as Markdown (it reads fine in a terminal too). */
export function markdownTable(queries: readonly QueryResult[], targets: readonly Target[]): string {
  const errorsHeader = `errors ${targets.map((t) => t[0]).join('/')}`;
  const header = ['query', ...targets.map((t) => `${t} p50 ms`), ...targets.map((t) => `${t} p99 ms`), ...targets.map((t) => `${t} req/s`),
    'ours/peer req/s', 'ours/floor p50', 'uncached/peer req/s', 'uncached/floor p50', errorsHeader];
  const times = (value: number | null) => (value === null ? '–' : `${value}×`);
  const rows = queries.map((q) => [
    q.name,
    ...targets.map((t) => cell(q[t], 'p50_ms')),
    ...targets.map((t) => cell(q[t], 'p99_ms')),
    ...targets.map((t) => cell(q[t], 'rps')),
    times(q.ours_vs_peer_rps),
    times(q.ours_vs_floor_p50),
    times(q.uncached_vs_peer_rps),
    times(q.uncached_vs_floor_p50),
    targets.map((t) => cell(q[t], 'errors')).join('/'),
  ]);
  return [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}
