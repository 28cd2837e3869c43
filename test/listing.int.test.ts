import neo4j from 'neo4j-driver';
import { describe, expect, inject, it } from 'vitest';
import type { Params } from '../src/db/database.js';
import { countedQuery, useTestApi } from './support/api.js';

const context = useTestApi();

type Plan = { operatorType: string; arguments: Record<string, unknown>; children: Plan[] };

/** Each operator of a statement's plan with its details, as EXPLAIN gives them (nothing runs). */
async function planOf(cypher: string, params: Params): Promise<string[]> {
  const connection = inject('neo4j');
  const driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password ?? ''));
  const session = driver.session({ database: connection.database, defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.run(`EXPLAIN ${cypher}`, params);
    const operators: string[] = [];
    const walk = (plan: Plan) => {
      operators.push(`${plan.operatorType.split('@')[0]} ${String(plan.arguments.Details ?? '')}`);
      plan.children.forEach(walk);
    };
    walk(result.summary.plan as unknown as Plan);
    return operators;
  } finally {
    await session.close();
    await driver.close();
  }
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
