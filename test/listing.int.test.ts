import neo4j from 'neo4j-driver';
import { describe, expect, inject, it } from 'vitest';
import type { Params } from '../src/db/database.js';
import { findCompanyPagesByKommune, type CompanyPageRequest } from '../src/modules/kommune/repository.js';
import { countedQuery, useTestApi } from './support/api.js';

const context = useTestApi();

type Plan = { operatorType: string; arguments: Record<string, unknown>; dbHits?: number; children: Plan[] };

/** Every operator of a statement's plan, top down: EXPLAIN (nothing runs) or PROFILE (it runs, with db hits). */
async function operatorsOf(mode: 'EXPLAIN' | 'PROFILE', cypher: string, params: Params): Promise<Plan[]> {
  const connection = inject('neo4j');
  const driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password ?? ''));
  const session = driver.session({ database: connection.database, defaultAccessMode: neo4j.session.READ });
  try {
    const { summary } = await session.run(`${mode} ${cypher}`, params);
    const operators: Plan[] = [];
    const walk = (plan: Plan) => {
      operators.push(plan);
      plan.children.forEach(walk);
    };
    walk((mode === 'EXPLAIN' ? summary.plan : summary.profile) as unknown as Plan);
    return operators;
  } finally {
    await session.close();
    await driver.close();
  }
}

/** Each operator of a statement's plan with its details, as EXPLAIN gives them (nothing runs). */
async function planOf(cypher: string, params: Params): Promise<string[]> {
  return (await operatorsOf('EXPLAIN', cypher, params))
    .map((plan) => `${plan.operatorType.split('@')[0]} ${String(plan.arguments.Details ?? '')}`);
}

/** The db hits of a statement over all its operators, as PROFILE counts them (the statement runs). */
async function dbHitsOf(cypher: string, params: Params): Promise<number> {
  return (await operatorsOf('PROFILE', cypher, params)).reduce((sum, plan) => sum + (plan.dbHits ?? 0), 0);
}

/** The statements a query sends, with their parameters. */
async function statementsOf(query: string): Promise<{ cypher: string; params: Params }[]> {
  const sent: { cypher: string; params: Params }[] = [];
  const stop = context.db.observe((cypher, params) => { sent.push({ cypher, params }); });
  try {
    const result = await context.api.query(query);
    expect(result.errors).toBeUndefined();
  } finally {
    stop();
  }
  return sent;
}

describe('listings filtered by kommune', () => {
  it.each(['companies', 'clusters', 'schools', 'events', 'initiatives'])('%s(kommune:) lists what the kommune lists, page by page', async (field) => {
    const nested = field === 'companies' ? 'companies(first: 200) { totalCount edges { node { id } } }' : `${field} { id }`;
    const { data: whole } = await countedQuery(context, `{ kommune(nr: "3006") { ${nested} } }`);
    const expected: string[] = field === 'companies'
      ? whole.kommune.companies.edges.map((edge: { node: { id: string } }) => edge.node.id)
      : whole.kommune[field].map((node: { id: string }) => node.id);
    expect(expected.length).toBeGreaterThan(0);

    const ids: string[] = [];
    let after: string | null = null;
    let totalCount = 0;
    do {
      const { data } = await countedQuery(context, `query($after: String) { ${field}(kommune: "3006", first: 2, after: $after) {
        totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`, { after });
      ids.push(...data[field].edges.map((edge: { node: { id: string } }) => edge.node.id));
      totalCount = data[field].totalCount;
      after = data[field].pageInfo.hasNextPage ? data[field].pageInfo.endCursor : null;
    } while (after !== null);
    // The kommune's own lists have their own order (events newest first in both; the rest by name).
    expect([...ids].sort()).toEqual([...expected].sort());
    expect(new Set(ids).size).toBe(ids.length);
    expect(totalCount).toBe(ids.length);
  });

  it('reaches the kommune\'s entities from the kommune, never by testing every company', async () => {
    const sent = await statementsOf('{ companies(kommune: "3006", first: 5) { totalCount edges { node { id name } } } }');
    const listings = sent.filter((statement) => statement.cypher.includes('LOCATED_IN'));
    expect(listings).toHaveLength(2); // the page and its totalCount
    for (const { cypher, params } of listings) {
      const plan = await planOf(cypher, params);
      expect(plan.some((operator) => operator.startsWith('NodeUniqueIndexSeek') && operator.includes(':Kommune(id)'))).toBe(true);
      expect(plan.filter((operator) => operator.startsWith('NodeByLabelScan'))).toEqual([]);
    }
  });

  it('still scans the label when no kommune is given, and filters search hits by kommune', async () => {
    const { data } = await countedQuery(context, `{
      all: companies(first: 500) { totalCount }
      here: companies(kommune: "3006", first: 500) { totalCount edges { node { id } } }
      found: companies(search: "kongsberg", kommune: "3006", first: 500) { edges { node { id } } }
    }`);
    expect(data.all.totalCount).toBeGreaterThan(data.here.totalCount);
    const here = new Set(data.here.edges.map((edge: { node: { id: string } }) => edge.node.id));
    expect(data.found.edges.length).toBeGreaterThan(0);
    for (const edge of data.found.edges) expect(here.has(edge.node.id)).toBe(true);
  });
});

