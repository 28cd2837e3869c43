import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { BUILD_DIR, startNodeOptions } from '../src/build.js';
import type { Target } from './options.js';
import type { ChildMessage, ServerCounters } from './servers/child.js';

export interface ServerProcess {
  target: Target;
  url: string;
  pid: number;
  /** From spawning the process to its first answered request. */
  startupMs: number;
  memory(): Promise<{ rssBytes: number; heapUsedBytes: number; maxRssBytes: number; counters: ServerCounters }>;
  stop(): Promise<void>;
  /** Starts a CPU profile of the process; `stopProfile` writes it to `file` (a `.cpuprofile`). */
  startProfile(): void;
  stopProfile(file: string): Promise<void>;
}

const READY_TIMEOUT_MS = 120_000;

/**
 * Starts one contender in its own Node process, compiled to JavaScript as `npm start` runs our
 * API (bench/run.ts builds first), so its memory and CPU are its own and the load generator
 * does not share its event loop.
 */
export async function startServer(target: Target, neo4jUri: string): Promise<ServerProcess> {
  const started = performance.now();
  const script = path.join(BUILD_DIR, 'bench', 'servers', `${target}.js`);
  const child: ChildProcess = fork(script, [], {
    // Every contender gets the Node options `npm start` gives ours: one runtime for all four.
    execArgv: startNodeOptions(),
    env: { ...process.env, NEO4J_URI: neo4jUri, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr = (stderr + chunk.toString()).slice(-4000); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${target} was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${stderr}`)), READY_TIMEOUT_MS);
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') { clearTimeout(timer); resolve(message.port); }
      if (message.type === 'failed') { clearTimeout(timer); reject(new Error(`${target} failed to start:\n${message.message}`)); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${target} exited with code ${code} before it was ready:\n${stderr}`)); });
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  // Ready means answering: the first request also pays for lazy initialisation.
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
  if (!response.ok) throw new Error(`${target} answered ${response.status} to its first request`);
  const startupMs = Math.round(performance.now() - started);

  return {
    target,
    url,
    pid: child.pid!,
    startupMs,
    memory: () => new Promise((resolve, reject) => {
      // A server busy with seconds-long requests (a screening) answers when its event loop is free.
      const timer = setTimeout(() => reject(new Error(`${target} did not report its memory`)), 60_000);
      const onMessage = (message: ChildMessage) => {
        if (message.type !== 'stats') return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      child.send({ type: 'stats' });
    }),
    startProfile: () => child.send({ type: 'profile-start' }),
    stopProfile: (file) => new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${target} did not write its profile`)), 30_000);
      const onMessage = (message: ChildMessage) => {
        if (message.type !== 'profiled' || message.file !== file) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve();
      };
      child.on('message', onMessage);
      child.send({ type: 'profile-stop', file });
    }),
    stop: async () => {
      if (child.exitCode !== null) return;
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
