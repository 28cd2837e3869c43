import type { Resolvers } from '../../generated/graphql.js';
import { sourcesOf } from './related.js';

export const entityResolvers: Resolvers = {
  Node: {
    __resolveType: (record) => record.type,
  },
  Entity: {
    __resolveType: (record) => record.type,
  },
  Source: {
    id: (source) => source.id,
  },
};

/** `sources` for every entity type: records keep the ids, the loader brings the nodes. */
export const sourcesField = {
  sources: (record: { sourceIds: string[] }, _args: unknown, ctx: Parameters<typeof sourcesOf>[0]) =>
    sourcesOf(ctx, record.sourceIds),
};
