import { describe, expect, it } from 'vitest';
import { buildSchema, execute, parse } from 'graphql';
import { childSelection, type Selection, selectionOf, selects, selectsAnyOf } from './selection.js';

const schema = buildSchema(`
  type Query { kommune(nr: String!): Kommune }
  type Kommune { name: String rankings: [Int] clusters: [Int] companies(first: Int = 20, after: String): CompanyConnection }
  type CompanyConnection { edges: [CompanyEdge] pageInfo: PageInfo totalCount: Int }
  type CompanyEdge { cursor: String node: Company }
  type Company { id: ID memberships: [Int] events: [Int] }
  type PageInfo { endCursor: String }
`);

/** The selection that `Query.kommune`'s resolver sees for a document. */
async function rootSelection(document: string, variables: Record<string, unknown> = {}): Promise<Selection> {
  let seen: Selection | undefined;
  const result = await execute({
    schema,
    document: parse(document),
    variableValues: variables,
    rootValue: { kommune: (_args: unknown, _ctx: unknown, info: Parameters<typeof selectionOf>[0]) => { seen = selectionOf(info); return null; } },
  });
  expect(result.errors).toBeUndefined();
  return seen!;
}

describe('selection look-ahead', () => {
  it('follows plain fields, inline fragments and fragment spreads', async () => {
    const selection = await rootSelection(`{ kommune(nr: "3006") {
      name ... on Kommune { rankings } ...page
    } }
    fragment page on Kommune { companies(first: 5) { edges { node { ...company } } } }
    fragment company on Company { memberships }`);
    expect(selects(selection, ['name'])).toBe(true);
    expect(selects(selection, ['rankings'])).toBe(true);
    expect(selects(selection, ['companies', 'edges', 'node', 'memberships'])).toBe(true);
    expect(selects(selection, ['clusters'])).toBe(false);
    expect(selects(selection, ['companies', 'edges', 'node', 'events'])).toBe(false);
  });

  it('honours @skip and @include with the request\'s variables', async () => {
    const document = `query($with: Boolean!) { kommune(nr: "3006") {
      rankings @include(if: $with)
      clusters @skip(if: $with)
      companies { edges { node { memberships @include(if: $with) } } }
    } }`;
    const on = await rootSelection(document, { with: true });
    expect([selects(on, ['rankings']), selects(on, ['clusters']), selects(on, ['companies', 'edges', 'node', 'memberships'])]).toEqual([true, false, true]);
    const off = await rootSelection(document, { with: false });
    expect([selects(off, ['rankings']), selects(off, ['clusters']), selects(off, ['companies', 'edges', 'node', 'memberships'])]).toEqual([false, true, false]);
  });

  it('gives a child\'s arguments as its resolver gets them, defaults and variables applied', async () => {
    const selection = await rootSelection(`query($after: String) { kommune(nr: "3006") { companies(after: $after) { totalCount } } }`, { after: 'abc' });
    expect(childSelection(selection, 'companies')!.args).toEqual({ first: 20, after: 'abc' });
  });

  it('takes the first alias of a child that is selected under several', async () => {
    const selection = await rootSelection(`{ kommune(nr: "3006") { a: companies(first: 2) { edges { cursor } } b: companies(first: 3) { totalCount } } }`);
    const companies = childSelection(selection, 'companies')!;
    expect(companies.alias).toBe('a');
    expect(companies.args).toEqual({ first: 2 });
    expect(selects(companies, ['totalCount'])).toBe(false);
  });

  it('finds any of a set of fields within a depth', async () => {
    const selection = await rootSelection(`{ kommune(nr: "3006") { companies { edges { node { id } } } } }`);
    expect(selectsAnyOf(selection, new Set(['companies']), 1)).toBe(true);
    expect(selectsAnyOf(selection, new Set(['edges']), 2)).toBe(true);
    expect(selectsAnyOf(selection, new Set(['node']), 2)).toBe(false);
    expect(selectsAnyOf(selection, new Set(['node']), 3)).toBe(true);
  });
});
