import type { Resolvers } from '../../generated/graphql.js';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../context.js';
import { badInput, notFound } from '../../errors.js';
import { parseGlobalId, typeOfEnum } from '../common/records.js';
import { noteCanonical, resolveIds } from '../kommune/lookup.js';
import { selectionOf, selectsAnyOf } from '../common/selection.js';
import { toCytoscapeElements, toGraphology } from './mappers.js';
import { findNeighbourhood, findPath } from './neighbourhood.js';
import { VIEW_RELATIONSHIP_TYPES } from './weights.js';

/** Relationship types as given, each one a type a view can show; BAD_USER_INPUT listing the valid ones otherwise. */
function relationshipTypes(types: readonly string[] | null | undefined, name: string): string[] {
  const unknown = (types ?? []).filter((type) => !VIEW_RELATIONSHIP_TYPES.includes(type));
  if (unknown.length > 0) {
    throw badInput(
      `Unknown relationship type${unknown.length > 1 ? 's' : ''} ${unknown.map((t) => `"${t.slice(0, 60)}"`).join(', ')} in \`${name}\`; valid: ${VIEW_RELATIONSHIP_TYPES.join(', ')}.`,
      name,
    );
  }
  return [...(types ?? [])];
}

function optionalInRange(value: number | null | undefined, min: number, max: number, name: string): number | null {
  return value === null || value === undefined ? null : inRange(value, min, max, name);
}

function inRange(value: number, min: number, max: number, name: string): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(`\`${name}\` must be a whole number from ${min} to ${max}.`, name);
  return value;
}

/**
 * The canonical id of a view's end, by the API's one identity rule (`Kommune:0604` is
 * Kongsberg, `Kommune:3006`); NOT_FOUND when it refers to nothing.
 */
async function canonicalEnd(ctx: Context, info: GraphQLResolveInfo, id: string, argumentName: string): Promise<string> {
  const [resolution] = await resolveIds(ctx, [id], argumentName);
  if (!resolution) throw notFound(`No entity has the id "${id.slice(0, 80)}" (argument ${argumentName}).`);
  return noteCanonical(ctx, info, resolution);
}

/** GraphView fields that are built from node or edge properties (on the view, or on its nodes and edges). */
const NEEDS_PROPERTIES = new Set(['properties', 'cytoscapeElements', 'graphology']);

export const graphResolvers: Resolvers = {
  Query: {
    graph: async (_parent, args, ctx, info) => {
      const { depth, types, limit } = args;
      const include = relationshipTypes(args.relationships, 'relationships');
      // Arguments are checked before the center is looked up: a wrong argument is the answer either way.
      const request = {
        depth: inRange(depth ?? 1, 1, 3, 'depth'),
        labels: types && types.length > 0 ? types.map(typeOfEnum) : null,
        types: include.length > 0 ? include : null,
        exclude: relationshipTypes(args.excludeRelationships, 'excludeRelationships'),
        minWeight: optionalInRange(args.minWeight, 0, 10_000_000, 'minWeight'),
        topPartners: inRange(args.topPartners ?? 10, 1, 2000, 'topPartners'),
        year: optionalInRange(args.year, 1900, 2100, 'year'),
        includeReference: args.includeReference ?? false,
        limit: inRange(limit ?? 200, 1, 2000, 'limit'),
        // A client drawing ids and labels only should not pay for every property of every node.
        properties: selectsAnyOf(selectionOf(info), NEEDS_PROPERTIES, 2),
      };
      // A malformed id is refused before any query, as resolving it would.
      parseGlobalId(args.center, 'center');
      return findNeighbourhood(ctx.db, { ...request, center: args.center }, () => canonicalEnd(ctx, info, args.center, 'center'));
    },
    path: async (_parent, args, ctx, info) => {
      const include = relationshipTypes(args.relationships, 'relationships');
      const request = {
        maxLength: inRange(args.maxLength ?? 6, 1, 8, 'maxLength'),
        types: include.length > 0 ? include : null,
        exclude: relationshipTypes(args.excludeRelationships, 'excludeRelationships'),
        year: optionalInRange(args.year, 1900, 2100, 'year'),
        includeReference: args.includeReference ?? false,
      };
      const [from, to] = await Promise.all([canonicalEnd(ctx, info, args.from, 'from'), canonicalEnd(ctx, info, args.to, 'to')]);
      return findPath(ctx.db, { ...request, from, to });
    },
  },
  GraphView: {
    cytoscapeElements: (view) => toCytoscapeElements(view),
    graphology: (view) => toGraphology(view),
  },
};
