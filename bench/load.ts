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

function fire(url: string, body: string, settings: LoadSettings, verifyBody = errorCheck().verify): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections: settings.connections,
    duration: settings.duration,
    timeout: 30,
    verifyBody,
  });
}

/**
 * Closed-loop load from autocannon (each connection sends its next request when the answer
 * arrives), with the server's memory sampled twice a second.
 */
export async function runLoad(server: ServerProcess, body: string, settings: LoadSettings): Promise<LoadResult> {
  let peakRss = (await server.memory()).rssBytes;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      peakRss = Math.max(peakRss, (await server.memory().catch(() => ({ rssBytes: 0 }))).rssBytes);
    }
  })();
  const errors = errorCheck();
  try {
    const result = await fire(server.url, body, settings, errors.verify);
    const sample = errors.sample();
    return {
      p50_ms: result.latency.p50,
      p99_ms: result.latency.p99,
      rps: Math.round((result.requests.total / result.duration) * 10) / 10,
      requests: result.requests.total,
      errors: result.errors + result.non2xx + result.mismatches,
      rss_mb: Math.round(peakRss / 1e5) / 10,
      ...(sample ? { error_sample: sample } : {}),
    };
  } finally {
    sampling = false;
    await sampler;
  }
}

/** Unmeasured load first: JIT, Neo4j's query cache and page cache, DataLoader code paths. */
export async function warmUp(server: ServerProcess, body: string, settings: LoadSettings): Promise<void> {
  if (settings.duration > 0) await fire(server.url, body, settings);
}
