import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { BUILD_DIR, buildServer, serverBuildIsStale, startNodeOptions } from '../src/build.js';
import { findFreePort } from '../src/db/localNeo4j.js';

/**
 * `npm start`'s process (the server compiled to dist/build, as `npm start` runs it) against the
 * test database: SIGTERM must let a request in flight finish, then close the driver and exit 0.
 */
const root = fileURLToPath(new URL('..', import.meta.url));

beforeAll(async () => {
  if (await serverBuildIsStale()) await buildServer();
}, 300_000);

describe('SIGTERM', () => {
  it('drains the request in flight, then exits cleanly', async () => {
    const connection = inject('neo4j');
    const port = await findFreePort();
    const child = spawn(process.execPath, [...startNodeOptions(), path.join(BUILD_DIR, 'src', 'main.js')], {
      cwd: root,
      env: {
        ...process.env, NEO4J_URI: connection.uri, NEO4J_USER: connection.user, NEO4J_PASSWORD: connection.password ?? '',
        NEO4J_DATABASE: connection.database, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', AUTH_JWT_SECRET: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    try {
      for (let i = 0; i < 240 && !output.includes('API ready'); i += 1) await new Promise((resolve) => setTimeout(resolve, 250));
      expect(output).toContain('API ready');

      // A correlation over all kommuner takes a few hundred milliseconds: long enough to be in flight.
      const inFlight = fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ correlation(metric: COMMUTING_PARTNERS, indicator: "ssb/higher-education-share", year: 2018, controlFor: [{ kind: LOG_POPULATION }]) { n } }' }),
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      child.kill('SIGTERM');

      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(((await response.json()) as { data: { correlation: { n: number } } }).data.correlation.n).toBeGreaterThan(300);
      const [code] = await exited;
      expect(code).toBe(0);
      expect(output).toMatch(/"signal":"SIGTERM"/);
      await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
