import { mapInitiative } from './mappers.js';
import type { Resolvers } from '../../generated/graphql.js';
import { firstRelatedOf, relatedEntities } from '../entity/related.js';
import { sourcesField } from '../entity/resolvers.js';
import { listLocated } from '../kommune/lookup.js';

export const initiativeResolvers: Resolvers = {
  Query: {
    initiatives: (_parent, args, ctx) => listLocated(ctx, 'Initiative', args, mapInitiative),
  },
  Initiative: {
    ...sourcesField,
    kommune: (initiative, _args, ctx) => firstRelatedOf(ctx, 'Initiative.kommune', initiative.id, 'Kommune'),
    proposedBy: (initiative, _args, ctx) => relatedEntities(ctx, 'Initiative.proposedBy', initiative.id),
    participants: (initiative, _args, ctx) => relatedEntities(ctx, 'Initiative.participants', initiative.id),
  },
};
