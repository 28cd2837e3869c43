import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/auth/roles.js';
import { isValidOrgnr } from '../src/graph/validation.js';
import { codesOf, useTestApi, type GraphQLResult } from './support/api.js';
import { contextAs } from './support/auth.js';

/**
 * Mutations against the seeded test graph, in process with a verified viewer (the token path
 * itself is covered by auth.int.test.ts). Everything written here has PREFIX in its id or its
 * source's title, and only that is removed afterwards.
 */
const context = useTestApi();
const PREFIX = `zz-w${randomUUID().slice(0, 8)}`;
const SOURCE = { title: `${PREFIX} register`, url: 'https://example.org/register', publisher: 'Test publisher', note: null };
/** Entities keyed without the prefix (by organisasjonsnummer), removed by id. */
const extraIds = new Set<string>();

afterAll(async () => {
  const { db } = context;
  await db.write('MATCH (n:Entity) WHERE n.id CONTAINS $prefix OR n.id IN $ids DETACH DELETE n', { prefix: PREFIX, ids: [...extraIds] });
  await db.write('MATCH (a:AuditEntry) WHERE a.entityId CONTAINS $prefix OR any(id IN $ids WHERE a.entityId CONTAINS id) DELETE a', { prefix: PREFIX, ids: [...extraIds] });
  await db.write('MATCH (s:Source) WHERE s.title STARTS WITH $prefix DELETE s', { prefix: PREFIX });
});

