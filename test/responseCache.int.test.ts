import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULTS } from '../src/config/index.js';
import type { Database } from '../src/db/database.js';
import { createAppServer, type AppServer } from '../src/server.js';
import { contextAs } from './support/auth.js';
import type { GraphQLResult } from './support/api.js';
import { testDatabase } from './support/database.js';

/**
 * The response cache against the real test database: an answer is kept, is never served after
 * a write of this process, nor (within a check interval) after a write of another client, and
 * the admin-only audit trail and answers with errors are never kept.
 */
const PREFIX = `zz-rc${randomUUID().slice(0, 8)}`;
const CHECK_MS = 200;
let db: Database;
let other: Database;
let server: AppServer;
let uncached: AppServer;
let roundTrips = 0;

beforeAll(async () => {
  db = testDatabase();
  other = testDatabase();
  db.observe(() => { roundTrips += 1; });
  server = await createAppServer({ db, cache: { ...DEFAULTS.responseCache, checkMs: CHECK_MS } });
  uncached = await createAppServer({ db, cache: { ...DEFAULTS.responseCache, maxAgeSeconds: 0 } });
  await waitFor(async () => (await tripsOf(server, KOMMUNE)).trips === 0);
});

afterAll(async () => {
  await db?.write('MATCH (n:Entity) WHERE n.id CONTAINS $prefix DETACH DELETE n', { prefix: PREFIX });
  await db?.write('MATCH (s:Source) WHERE s.title STARTS WITH $prefix DELETE s', { prefix: PREFIX });
  await server?.apollo.stop();
  await uncached?.apollo.stop();
  await other?.close();
  await db?.close();
});

const KOMMUNE = '{ kommune(nr: "3006") { name companies(first: 50) { totalCount } } }';

async function run(on: AppServer, query: string, role: 'admin' | 'editor' | null = null, variables: Record<string, unknown> = {}): Promise<GraphQLResult> {
  const response = await on.apollo.executeOperation({ query, variables }, { contextValue: contextAs(db, role) });
  if (response.body.kind !== 'single') throw new Error('incremental delivery is not expected');
  return response.body.singleResult as GraphQLResult;
}

/** The answer and how many Cypher round trips it took. */
async function tripsOf(on: AppServer, query: string, role: 'admin' | 'editor' | null = null, variables: Record<string, unknown> = {}) {
  const before = roundTrips;
  const result = await run(on, query, role, variables);
  return { result, trips: roundTrips - before };
}

/** Polls a condition; fails after a generous bound rather than timing anything. */
async function waitFor(condition: () => Promise<boolean>, attempts = 100): Promise<void> {
  for (let i = 0; i < attempts; i += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, CHECK_MS / 2));
  }
  throw new Error('condition not met');
}

describe('the response cache', () => {
  it('serves a repeated query from memory, and never with the cache off', async () => {
    const first = await tripsOf(server, KOMMUNE);
    expect(first.result.data!.kommune.name).toBe('Kongsberg');
    // Other test files may write meanwhile, which rightly empties the cache; it keeps the answer once they pause.
    await waitFor(async () => {
      const again = await tripsOf(server, KOMMUNE);
      expect(again.result).toEqual(first.result);
      return again.trips === 0;
    });
    expect((await tripsOf(server, KOMMUNE.replace('first: 50', 'first: 49'))).trips).toBeGreaterThan(0);

    await run(uncached, KOMMUNE);
    expect((await tripsOf(uncached, KOMMUNE)).trips).toBeGreaterThan(0);
  });

  it('never serves an answer from before a write of this process', async () => {
    const query = `{ node(id: "Company:${PREFIX}-co") { id ... on Company { name } } }`;
    expect((await run(server, query)).data!.node).toBeNull();
    await run(server, query);
    const source = { title: `${PREFIX} source`, url: 'https://example.org/rc', publisher: 'Test' };
    const written = await run(server, 'mutation($input: CompanyInput!) { upsertCompany(input: $input) { id } }', 'editor', {
      input: { key: `${PREFIX}-co`, name: `${PREFIX} Cached Co`, source },
    });
    expect(written.errors).toBeUndefined();
    expect((await run(server, query)).data!.node).toEqual({ id: `Company:${PREFIX}-co`, name: `${PREFIX} Cached Co` });
  });

  it('drops what it holds when another client writes', async () => {
    // An answer without notices (a null `node` carries one and is never kept): Kongsberg's company count.
    const query = '{ kommune(nr: "3006") { companies(first: 1) { totalCount } } }';
    const before = (await run(server, query)).data!.kommune.companies.totalCount as number;
    // Kept once no check sees a newer commit (earlier tests' writes may still be found).
    await waitFor(async () => (await tripsOf(server, query)).trips === 0);
    await other.write(
      `MATCH (k:Kommune {id: 'Kommune:3006'}) CREATE (n:Entity:Company {id: $id, key: $key, name: $key, sourceIds: []})-[:LOCATED_IN]->(k)`,
      { id: `Company:${PREFIX}-ext`, key: `${PREFIX}-ext` },
    );
    await waitFor(async () => (await run(server, query)).data!.kommune.companies.totalCount === before + 1);
  });

  it('never keeps the admin-only audit trail or an answer with errors', async () => {
    const trail = '{ changes(first: 1) { id } }';
    await run(server, trail, 'admin');
    expect((await tripsOf(server, trail, 'admin')).trips).toBeGreaterThan(0);
    expect((await run(server, trail)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    const missing = '{ kommune(nr: "1") { name } }';
    const refused = await run(server, missing);
    expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await run(server, missing)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
