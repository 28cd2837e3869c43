import { mapCompany } from './mappers.js';
import type { Resolvers } from '../../generated/graphql.js';
import { firstRelatedOf, relatedOf } from '../entity/related.js';
import { sourcesField } from '../entity/resolvers.js';
import { listLocated } from '../kommune/lookup.js';

export const companyResolvers: Resolvers = {
  Query: {
    companies: (_parent, args, ctx) => listLocated(ctx, 'Company', args, mapCompany),
  },
  Company: {
    ...sourcesField,
    kommune: (company, _args, ctx) => firstRelatedOf(ctx, 'Company.kommune', company.id, 'Kommune'),
    memberships: (company, _args, ctx) => relatedOf(ctx, 'Company.memberships', company.id, 'Cluster'),
    events: (company, _args, ctx) => relatedOf(ctx, 'Company.events', company.id, 'Event'),
    schoolPartners: (company, _args, ctx) => relatedOf(ctx, 'Company.schoolPartners', company.id, 'School'),
  },
};
