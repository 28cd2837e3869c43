import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { Resolvers } from '../../generated/graphql.js';
import { badInput } from '../../errors.js';
import { parseGlobalId, typeOfEnum } from '../common/records.js';
import { toCytoscapeElements, toGraphology } from './mappers.js';
import { findNeighbourhood, findPath } from './neighbourhood.js';

const RELATIONSHIP_TYPE = /^[A-Z][A-Z0-9_]{0,49}$/;

function inRange(value: number, min: number, max: number, name: string): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(`\`${name}\` must be a whole number from ${min} to ${max}.`, name);
  return value;
}

/** GraphView fields that are built from node or edge properties. */
const NEEDS_PROPERTIES = new Set(['properties', 'cytoscapeElements', 'graphology']);

/**
 * Whether the selection under `graph` reaches a field built from properties (looking through
 * fragments, two levels: the view and its nodes or edges). `@skip`/`@include` are not evaluated,
 * so a skipped field still fetches properties: more bytes, never a wrong answer.
 */
function needsProperties(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): boolean {
  const search = (set: SelectionSetNode | undefined, depth: number, seen: Set<string>): boolean => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (NEEDS_PROPERTIES.has(selection.name.value)) return true;
        if (depth === 0 && search(selection.selectionSet, 1, seen)) return true;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (search(selection.selectionSet, depth, seen)) return true;
      } else if (!seen.has(`${depth}:${selection.name.value}`)) {
        seen.add(`${depth}:${selection.name.value}`);
        if (search(info.fragments[selection.name.value]?.selectionSet, depth, seen)) return true;
      }
    }
    return false;
  };
  return info.fieldNodes.some((node) => search(node.selectionSet, 0, new Set()));
}

export const graphResolvers: Resolvers = {
  Query: {
    graph: (_parent, { center, depth, types, relationships, limit }, ctx, info) => {
      parseGlobalId(center);
      for (const type of relationships ?? []) {
        if (!RELATIONSHIP_TYPE.test(type)) throw badInput(`"${type.slice(0, 60)}" is not a relationship type (UPPER_SNAKE_CASE, e.g. MEMBER_OF).`, 'relationships');
      }
      return findNeighbourhood(ctx.db, {
        center,
        depth: inRange(depth ?? 1, 1, 3, 'depth'),
        labels: types && types.length > 0 ? types.map(typeOfEnum) : null,
        types: relationships && relationships.length > 0 ? relationships : null,
        limit: inRange(limit ?? 200, 1, 2000, 'limit'),
        // A client drawing ids and labels only should not pay for every property of every node.
        properties: needsProperties(info),
      });
    },
    path: (_parent, { from, to, maxLength }, ctx) => {
      parseGlobalId(from);
      parseGlobalId(to);
      return findPath(ctx.db, from, to, inRange(maxLength ?? 6, 1, 8, 'maxLength'));
    },
  },
  GraphView: {
    cytoscapeElements: (view) => toCytoscapeElements(view),
    graphology: (view) => toGraphology(view),
  },
};
