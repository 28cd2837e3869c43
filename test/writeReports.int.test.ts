import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/auth/roles.js';
import { isValidOrgnr } from '../src/graph/validation.js';
import { useTestApi, type GraphQLResult } from './support/api.js';
import { contextAs } from './support/auth.js';

/**
 * Writes reported as they happened (issue: "concurrent importRankings each answer created: 3",
 * "a mutation with two fields, the second invalid, answers data: null but the first was
 * committed", "several companies can share one organisasjonsnummer", "changes cannot be paged
 * back"). Ranks go to edition 2087 of kommune-nm/total, which no seed or other test uses;
 * entities carry PREFIX; only those, their audit entries and sources are removed afterwards.
 */
const context = useTestApi();
const PREFIX = `zz-r${randomUUID().slice(0, 8)}`;
const EDITION = 2087;
const SOURCE = { title: `${PREFIX} ranks`, url: 'https://example.org/ranks', publisher: 'Test publisher' };
const extraIds = new Set<string>();

afterAll(async () => {
  const { db } = context;
  await db.write('MATCH (e:RankingEntry {edition: $edition}) DETACH DELETE e', { edition: EDITION });
  await db.write('MATCH (n:Entity) WHERE n.id CONTAINS $prefix OR n.id IN $ids DETACH DELETE n', { prefix: PREFIX, ids: [...extraIds] });
  await db.write(
    `MATCH (a:AuditEntry) WHERE a.entityId CONTAINS $prefix OR a.entityId IN $ids OR a.entityId STARTS WITH $entries DELETE a`,
    { prefix: PREFIX, ids: [...extraIds], entries: `RankingEntry:kommune-nm/total/${EDITION}/` },
  );
  await db.write('MATCH (s:Source) WHERE s.title STARTS WITH $prefix DELETE s', { prefix: PREFIX });
});