async function as<T = any>(role: Role | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> {
  const response = await context.api.server.apollo.executeOperation({ query, variables }, { contextValue: contextAs(context.db, role) });
  if (response.body.kind !== 'single') throw new Error('incremental delivery is not expected');
  return response.body.singleResult as GraphQLResult<T>;
}

/** A valid organisasjonsnummer that no seed uses. */
async function freshOrgnr(): Promise<string> {
  for (;;) {
    const base = `9${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const candidate = Array.from({ length: 10 }, (_, d) => `${base}${d}`).find(isValidOrgnr);
    if (!candidate) continue;
    const rows = await context.db.read('MATCH (n:Entity {id: $id}) RETURN n.id', { id: `Company:${candidate}` });
    if (rows.length === 0) return candidate;
  }
}

async function auditOf(entityId: string): Promise<{ who: string; operation: string; before: string | null; after: string | null }[]> {
  const result = await as('admin', `query($e: ID!) { changes(entity: $e, first: 500) { who operation before after at } }`, { e: entityId });
  expect(result.errors).toBeUndefined();
  return result.data.changes;
}

const UPSERT_COMPANY = `mutation($input: CompanyInput!) { upsertCompany(input: $input) { id name orgnr sources { title } } }`;

describe('an editor edit', () => {
  it('lands once, is audited and can be read back', async () => {
    const orgnr = await freshOrgnr();
    extraIds.add(`Company:${orgnr}`);
    const input = { orgnr, name: `${PREFIX} Bærum Verktøy`, aliases: ['BV Tools'], source: SOURCE };
    const first = await as('editor', UPSERT_COMPANY, { input });
    expect(first.errors).toBeUndefined();
    expect(first.data.upsertCompany).toEqual({ id: `Company:${orgnr}`, name: input.name, orgnr, sources: [{ title: SOURCE.title }] });

    const again = await as('editor', UPSERT_COMPANY, { input });
    expect(again.data.upsertCompany).toEqual(first.data.upsertCompany);
    const [count] = await context.db.read<{ n: number; sources: string[] }>(
      'MATCH (n:Company {id: $id}) RETURN count(n) AS n, collect(n.sourceIds)[0] AS sources', { id: `Company:${orgnr}` },
    );
    expect(count).toMatchObject({ n: 1 });
    expect(count!.sources).toHaveLength(1);

    const read = await as(null, `query($id: ID!) { node(id: $id) { ... on Company { name orgnr } } }`, { id: `Company:${orgnr}` });
    expect(read.data.node).toEqual({ name: input.name, orgnr });
    const hits = await as(null, `query($t: String!) { search(text: $t, types: [COMPANY]) { id } }`, { t: `${PREFIX} baerum verktoy` });
    expect(hits.data.search.map((hit: { id: string }) => hit.id)).toContain(`Company:${orgnr}`);

    const trail = await auditOf(`Company:${orgnr}`);
    expect(trail).toHaveLength(2);
    expect(trail.every((entry) => entry.who === 'test-editor' && entry.operation === 'upsertCompany')).toBe(true);
    expect(trail.filter((entry) => entry.before === null)).toHaveLength(1);
    expect(JSON.parse(trail[0]!.after!)).toMatchObject({ name: input.name, orgnr, aliases: ['BV Tools'] });
  });

  it('keeps a field left out and removes one set to null, and search follows', async () => {
    const key = `${PREFIX}-aliased`;
    const base = { key, name: `${PREFIX} Aliased`, source: SOURCE };
    await as('editor', UPSERT_COMPANY, { input: { ...base, aliases: ['Qwertyfjord'] } });
    const search = async () => (await as(null, `{ search(text: "qwertyfjord ${PREFIX}") { id } }`)).data.search.map((h: any) => h.id);
    await as('editor', UPSERT_COMPANY, { input: base });
    expect(await search()).toEqual([`Company:${key}`]);
    await as('editor', UPSERT_COMPANY, { input: { ...base, aliases: null } });
    expect(await search()).toEqual([]);
  });

  it.each([
    ['upsertCluster', 'ClusterInput', { kind: 'ARENA', statusYear: 2021, hostPlace: 'Kongsberg' }, '... on Cluster { kind statusYear hostPlace }'],
    ['upsertSchool', 'SchoolInput', { kind: 'UPPER_SECONDARY', nameEn: 'Test School', postalCode: '3612' }, '... on School { kind nameEn }'],
    ['upsertEvent', 'EventInput', { startDate: '2024-02-28', endDate: '2024-02-29' }, '... on Event { startDate endDate }'],
    ['upsertInitiative', 'InitiativeInput', { description: 'Line one\nline two' }, '... on Initiative { description }'],
    ['upsertCollaboration', 'CollaborationInput', { domain: 'barnevern', year: 2023 }, '... on Collaboration { domain }'],
  ])('%s creates the entity with its type fields', async (mutation, inputType, fields, selection) => {
    const key = `${PREFIX}-${mutation.toLowerCase()}`;
    const result = await as('editor', `mutation($input: ${inputType}!) { ${mutation}(input: $input) { id name ${selection} } }`, {
      input: { key, name: `${PREFIX} ${mutation}`, ...fields, source: SOURCE },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data[mutation]).toMatchObject({ name: `${PREFIX} ${mutation}` });
    const { nameEn: _nameEn, postalCode: _postalCode, year: _year, ...shown } = fields as Record<string, unknown>;
    expect(result.data[mutation]).toMatchObject(shown);
  });

  it.each([
    [{ orgnr: '943753708' }, 'input.orgnr'],
    [{ key: 'Not A Slug' }, 'input.key'],
    [{ key: '123456789' }, 'input.key'],
    [{ name: 'x'.repeat(201) }, 'input.name'],
    [{ name: '   ' }, 'input.name'],
    [{ note: 'n'.repeat(2001) }, 'input.note'],
    [{ aliases: ['a\u0000b'] }, 'input.aliases[0]'],
    [{ source: { ...SOURCE, url: 'javascript:alert(1)' } }, 'input.source.url'],
    [{ source: { ...SOURCE, url: 'https://user:secret@example.org/' } }, 'input.source.url'],
  ])('refuses %o before writing anything', async (change, argumentName) => {
    const key = `${PREFIX}-refused`;
    const result = await as('editor', UPSERT_COMPANY, { input: { key, name: `${PREFIX} Refused`, source: SOURCE, ...change } });
    expect(codesOf(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.extensions!.argumentName).toBe(argumentName);
    expect(await context.db.read('MATCH (n:Entity) WHERE n.id STARTS WITH $id RETURN n', { id: `Company:${key}` })).toEqual([]);
  });

  it('checks event dates', async () => {
    const run = (startDate: string, endDate: string) => as('editor', `mutation($input: EventInput!) { upsertEvent(input: $input) { id } }`, {
      input: { key: `${PREFIX}-dated`, name: 'Dated', startDate, endDate, source: SOURCE },
    });
    expect(codesOf(await run('2023-02-29', '2023-03-01'))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await run('2023-03-02', '2023-03-01'))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await run('2023-3-2', '2023-03-03'))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('links', () => {
  const LINK = `mutation($input: LinkInput!) { link(input: $input) { id type note inferred from { id } to { id } sources { title } } }`;
  const UNLINK = `mutation($type: LinkType!, $from: ID!, $to: ID!) { unlink(type: $type, from: $from, to: $to) { removed } }`;

  it('adds a typed relationship once, reads it back, and removes it', async () => {
    const company = `Company:${PREFIX}-member`;
    const cluster = `Cluster:${PREFIX}-network`;
    await as('editor', UPSERT_COMPANY, { input: { key: `${PREFIX}-member`, name: `${PREFIX} Member`, source: SOURCE } });
    await as('editor', `mutation($input: ClusterInput!) { upsertCluster(input: $input) { id } }`, {
      input: { key: `${PREFIX}-network`, name: `${PREFIX} Network`, kind: 'INDUSTRY_NETWORK', source: SOURCE },
    });
    const input = { type: 'MEMBER_OF', from: company, to: cluster, note: 'listed on the member page', inferred: false, source: SOURCE };
    const first = await as('editor', LINK, { input });
    expect(first.errors).toBeUndefined();
    expect(first.data.link).toEqual({
      id: `${company}-MEMBER_OF->${cluster}`, type: 'MEMBER_OF', note: input.note, inferred: false,
      from: { id: company }, to: { id: cluster }, sources: [{ title: SOURCE.title }],
    });
    await as('editor', LINK, { input });
    const members = await as(null, `query($id: ID!) { node(id: $id) { ... on Cluster { members { id } memberCount } } }`, { id: cluster });
    expect(members.data.node).toEqual({ members: [{ id: company }], memberCount: 1 });
    expect((await auditOf(`${company}-MEMBER_OF->${cluster}`)).length).toBe(2);

    await as('editor', LINK, { input: { type: 'LOCATED_IN', from: company, to: 'Kommune:3006', source: SOURCE } });
    const located = await as(null, `query($id: ID!) { node(id: $id) { ... on Company { kommune { name } } } }`, { id: company });
    expect(located.data.node.kommune).toEqual({ name: 'Kongsberg' });

    expect((await as('editor', UNLINK, { type: 'MEMBER_OF', from: company, to: cluster })).data.unlink).toEqual({ removed: true });
    expect((await as('editor', UNLINK, { type: 'MEMBER_OF', from: company, to: cluster })).data.unlink).toEqual({ removed: false });
  });

  it('refuses pairs the model does not allow and ends that do not exist', async () => {
    const company = `Company:${PREFIX}-member`;
    await as('editor', UPSERT_COMPANY, { input: { key: `${PREFIX}-member`, name: `${PREFIX} Member`, source: SOURCE } });
    const run = (type: string, from: string, to: string) => as('editor', LINK, { input: { type, from, to, source: SOURCE } });
    expect(codesOf(await run('CAMPUS_OF', company, 'School:usn-kongsberg'))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await run('LOCATED_IN', company, 'Fylke:30'))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await run('MEMBER_OF', company, company))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await run('MEMBER_OF', company, `Cluster:${PREFIX}-missing`))).toEqual(['NOT_FOUND']);
    expect(codesOf(await run('MEMBER_OF', 'Nonsense', company))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('importRankings', () => {
  const indicatorKey = `${PREFIX}/total`;
  const IMPORT = `mutation($indicator: String!, $edition: Int!, $rows: [RankingRowInput!]!, $source: SourceInput!) {
    importRankings(indicator: $indicator, edition: $edition, rows: $rows, source: $source) {
      edition indicator { key } entries { id rank scope scopeName publishedNr kommune { nr } score }
    } }`;

  it('writes entries with the seeds\' ids, resolving numbers of any era, idempotently', async () => {
    await context.db.write(
      `MERGE (i:Entity {id: $id}) SET i:Indicator, i.key = $key, i.name = $key, i.kind = 'RANK', i.unit = 'rank', i.sourceIds = []`,
      { id: `Indicator:${indicatorKey}`, key: indicatorKey },
    );
    const rows = [
      { kommune: '0604', rank: 1, scope: 'NATIONAL', score: 71.5 },
      { kommune: '3006', rank: 1, scope: 'FYLKE' },
      { kommune: '0301', rank: 2, scope: 'NATIONAL' },
    ];
    const variables = { indicator: indicatorKey, edition: 2030, rows, source: SOURCE };
    const first = await as('editor', IMPORT, variables);
    expect(first.errors).toBeUndefined();
    expect(first.data.importRankings.entries).toEqual([
      { id: `RankingEntry:${indicatorKey}/2030/3006/NATIONAL/1`, rank: 1, scope: 'NATIONAL', scopeName: 'Norge', publishedNr: '0604', kommune: { nr: '3006' }, score: 71.5 },
      { id: `RankingEntry:${indicatorKey}/2030/3006/FYLKE/1`, rank: 1, scope: 'FYLKE', scopeName: 'Viken', publishedNr: null, kommune: { nr: '3006' }, score: null },
      { id: `RankingEntry:${indicatorKey}/2030/0301/NATIONAL/2`, rank: 2, scope: 'NATIONAL', scopeName: 'Norge', publishedNr: null, kommune: { nr: '0301' }, score: null },
    ]);
    const second = await as('editor', IMPORT, variables);
    expect(second.data).toEqual(first.data);
    const [links] = await context.db.read<{ n: number }>(
      'MATCH (e:RankingEntry)-[r:RANKS|FOR_INDICATOR]->() WHERE e.id STARTS WITH $prefix RETURN count(r) AS n', { prefix: `RankingEntry:${indicatorKey}/` },
    );
    expect(links).toEqual({ n: 6 });
    const table = await as(null, `query($k: String!) { ranking(indicator: $k, edition: 2030) { edges { node { rank kommune { name } } } } }`, { k: indicatorKey });
    expect(table.data.ranking.edges.map((e: any) => e.node.kommune.name)).toEqual(['Kongsberg', 'Oslo']);
  });

  it('refuses unknown and VALUE indicators, reports refused rows by index and lands the others', async () => {
    const run = (indicator: string, rows: unknown[]) => as('editor', IMPORT, { indicator, edition: 2030, rows, source: SOURCE });
    expect(codesOf(await run(`${PREFIX}/missing`, [{ kommune: '3006', rank: 1, scope: 'NATIONAL' }]))).toEqual(['NOT_FOUND']);
    expect(codesOf(await run('ssb/higher-education-share', [{ kommune: '3006', rank: 1, scope: 'NATIONAL' }]))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await run(indicatorKey, []))).toEqual(['BAD_USER_INPUT']);

    const REPORT = `mutation($rows: [RankingRowInput!]!, $source: SourceInput!, $strict: Boolean, $dryRun: Boolean) {
      importRankings(indicator: "${indicatorKey}", edition: 2031, rows: $rows, source: $source, strict: $strict, dryRun: $dryRun) {
        entries { id } created updated unchanged refused { index reason } written dryRun
      } }`;
    const rows = [
      { kommune: '9998', rank: 1, scope: 'NATIONAL' },
      { kommune: '3006', rank: 4, scope: 'NATIONAL' },
      { kommune: '3006', rank: 0, scope: 'NATIONAL' },
      { kommune: '0604', rank: 5, scope: 'NATIONAL' },
      { kommune: '0301', name: 'Bergen', rank: 6, scope: 'NATIONAL' },
      { kommune: '0301', name: 'oslo', rank: 7, scope: 'FYLKE' },
    ];
    const refused = [
      { index: 0, reason: "kommunenummer 9998 is not a kommune number of 2020–2023, 2024 or SSB's change list 2011–2020" },
      { index: 2, reason: expect.stringMatching(/^rank/) },
      { index: 3, reason: `duplicate of row 1 (${indicatorKey}, edition 2031, Kommune:3006, NATIONAL)` },
      { index: 4, reason: 'name "Bergen" does not match kommunenummer 0301 (Oslo)' },
    ];
    const landed = [`RankingEntry:${indicatorKey}/2031/3006/NATIONAL/4`, `RankingEntry:${indicatorKey}/2031/0301/FYLKE/7`];

    const strict = await as('editor', REPORT, { rows, source: SOURCE, strict: true });
    expect(codesOf(strict)).toEqual(['BAD_USER_INPUT']);
    expect(strict.errors![0]!.extensions!.refused).toEqual(refused);
    const dry = await as('editor', REPORT, { rows, source: SOURCE, dryRun: true });
    expect(dry.data.importRankings).toEqual({ entries: [], created: 2, updated: 0, unchanged: 0, refused, written: false, dryRun: true });
    const stored = await context.db.read<{ n: number }>('MATCH (e:RankingEntry {edition: 2031}) WHERE e.id STARTS WITH $prefix RETURN count(e) AS n', { prefix: `RankingEntry:${indicatorKey}/` });
    expect(stored).toEqual([{ n: 0 }]);

    const partial = await as('editor', REPORT, { rows, source: SOURCE });
    expect(partial.errors).toBeUndefined();
    expect(partial.data.importRankings).toEqual({ entries: landed.map((id) => ({ id })), created: 2, updated: 0, unchanged: 0, refused, written: true, dryRun: false });
    const again = await as('editor', REPORT, { rows, source: SOURCE });
    expect(again.data.importRankings).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    const trail = await auditOf(landed[0]!);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ operation: 'importRankings', who: 'test-editor', before: null });
    expect(JSON.parse(trail[0]!.after!)).toMatchObject({ rank: 4, edition: 2031, scope: 'NATIONAL' });
  });
});

describe('deleteEntity', () => {
  const DELETE = `mutation($id: ID!, $cascade: Boolean) { deleteEntity(id: $id, cascade: $cascade) { id deleted removedLinks removedRankingEntries } }`;

  it('refuses reference data, whatever the cascade', async () => {
    for (const id of ['Kommune:3006', 'Fylke:30']) {
      expect(codesOf(await as('admin', DELETE, { id, cascade: true }))).toEqual(['BAD_USER_INPUT']);
      expect((await as(null, `query($id: ID!) { node(id: $id) { id } }`, { id })).data.node).toEqual({ id });
    }
  });

  it('refuses to orphan members without cascade, and removes only the links with it', async () => {
    const cluster = `Cluster:${PREFIX}-doomed`;
    const company = `Company:${PREFIX}-survivor`;
    await as('editor', `mutation($input: ClusterInput!) { upsertCluster(input: $input) { id } }`, {
      input: { key: `${PREFIX}-doomed`, name: `${PREFIX} Doomed`, kind: 'ARENA', source: SOURCE },
    });
    await as('editor', UPSERT_COMPANY, { input: { key: `${PREFIX}-survivor`, name: `${PREFIX} Survivor`, source: SOURCE } });
    await as('editor', `mutation($input: LinkInput!) { link(input: $input) { id } }`, { input: { type: 'MEMBER_OF', from: company, to: cluster, source: SOURCE } });

    expect(codesOf(await as('editor', DELETE, { id: cluster }))).toEqual(['FORBIDDEN']);
    const refused = await as('admin', DELETE, { id: cluster });
    expect(codesOf(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.message).toMatch(/1 MEMBER_OF/);
    expect((await as('admin', DELETE, { id: cluster, cascade: true })).data.deleteEntity).toEqual({ id: cluster, deleted: true, removedLinks: 1, removedRankingEntries: 0 });
    expect((await as('admin', DELETE, { id: cluster, cascade: true })).data.deleteEntity.deleted).toBe(false);
    expect((await as(null, `query($id: ID!) { node(id: $id) { id } }`, { id: company })).data.node).toEqual({ id: company });
    const trail = await auditOf(cluster);
    expect(trail[0]).toMatchObject({ operation: 'deleteEntity', who: 'test-admin', after: null });
    expect(JSON.parse(trail[0]!.before!).links).toEqual([`<-MEMBER_OF ${company}`]);
  });
});

describe('the audit trail', () => {
  it('is for admins only, filters by time, and is no entity', async () => {
    for (const role of [null, 'reader', 'editor'] as const) {
      expect(codesOf(await as(role, '{ changes { id } }'))).toEqual([role === null ? 'UNAUTHENTICATED' : 'FORBIDDEN']);
    }
    expect((await as('admin', '{ changes(since: "2999-01-01") { id } }')).data.changes).toEqual([]);
    expect(codesOf(await as('admin', '{ changes(since: "yesterday") { id } }'))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await as('admin', '{ changes(first: 501) { id } }'))).toEqual(['BAD_USER_INPUT']);
    const [entry] = (await as('admin', '{ changes(first: 1) { id } }')).data.changes;
    expect(codesOf(await as(null, `query($id: ID!) { node(id: $id) { id } }`, { id: entry.id }))).toEqual(['BAD_USER_INPUT']);
    const [labels] = await context.db.read<{ entity: number }>('MATCH (a:AuditEntry:Entity) RETURN count(a) AS entity');
    expect(labels).toEqual({ entity: 0 });
  });
});

describe('concurrency', () => {
  it('leaves one node after 50 concurrent upserts of one key', async () => {
    const key = `${PREFIX}-contended`;
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => as('editor', UPSERT_COMPANY, {
      input: { key, name: `${PREFIX} Contended`, aliases: [`alias ${i % 5}`], source: SOURCE },
    })));
    expect(results.flatMap(codesOf)).toEqual([]);
    const [row] = await context.db.read<{ n: number }>('MATCH (n:Entity {id: $id}) RETURN count(n) AS n', { id: `Company:${key}` });
    expect(row).toEqual({ n: 1 });
    const trail = await auditOf(`Company:${key}`);
    expect(trail).toHaveLength(50);
    // The lock serialises them: exactly one saw no node, and each saw its predecessor's result.
    expect(trail.filter((entry) => entry.before === null)).toHaveLength(1);
  });

  it('leaves one relationship after concurrent links of one pair', async () => {
    const from = `Company:${PREFIX}-contended`;
    await Promise.all(Array.from({ length: 20 }, () => as('editor', `mutation($input: LinkInput!) { link(input: $input) { id } }`, {
      input: { type: 'LOCATED_IN', from, to: 'Kommune:3006', source: SOURCE },
    })));
    const [row] = await context.db.read<{ n: number }>('MATCH (:Entity {id: $id})-[r:LOCATED_IN]->() RETURN count(r) AS n', { id: from });
    expect(row).toEqual({ n: 1 });
  });
});

describe('fuzzed mutation input', () => {
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 260 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.constantFrom("x' OR 1=1 //", '}) MATCH (n) DETACH DELETE n //', '`) DETACH DELETE n //', '$(label)', '\u0000', '\ud800', ' ', 'Ålesund'),
  );
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  let run = 0;

  it('never gives INTERNAL_SERVER_ERROR nor a partial write', async () => {
    await fc.assert(fc.asyncProperty(
      fc.record({
        name: text,
        aliases: maybe(fc.array(text, { maxLength: 3 })),
        note: maybe(fc.option(text, { nil: null })),
        orgnr: maybe(fc.oneof(fc.stringMatching(/^\d{9}$/), text)),
        url: maybe(fc.oneof(fc.webUrl(), text)),
        startDate: maybe(fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), text)),
      }),
      async (fuzz) => {
        run += 1;
        const key = `${PREFIX}-fuzz-${run}`;
        const source = { ...SOURCE, title: `${SOURCE.title} ${run}`, url: fuzz.url ?? null };
        const company = await as('editor', UPSERT_COMPANY, { input: { key, name: fuzz.name, aliases: fuzz.aliases, note: fuzz.note, orgnr: fuzz.orgnr, source } });
        const event = await as('editor', `mutation($input: EventInput!) { upsertEvent(input: $input) { id name startDate } }`, {
          input: { key, name: fuzz.name, startDate: fuzz.startDate, source },
        });
        for (const [result, id] of [[company, `Company:${key}`], [event, `Event:${key}`]] as const) {
          const codes = codesOf(result);
          expect(codes.every((code) => code === 'BAD_USER_INPUT')).toBe(true);
          const stored = await context.db.read<{ name: string }>('MATCH (n:Entity {id: $id}) RETURN n.name AS name', { id });
          const audited = await context.db.read('MATCH (a:AuditEntry {entityId: $id}) RETURN a.id', { id });
          if (codes.length > 0) {
            expect(stored).toEqual([]);
            expect(audited).toEqual([]);
          } else {
            expect(stored).toEqual([{ name: fuzz.name.trim() }]);
            expect(audited).toHaveLength(1);
          }
        }
      },
    ), { numRuns: 60 });
  });
});
