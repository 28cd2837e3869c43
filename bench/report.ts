import os from 'node:os';
import type { LoadResult } from './load.js';
import type { Target } from './options.js';

/**
 * The targets, judged on the engine with the response cache off (uncached); ratios
 * are read from one run, side by side.
 */
export const TARGETS_SET = {
  rpsVersusPeer: 1.5,
  p50VersusFloor: 1.25,
  correlationP50Ms: 50,
  graphP50Ms: 50,
  rssMb: 250,
} as const;

type Measured = LoadResult & { bytes: number };

/** p50, p99 and throughput of one query at one size (the growth series). */
export interface SizePoint {
  companies: number;
  targets: Partial<Record<Target, { p50_ms: number; p99_ms: number; rps: number; errors: number; statements_per_request: number | null; cpu_ms_per_request: number | null }>>;
}

export interface QueryResult {
  name: string;
  description: string;
  ours?: Measured;
  uncached?: Measured;
  floor?: Measured;
  peer?: Measured;
  /** ours rps / peer rps (higher is better for ours). */
  ours_vs_peer_rps: number | null;
  /** ours p50 / floor p50 (lower is better for ours). */
  ours_vs_floor_p50: number | null;
  /** The same two ratios with the response cache off: what the engine costs on every request. */
  uncached_vs_peer_rps: number | null;
  uncached_vs_floor_p50: number | null;
  floor_matches_ours: boolean | null;
  /** How the requests vary, the first drawn parameter sets and how many distinct ones the sequence holds. */
  parameter_set: { varies: string; distinct: number; sequence: number; first: Record<string, unknown>[] };
  /** Share of ours' answers served by the response cache on the measured sequence. */
  cache_hit_rate: number | null;
  /** Filled by a --sizes run. */
  size_series: SizePoint[] | null;
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

/** Ratios and the targets a query misses, judged on uncached. */
export function assess(result: Omit<QueryResult, 'ours_vs_peer_rps' | 'ours_vs_floor_p50' | 'uncached_vs_peer_rps' | 'uncached_vs_floor_p50' | 'missed' | 'cache_hit_rate'>): QueryResult {
  const { ours, uncached, floor, peer } = result;
  const uncachedVsPeer = ratio(uncached?.rps, peer?.rps);
  const uncachedVsFloor = ratio(uncached?.p50_ms, floor?.p50_ms);
  const missed: string[] = [];
  if (uncachedVsPeer !== null && uncachedVsPeer < TARGETS_SET.rpsVersusPeer) missed.push(`uncached throughput ${uncachedVsPeer}× the peer's (target ≥ ${TARGETS_SET.rpsVersusPeer}×)`);
  if (uncachedVsFloor !== null && uncachedVsFloor > TARGETS_SET.p50VersusFloor) missed.push(`uncached p50 ${uncachedVsFloor}× the floor's (target ≤ ${TARGETS_SET.p50VersusFloor}×)`);
  if (uncached && result.name === 'correlation' && uncached.p50_ms > TARGETS_SET.correlationP50Ms) missed.push(`uncached p50 ${uncached.p50_ms} ms (target ≤ ${TARGETS_SET.correlationP50Ms} ms)`);
  if (uncached && result.name === 'graph-depth-2' && uncached.p50_ms > TARGETS_SET.graphP50Ms) missed.push(`uncached p50 ${uncached.p50_ms} ms (target ≤ ${TARGETS_SET.graphP50Ms} ms)`);
  for (const [target, measured] of Object.entries({ ours, uncached, floor, peer })) {
    if (measured && measured.requests === 0) missed.push(`${target}: no request finished within the measured seconds`);
  }
  for (const [target, measured] of [['ours', ours], ['uncached', uncached]] as const) {
    if (measured && measured.errors > 0) missed.push(`${target}: ${measured.errors} errors of ${measured.requests} requests (target 0)`);
    if (measured && measured.rss_mb > TARGETS_SET.rssMb) missed.push(`${target}: RSS ${measured.rss_mb} MB (target ≤ ${TARGETS_SET.rssMb} MB)`);
  }
  return {
    ...result,
    ours_vs_peer_rps: ratio(ours?.rps, peer?.rps),
    ours_vs_floor_p50: ratio(ours?.p50_ms, floor?.p50_ms),
    uncached_vs_peer_rps: uncachedVsPeer,
    uncached_vs_floor_p50: uncachedVsFloor,
    cache_hit_rate: ours?.cache_hit_rate ?? null,
    missed,
  };
}

const cell = (result: LoadResult | undefined, key: 'p50_ms' | 'p99_ms' | 'rps' | 'errors') =>
  (result ? (result.requests === 0 && key !== 'errors' ? 'none finished' : String(result[key])) : '–');
const times = (value: number | null) => (value === null ? '–' : `${value}×`);
const percent = (value: number | null | undefined) => (value === null || value === undefined ? '–' : `${Math.round(value * 100)} %`);

/**
 * The summary table, as Markdown (it reads fine in a terminal too): the uncached ratios first,
 * then each engine-measuring contender, then ours with its cache as a column of its own.
 */
export function markdownTable(queries: readonly QueryResult[], targets: readonly Target[]): string {
  const engines = targets.filter((t) => t !== 'ours');
  const header = ['query', 'uncached/peer req/s', 'uncached/floor p50',
    ...engines.map((t) => `${t} p50 ms`), ...engines.map((t) => `${t} p99 ms`), ...engines.map((t) => `${t} req/s`),
    'Cypher/req uncached', ...engines.filter((t) => t !== 'peer').map((t) => `${t} CPU ms/req`),
    ...(targets.includes('ours') ? ['ours (cached) p50 ms', 'ours req/s', 'ours hit rate'] : []),
    `errors ${targets.map((t) => t[0]).join('/')}`];
  const rows = queries.map((q) => [
    q.name,
    times(q.uncached_vs_peer_rps),
    times(q.uncached_vs_floor_p50),
    ...engines.map((t) => cell(q[t], 'p50_ms')),
    ...engines.map((t) => cell(q[t], 'p99_ms')),
    ...engines.map((t) => cell(q[t], 'rps')),
    q.uncached?.statements_per_request === null || q.uncached === undefined ? '–' : String(q.uncached.statements_per_request),
    ...engines.filter((t) => t !== 'peer').map((t) => (q[t]?.cpu_ms_per_request == null ? '–' : String(q[t]!.cpu_ms_per_request))),
    ...(targets.includes('ours') ? [cell(q.ours, 'p50_ms'), cell(q.ours, 'rps'), percent(q.cache_hit_rate)] : []),
    targets.map((t) => cell(q[t], 'errors')).join('/'),
  ]);
  return [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

/** The growth series: per query and size, p50 / p99 / req/s of each contender. */
export function sizeTable(queries: readonly QueryResult[], targets: readonly Target[]): string {
  const header = ['query', 'companies', ...targets.flatMap((t) => [`${t} p50 ms`, `${t} p99 ms`, `${t} req/s`])];
  const rows = queries.flatMap((q) => (q.size_series ?? []).map((point) => [
    q.name, point.companies.toLocaleString('en'),
    ...targets.flatMap((t) => {
      const m = point.targets[t];
      if (!m) return ['–', '–', '–'];
      return m.rps > 0 ? [String(m.p50_ms), String(m.p99_ms), String(m.rps)] : ['none finished', '–', '0'];
    }),
  ]));
  return [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}
