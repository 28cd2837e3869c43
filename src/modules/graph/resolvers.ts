import type { Resolvers } from '../../generated/graphql.js';
import { badInput } from '../../errors.js';
import { parseGlobalId, typeOfEnum } from '../common/records.js';
import { selectionOf, selectsAnyOf } from '../common/selection.js';
import { toCytoscapeElements, toGraphology } from './mappers.js';
import { findNeighbourhood, findPath } from './neighbourhood.js';

const RELATIONSHIP_TYPE = /^[A-Z][A-Z0-9_]{0,49}$/;

function inRange(value: number, min: number, max: number, name: string): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(`\`${name}\` must be a whole number from ${min} to ${max}.`, name);
  return value;
}

/** GraphView fields that are built from node or edge properties (on the view, or on its nodes and edges). */
const NEEDS_PROPERTIES = new Set(['properties', 'cytoscapeElements', 'graphology']);

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
        properties: selectsAnyOf(selectionOf(info), NEEDS_PROPERTIES, 2),
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
