import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readConfig } from '../../src/config/index.js';

/** What the benchmark asks a server process and what it answers, over the IPC channel. */
export type ParentMessage = { type: 'stats' } | { type: 'stop' };
export type ChildMessage =
  | { type: 'ready'; port: number; uptimeMs: number }
  | { type: 'stats'; rssBytes: number; heapUsedBytes: number; maxRssBytes: number }
  | { type: 'failed'; message: string };

export interface ServedApp {
  /** Not yet listening; the harness picks the port. */
  server: http.Server;
  close(): Promise<void>;
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
export async function serve(build: (uri: string) => Promise<ServedApp>): Promise<void> {
  const { uri } = readConfig().neo4j;
  if (!uri || !process.send) throw new Error('bench servers are started by bench/run.ts (NEO4J_URI and an IPC channel)');
  let app: ServedApp;
  try {
    app = await build(uri);
    const { server } = app;
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
      send({ type: 'stats', rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, maxRssBytes: process.resourceUsage().maxRSS * 1024 });
    } else if (message.type === 'stop') {
      void stop();
    }
  });
  process.on('disconnect', () => void stop());
  send({ type: 'ready', port: (app.server.address() as AddressInfo).port, uptimeMs: Math.round(process.uptime() * 1000) });
}
