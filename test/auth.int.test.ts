import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthConfig } from '../src/config/index.js';
import type { Database } from '../src/db/database.js';
import { credentialSet, listenWith, postGraphQL, testAuthConfig, tokenFor } from './support/auth.js';
import { testDatabase } from './support/database.js';

/**
 * Who may write, over real HTTP with real tokens: every kind of credential against every
 * mutation. Entities written here have PREFIX in their ids and are removed afterwards.
 */
const PREFIX = `zz-a${randomUUID().slice(0, 8)}`;
const SOURCE = { title: `${PREFIX} source`, url: 'https://example.org/auth', publisher: 'Test publisher' };
const INDICATOR = `${PREFIX}/rank`;

/** Every mutation (and the audit query), each valid and repeatable, in an order where later ones find what earlier ones wrote. */
const OPERATIONS: { name: string; role: 'editor' | 'admin'; query: string; variables: Record<string, unknown> }[] = [
  { name: 'upsertCompany', role: 'editor', query: 'mutation($i: CompanyInput!) { upsertCompany(input: $i) { id } }', variables: { i: { key: `${PREFIX}-co`, name: 'Co', source: SOURCE } } },
  { name: 'upsertCluster', role: 'editor', query: 'mutation($i: ClusterInput!) { upsertCluster(input: $i) { id } }', variables: { i: { key: `${PREFIX}-cl`, name: 'Cl', kind: 'NCE', source: SOURCE } } },
  { name: 'upsertSchool', role: 'editor', query: 'mutation($i: SchoolInput!) { upsertSchool(input: $i) { id } }', variables: { i: { key: `${PREFIX}-sc`, name: 'Sc', kind: 'UNIVERSITY', source: SOURCE } } },
  { name: 'upsertEvent', role: 'editor', query: 'mutation($i: EventInput!) { upsertEvent(input: $i) { id } }', variables: { i: { key: `${PREFIX}-ev`, name: 'Ev', source: SOURCE } } },
  { name: 'upsertInitiative', role: 'editor', query: 'mutation($i: InitiativeInput!) { upsertInitiative(input: $i) { id } }', variables: { i: { key: `${PREFIX}-in`, name: 'In', source: SOURCE } } },
  { name: 'upsertCollaboration', role: 'editor', query: 'mutation($i: CollaborationInput!) { upsertCollaboration(input: $i) { id } }', variables: { i: { key: `${PREFIX}-cb`, name: 'Cb', domain: 'barnevern', source: SOURCE } } },
  { name: 'link', role: 'editor', query: 'mutation($i: LinkInput!) { link(input: $i) { id } }', variables: { i: { type: 'MEMBER_OF', from: `Company:${PREFIX}-co`, to: `Cluster:${PREFIX}-cl`, source: SOURCE } } },
  { name: 'unlink', role: 'editor', query: 'mutation { unlink(type: MEMBER_OF, from: "Company:' + PREFIX + '-co", to: "Cluster:' + PREFIX + '-cl") { removed } }', variables: {} },
  {
    name: 'importRankings', role: 'editor',
    query: 'mutation($s: SourceInput!) { importRankings(indicator: "' + INDICATOR + '", edition: 2031, rows: [{ kommune: "3006", rank: 1, scope: NATIONAL }], source: $s) { edition } }',
    variables: { s: SOURCE },
  },
  { name: 'deleteEntity', role: 'admin', query: `mutation { deleteEntity(id: "Initiative:${PREFIX}-in") { deleted } }`, variables: {} },
  { name: 'changes', role: 'admin', query: `{ changes(entity: "Company:${PREFIX}-co") { who } }`, variables: {} },
];

let db: Database;
const servers: { close: () => Promise<void> }[] = [];

async function serve(auth: AuthConfig): Promise<string> {
  const server = await listenWith({ db, auth });
  servers.push(server);
  return server.url;
}

beforeAll(async () => {
  db = testDatabase();
  await db.write(
    `MERGE (i:Entity {id: $id}) SET i:Indicator, i.key = $key, i.name = $key, i.kind = 'RANK', i.unit = 'rank', i.sourceIds = []`,
    { id: `Indicator:${INDICATOR}`, key: INDICATOR },
  );
});

afterAll(async () => {
  for (const api of servers) await api.close();
  await db.write('MATCH (n:Entity) WHERE n.id CONTAINS $prefix DETACH DELETE n', { prefix: PREFIX });
  await db.write('MATCH (a:AuditEntry) WHERE a.entityId CONTAINS $prefix DELETE a', { prefix: PREFIX });
  await db.write('MATCH (s:Source) WHERE s.title STARTS WITH $prefix DELETE s', { prefix: PREFIX });
  await db.close();
});

