import { mapCluster } from './mappers.js';
import type { Resolvers } from '../../generated/graphql.js';
import { firstRelatedOf, relatedEntities, relatedOf } from '../entity/related.js';
import { sourcesField } from '../entity/resolvers.js';
import { listLocated } from '../kommune/lookup.js';
import { decodeCursor, pageSize, toConnection } from '../common/pagination.js';

export const clusterResolvers: Resolvers = {
  Query: {
    clusters: (_parent, args, ctx) => listLocated(ctx, 'Cluster', args, mapCluster),
  },
  Cluster: {
    ...sourcesField,
    kommune: (cluster, _args, ctx) => firstRelatedOf(ctx, 'Cluster.kommune', cluster.id, 'Kommune'),
    members: (cluster, _args, ctx) => relatedEntities(ctx, 'Cluster.members', cluster.id),
    membersConnection: async (cluster, { first, after }, ctx) => {
      const limit = pageSize(first, 20);
      const cursor = decodeCursor(after);
      const page = await ctx.loaders.relatedPage('Cluster.members').load({
        id: cluster.id,
        limit: limit + 1,
        afterName: cursor === null ? null : String(cursor.sortValue),
        afterId: cursor?.id ?? null,
      });
      // MEMBER_OF only ever starts at an entity; the filter narrows the type, it drops nothing.
      return toConnection(page.filter((member) => member.type !== 'Source' && member.type !== 'RankingEntry'), limit, (member) => ({ sortValue: member.name, id: member.id }), cursor,
        () => ctx.loaders.relatedCount('Cluster.members').load(cluster.id));
    },
    // Counted in Neo4j: loading every member to count them cost a 5,800-member network all its maps.
    memberCount: (cluster, _args, ctx) => ctx.loaders.relatedCount('Cluster.members').load(cluster.id),
    memberOf: (cluster, _args, ctx) => relatedOf(ctx, 'Cluster.memberOf', cluster.id, 'Cluster'),
    collaboratesWith: (cluster, _args, ctx) => relatedOf(ctx, 'Cluster.collaboratesWith', cluster.id, 'Cluster'),
    initiatives: (cluster, _args, ctx) => relatedOf(ctx, 'Cluster.initiatives', cluster.id, 'Initiative'),
  },
  EntityConnection: {
    totalCount: (connection) => connection.count(),
  },
};