describe('pages cut before they read properties', () => {
  /** Whether every `.*` projection of the plan runs after its last Top or Limit (above it in EXPLAIN's tree). */
  const readsAfterCut = (plan: string[]) => {
    const cut = plan.findIndex((operator) => /^(Top|Limit|PartialTop)\b/.test(operator));
    const reads = plan.flatMap((operator, index) => (operator.includes('.*') ? [index] : []));
    return cut >= 0 && reads.length > 0 && reads.every((index) => index < cut);
  };

  it.each([
    ['search', '{ search(text: "kongsberg", first: 5) { id label } }'],
    ['a listing', '{ companies(first: 5) { edges { node { id name } } } }'],
  ])('%s keeps its best rows before reading their properties', async (_what, query) => {
    const sent = await statementsOf(query);
    expect(sent).toHaveLength(1);
    expect(readsAfterCut(await planOf(sent[0]!.cypher, sent[0]!.params))).toBe(true);
  });
});

describe('whole lists by name', () => {
  it.each(['companies', 'clusters', 'schools', 'initiatives'])('%s pages forwards and backwards in (name, id) order from the name index', async (field) => {
    const label = { companies: 'Company', clusters: 'Cluster', schools: 'School', initiatives: 'Initiative' }[field]!;
    const expected = (await context.db.read<{ id: string }>(`MATCH (n:${label}) RETURN n.id AS id ORDER BY n.name, n.id`)).map((row) => row.id);
    expect(expected.length).toBeGreaterThan(1);
    const size = Math.ceil(expected.length / 4);

    const forwards: string[] = [];
    let after: string | null = null;
    do {
      const { data } = await countedQuery(context, `query($after: String) { ${field}(first: ${size}, after: $after) {
        totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`, { after });
      expect(data[field].totalCount).toBe(expected.length);
      forwards.push(...data[field].edges.map((edge: { node: { id: string } }) => edge.node.id));
      after = data[field].pageInfo.hasNextPage ? data[field].pageInfo.endCursor : null;
    } while (after !== null);
    expect(forwards).toEqual(expected);

    const backwards: string[] = [];
    let before: string | null = null;
    do {
      const { data } = await countedQuery(context, `query($before: String) { ${field}(last: ${size}, before: $before) {
        edges { node { id } } pageInfo { hasPreviousPage startCursor } } }`, { before });
      backwards.unshift(...data[field].edges.map((edge: { node: { id: string } }) => edge.node.id));
      before = data[field].pageInfo.hasPreviousPage ? data[field].pageInfo.startCursor : null;
    } while (before !== null);
    expect(backwards).toEqual(expected);
  });

  it('reads a page from the name index, first and after a cursor, without sorting the label', async () => {
    const first = await countedQuery(context, '{ companies(first: 3) { pageInfo { endCursor } } }');
    const queries = ['{ companies(first: 3) { edges { node { id } } } }',
      `{ companies(first: 3, after: "${first.data.companies.pageInfo.endCursor}") { edges { node { id } } } }`,
      `{ companies(last: 3, before: "${first.data.companies.pageInfo.endCursor}") { edges { node { id } } } }`];
    for (const query of queries) {
      const sent = await statementsOf(query);
      expect(sent).toHaveLength(1);
      const plan = await planOf(sent[0]!.cypher, sent[0]!.params);
      expect(plan.some((operator) => /^NodeIndex(Scan|Seek)/.test(operator) && operator.includes(':Company(name)'))).toBe(true);
      expect(plan.filter((operator) => /^(Sort|Top|NodeByLabelScan)\b/.test(operator))).toEqual([]);
    }
  });
});

