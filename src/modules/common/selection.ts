import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** What a lookahead needs of a resolver's `info`: the field's nodes and the operation's fragments. */
export type Selection = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

function fieldsIn(set: SelectionSetNode, name: string, fragments: Selection['fragments'], seen: ReadonlySet<string>, into: FieldNode[]): void {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value === name) into.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      fieldsIn(selection.selectionSet, name, fragments, seen, into);
    } else {
      const fragment = fragments[selection.name.value];
      if (fragment && !seen.has(fragment.name.value)) {
        fieldsIn(fragment.selectionSet, name, fragments, new Set([...seen, fragment.name.value]), into);
      }
    }
  }
}

/**
 * The selection of the child field `name` under the field being resolved, looking through
 * inline fragments and fragment spreads; null when the client did not select it. When the
 * child appears under several aliases, the first alias wins (its nodes are the ones GraphQL
 * will hand that child's resolver). `@skip`/`@include` are not evaluated: a field they drop
 * counts as selected, which costs a few rows, never a wrong answer.
 */
export function childSelection(selection: Selection, name: string): Selection | null {
  const found: FieldNode[] = [];
  for (const node of selection.fieldNodes) {
    if (node.selectionSet) fieldsIn(node.selectionSet, name, selection.fragments, new Set(), found);
  }
  if (found.length === 0) return null;
  const responseKey = (node: FieldNode) => node.alias?.value ?? node.name.value;
  const first = responseKey(found[0]!);
  return { fieldNodes: found.filter((node) => responseKey(node) === first), fragments: selection.fragments };
}

/**
 * Whether the client's selection under the field being resolved reaches `path` (field names,
 * e.g. `['edges', 'node', 'memberships']`). Resolvers use it to fetch a nested list in the same
 * round trip as its parent when, and only when, it is asked for.
 */
export function selects(selection: Selection, path: readonly string[]): boolean {
  let current: Selection | null = selection;
  for (const name of path) {
    current = childSelection(current, name);
    if (!current) return false;
  }
  return true;
}
