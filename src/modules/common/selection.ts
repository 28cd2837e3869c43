import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';

/**
 * Look-ahead at what a client selected under the field being resolved, through
 * graphql-parse-resolve-info: fragments are followed, `@skip`/`@include` evaluated with the
 * request's variables, and each field's arguments coerced (defaults applied) as GraphQL would
 * hand them to its resolver. Resolvers use it to read a nested list in the same round trip as its
 * parent when, and only when, the client asked for it.
 */
export type Selection = ResolveTree;

/** The selection of the field being resolved (its arguments and children). */
export function selectionOf(info: GraphQLResolveInfo): Selection {
  const tree = parseResolveInfo(info);
  if (!tree || !('fieldsByTypeName' in tree) || typeof tree.name !== 'string') {
    throw new Error(`no selection for ${info.fieldName}`);
  }
  return tree as Selection;
}

/**
 * The child field `name` (a schema field name, not an alias) under a selection, in any of the
 * types it may return; null when the client did not select it or a directive dropped it. When
 * the child appears under several aliases, the first one wins.
 */
export function childSelection(selection: Selection, name: string): Selection | null {
  for (const fields of Object.values(selection.fieldsByTypeName)) {
    for (const child of Object.values(fields)) {
      if (child.name === name) return child;
    }
  }
  return null;
}

/** Whether the selection reaches `path` (field names, e.g. `['edges', 'node', 'memberships']`). */
export function selects(selection: Selection, path: readonly string[]): boolean {
  let current: Selection | null = selection;
  for (const name of path) {
    current = childSelection(current, name);
    if (!current) return false;
  }
  return true;
}

/** Whether any field named in `names` is selected at most `depth` levels below the selection. */
export function selectsAnyOf(selection: Selection, names: ReadonlySet<string>, depth: number): boolean {
  for (const fields of Object.values(selection.fieldsByTypeName)) {
    for (const child of Object.values(fields)) {
      if (names.has(child.name)) return true;
      if (depth > 1 && selectsAnyOf(child, names, depth - 1)) return true;
    }
  }
  return false;
}