async function as<T = any>(role: Role | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> {
  const response = await context.api.server.apollo.executeOperation({ query, variables }, { contextValue: contextAs(context.db, role) });
  if (response.body.kind !== 'single') throw new Error('incremental delivery is not expected');
  return response.body.singleResult as GraphQLResult<T>;
}

async function freshOrgnr(): Promise<string> {
  for (;;) {
    const base = `8${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    const candidate = Array.from({ length: 10 }, (_, d) => `${base}${d}`).find(isValidOrgnr);
    if (!candidate) continue;
    const rows = await context.db.read('MATCH (n:Company) WHERE n.id = $id OR n.orgnr = $orgnr RETURN n.id', { id: `Company:${candidate}`, orgnr: candidate });
    if (rows.length === 0) {
      extraIds.add(`Company:${candidate}`);
      return candidate;
    }
  }
}

describe('20 identical importRankings at once', () => {
  it('report 3 created in total, the rest unchanged, and audit each entry created exactly once', async () => {
    const rows = [
      { kommune: '3006', rank: 1, scope: 'NATIONAL' },
      { kommune: '0301', rank: 2, scope: 'NATIONAL' },
      { kommune: '3024', rank: 3, scope: 'NATIONAL' },
    ];
    const mutation = `mutation($rows: [RankingRowInput!]!, $source: SourceInput!) {
      importRankings(indicator: "kommune-nm/total", edition: ${EDITION}, rows: $rows, source: $source) { created updated unchanged written }
    }`;
    const results = await Promise.all(Array.from({ length: 20 }, () => as('editor', mutation, { rows, source: SOURCE })));
    for (const result of results) expect(result.errors).toBeUndefined();
    const reports = results.map((result) => result.data.importRankings);
    const total = (key: 'created' | 'updated' | 'unchanged') => reports.reduce((sum, report) => sum + report[key], 0);
    expect({ created: total('created'), updated: total('updated'), unchanged: total('unchanged') }).toEqual({ created: 3, updated: 0, unchanged: 57 });
    // Each call is all one thing: the one that wrote, or one that found everything written.
    expect(reports.filter((report) => report.created === 3)).toHaveLength(1);

    const audit = await context.db.read<{ entityId: string; before: string | null }>(
      'MATCH (a:AuditEntry) WHERE a.entityId STARTS WITH $prefix RETURN a.entityId AS entityId, a.before AS before ORDER BY entityId',
      { prefix: `RankingEntry:kommune-nm/total/${EDITION}/` },
    );
    expect(audit).toHaveLength(3);
    expect(audit.every((entry) => entry.before === null)).toBe(true);
    expect(await context.db.read('MATCH (e:RankingEntry {edition: $edition}) RETURN e.id', { edition: EDITION })).toHaveLength(3);
  });
});

const TWO_COMPANIES = `mutation($a: CompanyInput!, $b: CompanyInput!) {
  a: upsertCompany(input: $a) { id }
  b: upsertCompany(input: $b) { id }
}`;

describe('a mutation with two fields', () => {
  it('whose second is invalid writes nothing (regression: the first was committed behind data: null)', async () => {
    const a = { key: `${PREFIX}-first`, name: `${PREFIX} First`, source: SOURCE };
    const b = { key: `${PREFIX}-second`, name: 'x'.repeat(201), source: SOURCE };
    const result = await as('editor', TWO_COMPANIES, { a, b });
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'b', argumentName: 'input.name' });
    expect(result.errors![0]!.message).toMatch(/^b: input\.name may be at most 200 characters; got 201\. No field of this operation was written\.$/);
    expect(await context.db.read('MATCH (n:Entity) WHERE n.id STARTS WITH $id RETURN n.id', { id: `Company:${PREFIX}` })).toEqual([]);
    expect(await context.db.read('MATCH (a:AuditEntry) WHERE a.entityId STARTS WITH $id RETURN a.id', { id: `Company:${PREFIX}` })).toEqual([]);
  });

  it('whose second fails while writing names the first as written', async () => {
    const result = await as('editor', `mutation($a: CompanyInput!, $link: LinkInput!) {
      a: upsertCompany(input: $a) { id }
      b: link(input: $link) { id }
    }`, {
      a: { key: `${PREFIX}-linked`, name: `${PREFIX} Linked`, source: SOURCE },
      link: { type: 'LOCATED_IN', from: `Company:${PREFIX}-linked`, to: 'Kommune:9999', source: SOURCE },
    });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', written: ['a'] });
    expect(result.errors![0]!.message).toMatch(/The fields before it in this operation were written: a\.$/);
  });
});

describe('an organisasjonsnummer', () => {
  it('belongs to one company: another company given it is refused, naming the holder', async () => {
    const orgnr = await freshOrgnr();
    const first = await as('editor', 'mutation($i: CompanyInput!) { upsertCompany(input: $i) { id } }', { i: { orgnr, name: `${PREFIX} Holder`, source: SOURCE } });
    expect(first.errors).toBeUndefined();
    const second = await as('editor', 'mutation($i: CompanyInput!) { upsertCompany(input: $i) { id } }', {
      i: { key: `${PREFIX}-other`, orgnr, name: `${PREFIX} Other`, source: SOURCE },
    });
    expect(second.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.orgnr' });
    expect(second.errors![0]!.message).toBe(`organisasjonsnummer ${orgnr} belongs to Company:${orgnr} ("${PREFIX} Holder"); update that company instead.`);
    expect(await context.db.read('MATCH (c:Company {orgnr: $orgnr}) RETURN c.id', { orgnr })).toHaveLength(1);
  });

  it('is unique in the database too (the constraint the migrations make)', async () => {
    const constraints = await context.db.read<{ name: string }>("SHOW CONSTRAINTS YIELD name WHERE name = 'company_orgnr_unique' RETURN name");
    expect(constraints).toEqual([{ name: 'company_orgnr_unique' }]);
  });
});

describe('the audit trail', () => {
  it('pages back to the oldest entry with after, and its errors name arguments that exist', async () => {
    const id = `Company:${PREFIX}-paged`;
    for (const name of ['One', 'Two', 'Three']) {
      const result = await as('editor', 'mutation($i: CompanyInput!) { upsertCompany(input: $i) { id } }', { i: { key: `${PREFIX}-paged`, name, source: SOURCE } });
      expect(result.errors).toBeUndefined();
    }
    const page = async (after: string | null) => {
      const result = await as('admin', 'query($e: ID, $after: ID) { changes(entity: $e, first: 2, after: $after) { id after } }', { e: id, after });
      expect(result.errors).toBeUndefined();
      return result.data.changes as { id: string; after: string }[];
    };
    const first = await page(null);
    expect(first.map((entry) => JSON.parse(entry.after).name)).toEqual(['Three', 'Two']);
    const second = await page(first.at(-1)!.id);
    expect(second.map((entry) => JSON.parse(entry.after).name)).toEqual(['One']);

    const tooMany = await as('admin', '{ changes(first: 501) { id } }');
    expect(tooMany.errors![0]!.message).toBe('`first` may be at most 500; page with `after` for more.');
    const unknown = await as('admin', '{ changes(after: "AuditEntry:nope") { id } }');
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
  });
});
