import autocannon from 'autocannon';
import type { ServerProcess } from './serverProcess.js';

export interface LoadResult {
  p50_ms: number;
  p99_ms: number;
  rps: number;
  requests: number;
  /** Connection errors, timeouts, non-2xx answers and answers carrying GraphQL errors. */
  errors: number;
  /** Largest resident set of the server process seen during the run. */
  rss_mb: number;
  /** The start of the first answer that carried errors, to say what went wrong. */
  error_sample?: string;
  /** Share of the answers the response cache served, from the server's own count (0 without a cache). */
  cache_hit_rate: number | null;
  /** Cypher statements per answered request, where the server counts them (ours, uncached). */
  statements_per_request: number | null;
  /**
   * CPU time the server process spent per answered request (user + system, the IPC of the
   * counters included). Unlike latency, it hardly moves with other load on the machine.
   */
  cpu_ms_per_request: number | null;
}

export interface LoadSettings {
  connections: number;
  /** Seconds. */
  duration: number;
}

/** GraphQL reports failures with HTTP 200 and an `errors` list; those count as errors here. */
function errorCheck(): { verify: (body: string | Buffer | undefined) => boolean; sample: () => string | undefined } {
  let sample: string | undefined;
  return {
    verify: (body) => {
      const text = String(body ?? '');
      const ok = !text.includes('"errors":[');
      if (!ok) sample ??= text.slice(0, 300);
      return ok;
    },
    sample: () => sample,
  };
}

/**
 * The bodies are sent in order, one per request across all connections (a shared counter),
 * and the sequence wraps when the run outlasts it: every contender gets the same sequence.
 */
function fire(url: string, bodies: readonly string[], settings: LoadSettings, verifyBody = errorCheck().verify): Promise<autocannon.Result> {
  let next = 0;
  return autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{
      method: 'POST',
      setupRequest: (request) => {
        const body = bodies[next % bodies.length]!;
        next += 1;
        return { ...request, body };
      },
    }],
    connections: settings.connections,
    duration: settings.duration,
    timeout: 30,
    verifyBody,
  });
}

/**
 * Closed-loop load from autocannon (each connection sends its next request when the answer
 * arrives), with the server's memory sampled twice a second and its counters (requests, cache
 * hits, Cypher statements) read before and after.
 */
export async function runLoad(server: ServerProcess, bodies: readonly string[], settings: LoadSettings): Promise<LoadResult> {
  const before = await server.memory();
  let peakRss = before.rssBytes;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      peakRss = Math.max(peakRss, (await server.memory().catch(() => ({ rssBytes: 0 }))).rssBytes);
    }
  })();
  const errors = errorCheck();
  try {
    const result = await fire(server.url, bodies, settings, errors.verify);
    const sample = errors.sample();
    sampling = false;
    await sampler;
    const after = await server.memory();
    const answered = after.counters.requests - before.counters.requests;
    const statements = after.counters.statements !== null && before.counters.statements !== null ? after.counters.statements - before.counters.statements : null;
    return {
      p50_ms: result.latency.p50,
      p99_ms: result.latency.p99,
      rps: Math.round((result.requests.total / result.duration) * 10) / 10,
      requests: result.requests.total,
      errors: result.errors + result.non2xx + result.mismatches,
      rss_mb: Math.round(peakRss / 1e5) / 10,
      ...(sample ? { error_sample: sample } : {}),
      cache_hit_rate: answered > 0 ? Math.round(((after.counters.cacheHits - before.counters.cacheHits) / answered) * 1000) / 1000 : null,
      statements_per_request: statements !== null && answered > 0 ? Math.round((statements / answered) * 100) / 100 : null,
      cpu_ms_per_request: answered > 0 ? Math.round((after.counters.cpuMicros - before.counters.cpuMicros) / answered / 10) / 100 : null,
    };
  } finally {
    sampling = false;
    await sampler;
  }
}

/** Unmeasured load first (its own sequence): JIT, Neo4j's query cache and page cache, DataLoader code paths. */
export async function warmUp(server: ServerProcess, bodies: readonly string[], settings: LoadSettings): Promise<void> {
  if (settings.duration > 0) await fire(server.url, bodies, settings);
}
