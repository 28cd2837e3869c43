import { gzipSync } from 'node:zlib';
import { getIntrospectionQuery } from 'graphql';
import { SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { DEFAULTS, type ApiLimits } from '../src/config/index.js';
import { Database } from '../src/db/database.js';
import { findFreePort } from '../src/db/localNeo4j.js';
import { logger } from '../src/logger.js';
import type { GraphQLResult } from './support/api.js';
import { listenWith, testAuthConfig, tokenFor } from './support/auth.js';
import { testDatabase } from './support/database.js';

/**
 * Requests that once starved other clients or answered 500, each sent to a server on
 * 127.0.0.1 and checked for its code and its effect. Bounded: a fixed number of requests, no
 * wall-clock assertions. Reads only, so nothing needs cleaning up in the graph.
 */

const CORRELATION_FIELDS = 'metric: COMMUTING_PARTNERS, indicator: "ssb/long-higher-education-share", year: 2021, controlFor: [{ kind: LOG_POPULATION }]';
const correlations = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `c${i}: correlation(${CORRELATION_FIELDS}) { n pearson partial { n pearson } }`).join(' ')} }`;
const PLAIN_READ = '{ kommune(nr: "3006") { name fylke { name } } }';

const auth = testAuthConfig();
let db: Database;
let api: Awaited<ReturnType<typeof listenWith>>;

beforeAll(async () => {
  db = testDatabase();
  api = await listenWith({ db, auth, cache: { ...DEFAULTS.responseCache, maxAgeSeconds: 0 } });
});

afterAll(async () => {
  await api?.close();
  await db?.close();
});

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: GraphQLResult;
}

async function send(url: string, init: { body?: unknown; headers?: Record<string, string>; method?: string; search?: string } = {}): Promise<Answer> {
  const raw = init.body === undefined || typeof init.body === 'string' || init.body instanceof Uint8Array ? init.body : JSON.stringify(init.body);
  const response = await fetch(`${url}/graphql${init.search ?? ''}`, {
    method: init.method ?? 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...init.headers },
    ...(raw === undefined ? {} : { body: raw as string }),
  });
  const text = await response.text();
  let json: GraphQLResult = {};
  try {
    json = JSON.parse(text) as GraphQLResult;
  } catch {
    // Left empty: the assertions on `text` and the content type say what came instead.
  }
  return { status: response.status, headers: response.headers, text, json };
}

const codes = (result: GraphQLResult) => (result.errors ?? []).map((error) => error.extensions?.code);

/** JSON text of an object nested `depth` deep, written by hand: JSON.stringify itself overflows the stack on it. */
function nestedJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
}

describe('fair use of the database', () => {
  it('refuses 30 aliased correlations with a covariate by their cost', async () => {
    const { status, json } = await send(api.url, { body: { query: correlations(30) } });
    expect(status).toBe(400);
    expect(codes(json)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('keeps plain reads and readiness answering while expensive-alias requests run', async () => {
    // As many correlations as the cost allows, four requests at once: each may hold only
    // NEO4J_SESSIONS_PER_REQUEST sessions, so the pool keeps room for everyone else.
    const heavy = Array.from({ length: 3 }, () => send(api.url, { body: { query: correlations(6) } }));
    const plain = await send(api.url, { body: { query: PLAIN_READ } });
    const ready = await fetch(`${api.url}/health/ready`);
    expect(plain.json.errors).toBeUndefined();
    expect(plain.json.data.kommune.name).toBe('Kongsberg');
    expect(ready.status).toBe(200);
    for (const answer of await Promise.all(heavy)) {
      expect(codes(answer.json)).toEqual([]);
      expect(Object.keys(answer.json.data)).toHaveLength(6);
    }
  });

  it('lets one request hold only its share of sessions, the rest queued inside it', async () => {
    const marker = `abuse-share-${Date.now()}`;
    const request = db.forRequest(2);
    const slow = `UNWIND range(1, 2000000) AS x WITH x WHERE $marker IS NOT NULL RETURN count(x) AS n`;
    let finished = false;
    const work = Promise.all(Array.from({ length: 6 }, () => request.read(slow, { marker }))).finally(() => { finished = true; });
    let most = 0;
    while (!finished) {
      const [row] = await db.read<{ running: number }>(
        'SHOW TRANSACTIONS YIELD currentQuery, parameters WHERE currentQuery STARTS WITH $start AND parameters.marker = $marker RETURN count(*) AS running',
        { start: 'UNWIND range(1, 2000000)', marker },
      );
      most = Math.max(most, row!.running);
    }
    expect((await work).map((rows) => rows[0]!.n)).toEqual(Array(6).fill(2_000_000));
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(2);
  });

  it('queues a client\'s requests beyond its in-flight share instead of refusing them', async () => {
    const queued = await listenWith({ db, auth, limits: { ...DEFAULTS.limits, rateLimit: { ...DEFAULTS.limits.rateLimit, inFlight: 1 } } });
    try {
      const answers = await Promise.all(Array.from({ length: 4 }, () => send(queued.url, { body: { query: correlations(2) } })));
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(codes(answer.json)).toEqual([]);
      }
      // The slots are given back: the same client is served again.
      expect((await send(queued.url, { body: { query: PLAIN_READ } })).json.data.kommune.name).toBe('Kongsberg');
    } finally {
      await queued.close();
    }
  });

  it('runs a request through a session budget of one without waiting on itself', async () => {
    const single = await listenWith({ db, auth, limits: { ...DEFAULTS.limits, sessionsPerRequest: 1 } });
    try {
      const { json } = await send(single.url, { body: { query: correlations(3) } });
      expect(codes(json)).toEqual([]);
      expect(json.data.c2.n).toBeGreaterThan(100);
    } finally {
      await single.close();
    }
  });

  it('answers OVERLOADED with 503 and Retry-After when the pool is exhausted, and stays ready', async () => {
    // A pool of one connection with a short wait, so a handful of requests exhausts it.
    const tiny = new Database({ ...inject('neo4j'), maxConnectionPoolSize: 1, connectionAcquisitionTimeoutMs: 50 });
    const server = await listenWith({ db: tiny, auth, cache: { ...DEFAULTS.responseCache, maxAgeSeconds: 0 } });
    try {
      // Opening the one connection may itself take longer than the wait: retry until it is open.
      for (let attempt = 0; attempt < 20; attempt += 1) {
        if (await tiny.read('RETURN 1').then(() => true, () => false)) break;
      }
      const single = `{ correlation(${CORRELATION_FIELDS}) { n } }`;
      const answers = await Promise.all(Array.from({ length: 8 }, () => send(server.url, { body: { query: single } })));
      const overloaded = answers.filter((answer) => codes(answer.json).includes('OVERLOADED'));
      expect(overloaded.length).toBeGreaterThan(0);
      for (const answer of answers) expect(codes(answer.json)).not.toContain('SERVICE_UNAVAILABLE');
      for (const answer of overloaded) {
        expect(answer.status).toBe(503);
        expect(Number(answer.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(answer.json.data ?? null).toBeNull();
      }
      expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
    } finally {
      await server.close();
      await tiny.close();
    }
  });

  it('answers a flood of differently spelled introspections alike, with plain reads still answering', async () => {
    const full = getIntrospectionQuery();
    const answers: Answer[] = [];
    for (let wave = 0; wave < 5; wave += 1) {
      const spelled = Array.from({ length: 10 }, (_, i) => `# client ${wave}-${i}\n${full.replace(/\n\s*/g, ' '.repeat(1 + ((wave * 10 + i) % 7)))}`);
      const [plain, ...flood] = await Promise.all([send(api.url, { body: { query: PLAIN_READ } }), ...spelled.map((query) => send(api.url, { body: { query } }))]);
      expect(plain!.json.data.kommune.name).toBe('Kongsberg');
      answers.push(...flood);
    }
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual(answers[0]!.json);
    }
  });

  it('limits requests per client: by token subject, else by address', async () => {
    const limits: ApiLimits = { ...DEFAULTS.limits, rateLimit: { ...DEFAULTS.limits.rateLimit, requests: 3, windowSeconds: 600 } };
    const limited = await listenWith({ db, auth, limits });
    try {
      for (let i = 0; i < 3; i += 1) expect((await send(limited.url, { body: { query: '{ fylker { nr } }' } })).status).toBe(200);
      const refused = await send(limited.url, { body: { query: '{ fylker { nr } }' } });
      expect(refused.status).toBe(429);
      expect(codes(refused.json)).toEqual(['RATE_LIMITED']);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another client, known by its token, has a budget of its own.
      const token = await tokenFor(auth, 'reader', 'abuse-other-client');
      const other = await send(limited.url, { body: { query: '{ fylker { nr } }' }, headers: { authorization: `Bearer ${token}` } });
      expect(other.status).toBe(200);
      expect((await fetch(`${limited.url}/health/ready`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('tells clients behind a trusted proxy apart by X-Forwarded-For', async () => {
    const limits: ApiLimits = { ...DEFAULTS.limits, rateLimit: { ...DEFAULTS.limits.rateLimit, requests: 2, windowSeconds: 600, trustProxy: 'loopback' } };
    const proxied = await listenWith({ db, auth, limits });
    try {
      const from = (address: string) => send(proxied.url, { body: { query: '{ fylker { nr } }' }, headers: { 'x-forwarded-for': address } });
      expect([(await from('192.0.2.1')).status, (await from('192.0.2.1')).status, (await from('192.0.2.1')).status]).toEqual([200, 200, 429]);
      expect((await from('192.0.2.2')).status).toBe(200);
    } finally {
      await proxied.close();
    }
  });
});

describe('robust edges', () => {
  const longWord = 'a'.repeat(1001);

  it.each(['companies', 'kommuner', 'clusters', 'schools', 'events', 'initiatives'])('refuses a 1,001-character word in %s(search:) with BAD_USER_INPUT', async (list) => {
    const { status, json } = await send(api.url, { body: { query: `query($s: String) { ${list}(search: $s) { totalCount } }`, variables: { s: `kongsberg ${longWord}` } } });
    expect(status).toBeLessThan(500);
    expect(codes(json)).toEqual(['BAD_USER_INPUT']);
    expect(json.errors![0]!.message).toMatch(/at most 100 characters/);
  });

  it('refuses a 1,001-character search(text:) with BAD_USER_INPUT', async () => {
    const { json } = await send(api.url, { body: { query: 'query($t: String!) { search(text: $t) { id } }', variables: { t: longWord } } });
    expect(codes(json)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a variable nested 5,000 deep, even unused, with 400 over POST and GET', async () => {
    const posted = await send(api.url, { body: `{"query": "{ fylker { nr } }", "variables": {"unused": ${nestedJson(5000)}}}` });
    expect(posted.status).toBe(400);
    expect(codes(posted.json)).toEqual(['BAD_USER_INPUT']);
    const search = `?query=${encodeURIComponent('{ fylker { nr } }')}&variables=${encodeURIComponent(`{"unused": ${nestedJson(1000)}}`)}`;
    const got = await send(api.url, { method: 'GET', search, headers: {} });
    expect(got.status).toBe(400);
    expect(codes(got.json)).toEqual(['BAD_USER_INPUT']);
    // Ordinary nesting (an input object with a list of sources) still passes.
    expect((await send(api.url, { body: { query: '{ fylker { nr } }', variables: { unused: JSON.parse(nestedJson(6)) as unknown } } })).status).toBe(200);
  });

  it('answers a list literal nested to the token limit without a 500', async () => {
    const depth = 2000;
    const { status, json } = await send(api.url, { body: { query: `{ search(text: "x", types: ${'['.repeat(depth)}COMPANY${']'.repeat(depth)}) { id } }` } });
    expect(status).toBeLessThan(500);
    expect(codes(json)).toEqual(['BAD_USER_INPUT']);
  });

  it.each([
    ['gzip', Buffer.from('this is not gzip')],
    ['gzip', gzipSync(Buffer.from('{"query": "{ fylker { nr } }"}')).subarray(0, 20)],
    ['deflate', Buffer.from('nor deflate')],
    ['br', Buffer.from('nor brotli')],
  ])('answers a corrupt %s body in JSON with a code, never an HTML page', async (encoding, body) => {
    const { status, headers, text, json } = await send(api.url, { body: new Uint8Array(body), headers: { 'content-encoding': encoding } });
    expect(status).toBe(400);
    expect(headers.get('content-type')).toMatch(/json/);
    expect(text).not.toMatch(/<html|<pre|at .*\.js/i);
    expect(codes(json)).toEqual(['BAD_USER_INPUT']);
  });

  it('counts 1,500 aliases of __typename against the alias limit', async () => {
    const aliases = Array.from({ length: 1500 }, (_, i) => `t${i}: __typename`).join(' ');
    const { status, json } = await send(api.url, { body: { query: `{ kommuner(first: 500) { edges { node { ${aliases} } } } }` } });
    expect(status).toBe(400);
    expect(codes(json)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('hides enum "did you mean" suggestions when introspection is off', async () => {
    const closed = await listenWith({ db, auth, limits: { ...DEFAULTS.limits, introspection: false } });
    try {
      const literal = await send(closed.url, { body: { query: '{ correlation(metric: COMMUTING_PARTNER, indicator: "x", year: 2021) { n } }' } });
      const variable = await send(closed.url, {
        body: { query: 'query($m: CooperationMetric!) { correlation(metric: $m, indicator: "x", year: 2021) { n } }', variables: { m: 'COMMUTING_PARTNER' } },
      });
      for (const answer of [literal, variable]) {
        expect(codes(answer.json)).toEqual(['BAD_USER_INPUT']);
        expect(JSON.stringify(answer.json)).not.toMatch(/did you mean|COMMUTING_PARTNERS|Suggestion/i);
      }
      // With introspection on, the hint stays: it helps and reveals nothing the schema does not.
      expect(JSON.stringify((await send(api.url, { body: { query: '{ correlation(metric: COMMUTING_PARTNER, indicator: "x", year: 2021) { n } }' } })).json)).toMatch(/COMMUTING_PARTNERS/);
    } finally {
      await closed.close();
    }
  });

  it('refuses tokens without a usable sub with 401 UNAUTHENTICATED', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const sub of [undefined, '', '  ', 7, ['x']]) {
      const token = await new SignJWT({ roles: ['editor'], ...(sub === undefined ? {} : { sub }) } as JWTPayload)
        .setProtectedHeader({ alg: 'HS256' }).setExpirationTime(now + 600).sign(auth.secret!);
      const { status, json } = await send(api.url, { body: { query: '{ fylker { nr } }' }, headers: { authorization: `Bearer ${token}` } });
      expect(status, JSON.stringify(sub)).toBe(401);
      expect(codes(json)).toEqual(['UNAUTHENTICATED']);
    }
  });
});

describe('an unreachable Neo4j', () => {
  it('is logged at error level once per outage, and requests answer SERVICE_UNAVAILABLE', async () => {
    const port = await findFreePort();
    const away = new Database({ uri: `bolt://127.0.0.1:${port}`, user: 'neo4j', password: undefined, database: 'neo4j' });
    const errors = vi.spyOn(logger, 'error');
    try {
      for (let i = 0; i < 2; i += 1) {
        await expect(away.read('RETURN 1')).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
      }
      const outage = errors.mock.calls.filter((call) => String(call[1]).includes('Neo4j is not reachable'));
      expect(outage).toHaveLength(1);
    } finally {
      errors.mockRestore();
      await away.close();
    }
  });
});
