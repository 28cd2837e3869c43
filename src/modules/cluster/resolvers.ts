import { mapCluster } from './mappers.js';
import type { Resolvers } from '../../generated/graphql.js';
import { firstRelatedOf, relatedEntities, relatedOf } from '../entity/related.js';
import { sourcesField } from '../entity/resolvers.js';
import { listLocated } from '../kommune/lookup.js';
import { pageOf, toConnection } from '../common/pagination.js';
import { COUNTED_RELATIONS, PAGED_RELATIONS, pagedRelationList, relatedPageRequest } from '../entity/lookahead.js';

export const clusterResolvers: Resolvers = {
  Query: {
    clusters: (_parent, args, ctx) => listLocated(ctx, 'Cluster', args, mapCluster),
  },
  Cluster: {
    ...sourcesField,
    kommune: (cluster, _args, ctx) => firstRelatedOf(ctx, 'Cluster.kommune', cluster.id, 'Kommune'),
    members: (cluster, _args, ctx) => relatedEntities(ctx, 'Cluster.members', cluster.id),
    membersConnection: async (cluster, { first, after, last, before }, ctx) => {
      const { relation, size } = PAGED_RELATIONS['Cluster.membersConnection'];
      const page = pageOf({ first, after, last, before }, pagedRelationList('Cluster.membersConnection', cluster.id), size);
      const members = await ctx.loaders.relatedPage(relation).load(relatedPageRequest(cluster.id, page));
      // MEMBER_OF only ever starts at an entity; the filter narrows the type, it drops nothing.
      return toConnection(members.filter((member) => member.type !== 'Source' && member.type !== 'RankingEntry'), page, (member) => ({ sortValue: member.name, id: member.id }),
        () => ctx.loaders.relatedCount('Cluster.members').load(cluster.id));
    },
    // Counted in Neo4j: loading every member to count them cost a 5,800-member network all its maps.
    memberCount: (cluster, _args, ctx) => ctx.loaders.relatedCount(COUNTED_RELATIONS['Cluster.memberCount']).load(cluster.id),
    memberOf: (cluster, _args, ctx) => relatedOf(ctx, 'Cluster.memberOf', cluster.id, 'Cluster'),
    collaboratesWith: (cluster, _args, ctx) => relatedOf(ctx, 'Cluster.collaboratesWith', cluster.id, 'Cluster'),
    initiatives: (cluster, _args, ctx) => relatedOf(ctx, 'Cluster.initiatives', cluster.id, 'Initiative'),
  },
  EntityConnection: {
    totalCount: (connection) => connection.count(),
  },
};
