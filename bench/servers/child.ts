import { writeFile } from 'node:fs/promises';
import type http from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { readConfig } from '../../src/config/index.js';

/** What the benchmark asks a server process and what it answers, over the IPC channel. */
export type ParentMessage = { type: 'stats' } | { type: 'stop' } | { type: 'profile-start' } | { type: 'profile-stop'; file: string };
export type ChildMessage =
  | { type: 'ready'; port: number; uptimeMs: number }
  | { type: 'stats'; rssBytes: number; heapUsedBytes: number; maxRssBytes: number; counters: ServerCounters }
  | { type: 'failed'; message: string }
  | { type: 'profiled'; file: string };

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

/**
 * A V8 CPU profile of a stretch of this process's life (the measured load, not start-up and
 * warm-up), through the inspector, written as a `.cpuprofile` file.
 */
const profiler = {
  session: null as Session | null,
  async start(): Promise<void> {
    this.session = new Session();
    this.session.connect();
    await this.session.post('Profiler.enable');
    await this.session.post('Profiler.start');
  },
  async stop(file: string): Promise<void> {
    if (!this.session) return;
    const { profile } = await this.session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    this.session.disconnect();
    this.session = null;
  },
};

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
    } else if (message.type === 'profile-start') {
      void profiler.start();
    } else if (message.type === 'profile-stop') {
      void profiler.stop(message.file).then(() => send({ type: 'profiled', file: message.file }));
    }
  });
  process.on('disconnect', () => void stop());
  send({ type: 'ready', port: (app.server.address() as AddressInfo).port, uptimeMs: Math.round(process.uptime() * 1000) });
}
