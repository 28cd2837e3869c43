import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signToken } from '../src/auth/signToken.js';
import { BUILD_DIR, buildServer, serverBuildIsStale, startNodeOptions } from '../src/build.js';
import type { Database } from '../src/db/database.js';
import { findFreePort } from '../src/db/localNeo4j.js';
import { testDatabase } from './support/database.js';

/**
 * Two API processes over one Neo4j, each as `npm start` runs it (compiled, response cache on,
 * its own driver): a write through one is seen by the other's very next read, although the
 * other holds the old answer in its response cache (issue: "two API processes over one Neo4j
 * stay consistent").
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const SECRET = randomBytes(32).toString('hex');
const KEY = `zz-two-${randomUUID().slice(0, 8)}`;
const COUNT = '{ companies(first: 1) { totalCount } }';

interface ApiProcess { url: string; child: ChildProcess }
const processes: ApiProcess[] = [];
let db: Database;

async function startApi(): Promise<ApiProcess> {
  const connection = inject('neo4j');
  const port = await findFreePort();
  const child = spawn(process.execPath, [...startNodeOptions(), path.join(BUILD_DIR, 'src', 'main.js')], {
    cwd: root,
    env: {
      ...process.env, NEO4J_URI: connection.uri, NEO4J_USER: connection.user, NEO4J_PASSWORD: connection.password ?? '',
      NEO4J_DATABASE: connection.database, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn',
      AUTH_JWT_SECRET: SECRET, RESPONSE_CACHE_MAX_AGE: '300',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i += 1) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}:\n${output}`);
    if (await fetch(`${url}/health/ready`).then((r) => r.ok, () => false)) return { url, child };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`the API was not ready:\n${output}`);
}

async function post(api: ApiProcess, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, any>; errors?: { extensions?: { code?: string } }[] };
}

beforeAll(async () => {
  db = testDatabase();
  if (await serverBuildIsStale()) await buildServer();
  processes.push(await startApi(), await startApi());
}, 300_000);

afterAll(async () => {
  for (const { child } of processes) {
    if (child.exitCode !== null) continue;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
  await db?.write('MATCH (n:Entity) WHERE n.id = $id DETACH DELETE n', { id: `Company:${KEY}` });
  await db?.write('MATCH (s:Source) WHERE s.title = $title DETACH DELETE s', { title: `${KEY} source` });
  await db?.close();
});

describe('two API processes over one Neo4j', () => {
  it('a write through one is seen by the other\'s next read, past its response cache', async () => {
    const [writer, reader] = processes as [ApiProcess, ApiProcess];
    const before = (await post(reader, COUNT)).data!.companies.totalCount as number;
    // The reader now holds that answer in its response cache.
    expect((await post(reader, COUNT)).data!.companies.totalCount).toBe(before);

    const token = await signToken({ secret: new TextEncoder().encode(SECRET), subject: 'two-processes', roles: ['editor'] });
    const written = await post(writer, 'mutation($input: CompanyInput!) { upsertCompany(input: $input) { id } }', {
      input: { key: KEY, name: `${KEY} AS`, source: { title: `${KEY} source`, url: 'https://example.org/two', publisher: 'Test' } },
    }, token);
    expect(written.errors).toBeUndefined();

    expect((await post(reader, COUNT)).data!.companies.totalCount).toBe(before + 1);
    expect((await post(reader, `{ node(id: "Company:${KEY}") { id } }`)).data!.node).toEqual({ id: `Company:${KEY}` });
  });
});
