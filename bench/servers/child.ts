import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readConfig } from '../../src/config/index.js';

/** What the benchmark asks a server process and what it answers, over the IPC channel. */
export type ParentMessage = { type: 'stats' } | { type: 'stop' };
export type ChildMessage =
  | { type: 'ready'; port: number; uptimeMs: number }
  | { type: 'stats'; rssBytes: number; heapUsedBytes: number; maxRssBytes: number; counters: ServerCounters }
  | { type: 'failed'; message: string };

/** Running totals since the process started; the benchmark reads them before and after a load and takes the difference. */
export interface ServerCounters {
  /** POST /graphql requests answered. */
  requests: number;
  /** Of those, answers the response cache served (Apollo's cache plugin sets an `age` header on a hit, and only then). */
  cacheHits: number;
  /** Cypher statements sent to Neo4j (ours and uncached only: counted by the Database observer). */
  statements: number | null;
  /** CPU time of the process, user and system, in microseconds. */
  cpuMicros: number;
}

export interface ServedApp {
  /** Not yet listening; the harness picks the port. */
  server: http.Server;
  close(): Promise<void>;
  /** Cypher statements sent so far, where the contender can tell. */
  statements?: () => number;
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

/**
 * Runs one contender as its own process: builds it against NEO4J_URI, listens on a free port
 * of 127.0.0.1, reports readiness and its memory over IPC, and stops when the benchmark says
 * so or goes away. Every contender uses this same harness, so they differ only in what they
 * build.
 */
/** CPU time this process has used, user and system, in microseconds. */
function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

export async function serve(build: (uri: string) => Promise<ServedApp>): Promise<void> {
  const { uri } = readConfig().neo4j;
  if (!uri || !process.send) throw new Error('bench servers are started by bench/run.ts (NEO4J_URI and an IPC channel)');
  let app: ServedApp;
  const counted = { requests: 0, cacheHits: 0 };
  try {
    app = await build(uri);
    const { server } = app;
    server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
      if (request.method !== 'POST') return;
      response.once('finish', () => {
        counted.requests += 1;
        if (response.getHeader('age') !== undefined) counted.cacheHits += 1;
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
  } catch (error) {
    send({ type: 'failed', message: error instanceof Error ? error.stack ?? error.message : String(error) });
    process.exit(1);
  }
  const stop = async () => {
    app.server.closeAllConnections();
    await app.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stats') {
      const memory = process.memoryUsage();
      send({ type: 'stats', rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, maxRssBytes: process.resourceUsage().maxRSS * 1024,
        counters: { ...counted, statements: app.statements?.() ?? null, cpuMicros: cpuMicros() } });
    } else if (message.type === 'stop') {
      void stop();
    }
  });
  process.on('disconnect', () => void stop());
  send({ type: 'ready', port: (app.server.address() as AddressInfo).port, uptimeMs: Math.round(process.uptime() * 1000) });
}
