import type { Resolvers } from '../../generated/graphql.js';
import { firstRelatedOf, relatedEntities, relatedOf } from '../entity/resolve.js';
import { sourcesField } from '../entity/resolvers.js';
import { listConnection } from '../common/listConnection.js';

export const clusterResolvers: Resolvers = {
  Query: {
    clusters: (_parent, args, ctx) => listConnection(ctx, 'Cluster', args),
  },
  Cluster: {
    ...sourcesField,
    kommune: (cluster, _args, ctx) => firstRelatedOf(ctx, 'Cluster.kommune', cluster.id, 'Kommune'),
    members: (cluster, _args, ctx) => relatedEntities(ctx, 'Cluster.members', cluster.id),
    memberCount: async (cluster, _args, ctx) => (await relatedEntities(ctx, 'Cluster.members', cluster.id)).length,
    memberOf: (cluster, _args, ctx) => relatedOf(ctx, 'Cluster.memberOf', cluster.id, 'Cluster'),
    collaboratesWith: (cluster, _args, ctx) => relatedOf(ctx, 'Cluster.collaboratesWith', cluster.id, 'Cluster'),
    initiatives: (cluster, _args, ctx) => relatedOf(ctx, 'Cluster.initiatives', cluster.id, 'Initiative'),
  },
};
