import { mapEvent } from './mappers.js';
import type { Resolvers } from '../../generated/graphql.js';
import { firstRelatedOf, relatedEntities } from '../entity/related.js';
import { sourcesField } from '../entity/resolvers.js';
import { listLocated } from '../kommune/lookup.js';

export const eventResolvers: Resolvers = {
  Query: {
    events: (_parent, args, ctx) => listLocated(ctx, 'Event', args, mapEvent),
  },
  Event: {
    ...sourcesField,
    kommune: (event, _args, ctx) => firstRelatedOf(ctx, 'Event.kommune', event.id, 'Kommune'),
    partners: (event, _args, ctx) => relatedEntities(ctx, 'Event.partners', event.id),
  },
};