describe('the auth matrix', () => {
  it('lets each credential do exactly what its role allows, for every mutation', async () => {
    const auth = testAuthConfig();
    const url = await serve(auth);
    const credentials = await credentialSet(auth);
    const seen: string[] = [];
    for (const [kind, token] of Object.entries(credentials)) {
      for (const operation of OPERATIONS) {
        const { status, body } = await postGraphQL(url, operation.query, operation.variables, token);
        const code = body.errors?.[0]?.extensions?.code ?? 'OK';
        seen.push(`${kind} ${operation.name} ${status} ${String(code)}`);
        const rejected = ['expired', 'wrongSignature', 'algNone', 'notYetValid', 'garbage'].includes(kind);
        let expected: string;
        if (rejected) expected = '401 UNAUTHENTICATED';
        else if (kind === 'none') expected = '200 UNAUTHENTICATED';
        else if (kind === 'reader') expected = '200 FORBIDDEN';
        else if (kind === 'editor') expected = operation.role === 'editor' ? '200 OK' : '200 FORBIDDEN';
        else expected = '200 OK';
        expect(`${kind} ${operation.name} ${status} ${String(code)}`).toBe(`${kind} ${operation.name} ${expected}`);
        if (code !== 'OK') expect(body.data?.[operation.name] ?? null).toBeNull();
      }
    }
    expect(seen).toHaveLength(Object.keys(credentials).length * OPERATIONS.length);
    // The editor's writes landed and were signed with the token's subject.
    const trail = await postGraphQL(url, `{ changes(entity: "Company:${PREFIX}-co") { who operation } }`, {}, credentials.admin!);
    expect(trail.body.data.changes.map((c: { who: string }) => c.who).sort()).toEqual(['test-admin', 'test-editor']);
  });

  it('answers a refused token with 401 and a Bearer challenge', async () => {
    const auth = testAuthConfig();
    const url = await serve(auth);
    const response = await fetch(`${url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Basic dXNlcjpwYXNz' }, body: JSON.stringify({ query: '{ fylker { nr } }' }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });
});

describe('a server without a key', () => {
  it('reads for everybody and refuses every write, saying that writes are disabled', async () => {
    const url = await serve(testAuthConfig({ secret: null }));
    const someToken = await tokenFor(testAuthConfig(), 'admin');
    expect((await postGraphQL(url, '{ fylker { nr } }')).body.data.fylker).toHaveLength(11);
    for (const operation of OPERATIONS) {
      for (const token of [null, someToken]) {
        const { body } = await postGraphQL(url, operation.query, operation.variables, token);
        expect(body.errors?.[0]?.extensions?.code, operation.name).toBe('FORBIDDEN');
        expect(body.errors?.[0]?.message).toMatch(/writes are disabled/i);
      }
    }
  });
});

describe('AUTH_REQUIRE_READ', () => {
  it('asks for a reader token before anything is read', async () => {
    const auth = testAuthConfig({ requireRead: true });
    const url = await serve(auth);
    const query = '{ kommune(nr: "3006") { name } }';
    expect((await postGraphQL(url, query)).status).toBe(401);
    expect((await postGraphQL(url, query, {}, await tokenFor(auth, 'reader'))).body.data).toEqual({ kommune: { name: 'Kongsberg' } });
    const noRole = await new SignJWT({ roles: ['visitor'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('5m').sign(auth.secret!);
    const refused = await postGraphQL(url, query, {}, noRole);
    expect(refused.status).toBe(403);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('issuer and audience', () => {
  it('refuses tokens for another issuer or audience', async () => {
    const auth = testAuthConfig({ issuer: 'https://issuer.example.org', audience: 'regional-graph' });
    const url = await serve(auth);
    const query = OPERATIONS[0]!;
    const good = await tokenFor(auth, 'editor');
    const otherAudience = await tokenFor({ ...auth, audience: 'another-api' }, 'editor');
    const noIssuer = await tokenFor({ ...auth, issuer: null }, 'editor');
    expect((await postGraphQL(url, query.query, query.variables, good)).body.errors).toBeUndefined();
    expect((await postGraphQL(url, query.query, query.variables, otherAudience)).status).toBe(401);
    expect((await postGraphQL(url, query.query, query.variables, noIssuer)).status).toBe(401);
  });
});

describe('AUTH_JWKS_URL', () => {
  it('verifies tokens against an identity provider\'s key set', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const stranger = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const provider = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = provider.address() as AddressInfo;
      const url = await serve(testAuthConfig({ secret: null, jwksUrl: new URL(`http://127.0.0.1:${port}/jwks.json`) }));
      const sign = (key: Parameters<SignJWT['sign']>[0]) => new SignJWT({ roles: ['editor'] }).setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setSubject('idp-user').setExpirationTime('5m').sign(key);
      const operation = OPERATIONS[0]!;
      expect((await postGraphQL(url, operation.query, operation.variables, await sign(privateKey))).body.errors).toBeUndefined();
      expect((await postGraphQL(url, operation.query, operation.variables, await sign(stranger.privateKey))).status).toBe(401);
      // A token signed with HS256 over the public key's bytes must not pass as RS256.
      const confused = await new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'HS256', kid: 'k1' }).setSubject('m')
        .setExpirationTime('5m').sign(new TextEncoder().encode(JSON.stringify(jwk)));
      expect((await postGraphQL(url, operation.query, operation.variables, confused)).status).toBe(401);
    } finally {
      await new Promise((resolve) => provider.close(resolve));
    }
  });
});
