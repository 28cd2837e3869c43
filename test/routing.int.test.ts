import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Role } from '../src/auth/roles.js';
import { Database } from '../src/db/database.js';
import { createTestApi, type GraphQLResult, type TestApi } from './support/api.js';
import { contextAs } from './support/auth.js';

/**
 * Scale-out, tested rather than claimed: the test Neo4j through a `neo4j://` routing URI (a
 * single server answers the routing table with itself), and two API instances over it, each with
 * its own driver and response cache, as two `npm start` processes behind a load balancer would
 * be. A write through one must be seen by the other's next read at once, cached answer or not.
 * Entities carry PREFIX and are removed afterwards.
 */
const PREFIX = `zz-route${randomUUID().slice(0, 8)}`;
const SOURCE = { title: `${PREFIX} source`, publisher: 'Test publisher' };
const CACHE = { maxAgeSeconds: 300, maxMegabytes: 8, checkMs: 60_000 };

let first: { db: Database; api: TestApi };
let second: { db: Database; api: TestApi };

function routingUri(uri: string): string {
  return uri.replace(/^bolt(\+s|\+ssc)?:/, (_match, tls: string | undefined) => `neo4j${tls ?? ''}:`);
}

async function instance(): Promise<{ db: Database; api: TestApi }> {
  const connection = inject('neo4j');
  const db = new Database({ ...connection, uri: routingUri(connection.uri) });
  // A timer check once a minute: what the test sees at once comes from the per-request check.
  const api = await createTestApi(db, { cache: CACHE });
  return { db, api };
}

beforeAll(async () => {
  first = await instance();
  second = await instance();
});

afterAll(async () => {
  await first.db.write('MATCH (n:Entity) WHERE n.id CONTAINS $prefix DETACH DELETE n', { prefix: PREFIX });
  await first.db.write('MATCH (a:AuditEntry) WHERE a.entityId CONTAINS $prefix DELETE a', { prefix: PREFIX });
  await first.db.write('MATCH (s:Source) WHERE s.title STARTS WITH $prefix DELETE s', { prefix: PREFIX });
  for (const side of [first, second]) {
    await side?.api.close();
    await side?.db.close();
  }
});

async function as<T = any>(side: { db: Database; api: TestApi }, role: Role | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> {
  const response = await side.api.server.apollo.executeOperation({ query, variables }, { contextValue: contextAs(side.db, role) });
  if (response.body.kind !== 'single') throw new Error('incremental delivery is not expected');
  return response.body.singleResult as GraphQLResult<T>;
}

const UPSERT = 'mutation($i: CompanyInput!) { upsertCompany(input: $i) { id name } }';
const READ = 'query($id: ID!) { node(id: $id) { ... on Company { name } } }';

describe('through a neo4j:// routing URI', () => {
  it('reads run on the routing table the server gives (itself)', async () => {
    const result = await as(first, null, '{ kommune(nr: "3006") { name fylke { name } } search(text: "kongsberg") { id } }');
    expect(result.errors).toBeUndefined();
    expect(result.data.kommune).toEqual({ name: 'Kongsberg', fylke: { name: 'Viken' } });
    expect(result.data.search.length).toBeGreaterThan(0);
  });

  it('writes go to the writer and are read back through the other instance', async () => {
    const id = `Company:${PREFIX}-a`;
    const written = await as(first, 'editor', UPSERT, { i: { key: `${PREFIX}-a`, name: `${PREFIX} One`, source: SOURCE } });
    expect(written.errors).toBeUndefined();
    const read = await as(second, null, READ, { id });
    expect(read.data.node).toEqual({ name: `${PREFIX} One` });
  });
});

describe('two API instances over one Neo4j', () => {
  it('never serve a cached answer from before a write through the other instance', async () => {
    const id = `Company:${PREFIX}-b`;
    expect((await as(first, 'editor', UPSERT, { i: { key: `${PREFIX}-b`, name: `${PREFIX} Before`, source: SOURCE } })).errors).toBeUndefined();
    // Read twice through the second instance: the second answer may come from its cache.
    for (let i = 0; i < 2; i += 1) expect((await as(second, null, READ, { id })).data.node).toEqual({ name: `${PREFIX} Before` });

    expect((await as(first, 'editor', UPSERT, { i: { key: `${PREFIX}-b`, name: `${PREFIX} After`, source: SOURCE } })).errors).toBeUndefined();
    expect((await as(second, null, READ, { id })).data.node).toEqual({ name: `${PREFIX} After` });
    // And the other way round.
    expect((await as(second, 'editor', UPSERT, { i: { key: `${PREFIX}-b`, name: `${PREFIX} Again`, source: SOURCE } })).errors).toBeUndefined();
    expect((await as(first, null, READ, { id })).data.node).toEqual({ name: `${PREFIX} Again` });
  });
});