describe('a kommune\'s page of companies', () => {
  type Company = { id: string; name: string };
  const companiesOf = async (kommuneId: string) => context.db.read<Company>(
    'MATCH (c:Company)-[:LOCATED_IN]->(:Kommune {id: $kommuneId}) RETURN c.id AS id, c.name AS name ORDER BY c.name, c.id', { kommuneId });
  const request = (kommuneId: string, cursor: Company | undefined, backward: boolean): CompanyPageRequest => ({
    kommuneId, limit: 4, afterName: cursor?.name ?? null, afterId: cursor?.id ?? null, backward, withMemberships: false, companyProperties: ['id', 'name'],
  });

  it('reads the same pages whether it walks the name index (a large share of all companies) or sorts the kommune\'s', async () => {
    const all = (await context.db.read<{ all: number }>('MATCH (c:Company) RETURN count(c) AS all'))[0]!.all;
    const kommuner = await context.db.read<{ id: string; located: number; companies: number }>(
      `MATCH (k:Kommune) WITH k, COUNT { (k)<-[:LOCATED_IN]-() } AS located, COUNT { (k)<-[:LOCATED_IN]-(:Company) } AS companies
       WHERE companies > 0 RETURN k.id AS id, located, companies ORDER BY companies DESC`);
    // Both reads are taken in the seeded graph: the walk where located² > limit × all (see findCompanyPagesByKommune).
    const walks = kommuner.filter((k) => k.located * k.located > 4 * all);
    expect(walks.length).toBeGreaterThan(0);
    expect(kommuner.length).toBeGreaterThan(walks.length);

    for (const kommune of kommuner) {
      const expected = await companiesOf(kommune.id);
      const middle = expected[Math.floor(expected.length / 2)];
      const requests = [request(kommune.id, undefined, false), request(kommune.id, middle, false),
        request(kommune.id, undefined, true), request(kommune.id, middle, true)];
      const pages = (await findCompanyPagesByKommune(context.db, requests)).map((page) => page.map((row) => row.company.id));
      const ids = expected.map((company) => company.id);
      const at = Math.floor(expected.length / 2);
      expect(pages, kommune.id).toEqual([ids.slice(0, 4), ids.slice(at + 1, at + 5), ids.slice(-4).reverse(), ids.slice(Math.max(0, at - 4), at).reverse()]);
    }
  });

  it('walks the name index for the largest kommune and sorts for one with a single company', async () => {
    const all = (await context.db.read<{ all: number }>('MATCH (c:Company) RETURN count(c) AS all'))[0]!.all;
    const kommuner = await context.db.read<{ id: string; located: number }>(
      'MATCH (k:Kommune) WHERE COUNT { (k)<-[:LOCATED_IN]-(:Company) } > 0 RETURN k.id AS id, COUNT { (k)<-[:LOCATED_IN]-() } AS located ORDER BY located DESC, k.id');
    const large = kommuner[0]!;
    const small = kommuner.at(-1)!;
    expect(small.located).toBe(1);
    expect(large.located * large.located).toBeGreaterThan(4 * all);
    expect(small.located * small.located).toBeLessThanOrEqual(4 * all);
    for (const [kommune, walks] of [[large, true], [small, false]] as const) {
      const sent: { cypher: string; params: Params }[] = [];
      const stop = context.db.observe((cypher, params) => { sent.push({ cypher, params }); });
      try {
        await findCompanyPagesByKommune(context.db, [request(kommune.id, undefined, false)]);
      } finally {
        stop();
      }
      expect(sent).toHaveLength(1);
      // The subqueries run inside the projection (a CASE), so their operators are not listed; their
      // db hits are. A sort reads every relationship into the kommune (≥ located hits); a walk over
      // the index for a kommune of one company reads every entry of the index (≥ all hits).
      const hits = await dbHitsOf(sent[0]!.cypher, sent[0]!.params);
      if (walks) expect(hits, kommune.id).toBeLessThan(kommune.located);
      else expect(hits, kommune.id).toBeLessThan(all);
    }
  });
});
