import { JSONObjectResolver } from 'graphql-scalars';
import { mergeResolvers } from '@graphql-tools/merge';
import type { Resolvers } from './generated/graphql.js';
import { analyticsResolvers } from './modules/analytics/resolvers.js';
import { graphResolvers } from './modules/graph/resolvers.js';
import { clusterResolvers } from './modules/cluster/resolvers.js';
import { companyResolvers } from './modules/company/resolvers.js';
import { entityResolvers } from './modules/entity/resolvers.js';
import { eventResolvers } from './modules/event/resolvers.js';
import { initiativeResolvers } from './modules/initiative/resolvers.js';
import { kommuneResolvers } from './modules/kommune/resolvers.js';
import { nodeResolvers } from './modules/node/resolvers.js';
import { rankingResolvers } from './modules/ranking/resolvers.js';
import { researchResolvers } from './modules/research/resolvers.js';
import { schoolResolvers } from './modules/school/resolvers.js';
import { searchResolvers } from './modules/search/resolvers.js';
import { writeResolvers } from './modules/write/resolvers.js';

/** `totalCount` runs its count query only when a client selects it. */
const totalCount = { totalCount: (connection: { count: () => Promise<number> }) => connection.count() };
const connectionResolvers: Resolvers = Object.fromEntries(
  ['KommuneConnection', 'CompanyConnection', 'ClusterConnection', 'SchoolConnection', 'EventConnection', 'InitiativeConnection', 'RankingConnection']
    .map((type) => [type, totalCount]),
);

export const resolvers: Resolvers = mergeResolvers([
  { JSONObject: JSONObjectResolver },
  connectionResolvers,
  entityResolvers,
  nodeResolvers,
  kommuneResolvers,
  companyResolvers,
  clusterResolvers,
  schoolResolvers,
  eventResolvers,
  initiativeResolvers,
  rankingResolvers,
  searchResolvers,
  analyticsResolvers,
  graphResolvers,
  writeResolvers,
  researchResolvers,
]) as Resolvers;
