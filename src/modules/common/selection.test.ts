import { describe, expect, it } from 'vitest';
import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode, type FieldNode } from 'graphql';
import { childSelection, selects, type Selection } from './selection.js';

/** The selection of the first root field of a document, as a resolver of that field sees it. */
function rootSelection(document: string): Selection {
  const parsed = parse(document);
  const operation = parsed.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(parsed.definitions
    .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
    .map((d) => [d.name.value, d]));
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

describe('selection lookahead', () => {
  it('follows plain fields, inline fragments and fragment spreads', () => {
    const selection = rootSelection(`{ kommune(nr: "3006") {
      name ... on Kommune { rankings { rank } } ...page
    } }
    fragment page on Kommune { companies(first: 5) { edges { node { ...company } } } }
    fragment company on Company { memberships { id } }`);
    expect(selects(selection, ['name'])).toBe(true);
    expect(selects(selection, ['rankings'])).toBe(true);
    expect(selects(selection, ['companies', 'edges', 'node', 'memberships'])).toBe(true);
    expect(selects(selection, ['clusters'])).toBe(false);
    expect(selects(selection, ['companies', 'edges', 'node', 'events'])).toBe(false);
  });

  it('takes the nodes of the first alias of a child', () => {
    const selection = rootSelection(`{ kommune(nr: "3006") { a: companies(first: 2) { edges { cursor } } b: companies(first: 3) { totalCount } a: companies(first: 2) { pageInfo { endCursor } } } }`);
    const companies = childSelection(selection, 'companies')!;
    expect(companies.fieldNodes).toHaveLength(2);
    expect(companies.fieldNodes.every((node) => node.alias?.value === 'a')).toBe(true);
    expect(selects(companies, ['pageInfo'])).toBe(true);
  });

  it('survives fragments that spread each other', () => {
    const selection = rootSelection(`{ node(id: "x") { ...a } } fragment a on Kommune { ...b name } fragment b on Kommune { ...a }`);
    expect(selects(selection, ['name'])).toBe(true);
    expect(selects(selection, ['nr'])).toBe(false);
  });
});
