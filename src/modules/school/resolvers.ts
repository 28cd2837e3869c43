import { mapSchool } from './mappers.js';
import type { Resolvers } from '../../generated/graphql.js';
import { firstRelatedOf, relatedOf } from '../entity/related.js';
import { sourcesField } from '../entity/resolvers.js';
import { listLocated } from '../kommune/lookup.js';

export const schoolResolvers: Resolvers = {
  Query: {
    schools: (_parent, args, ctx) => listLocated(ctx, 'School', args, mapSchool),
  },
  School: {
    ...sourcesField,
    kommune: (school, _args, ctx) => firstRelatedOf(ctx, 'School.kommune', school.id, 'Kommune'),
    campusOf: (school, _args, ctx) => firstRelatedOf(ctx, 'School.campusOf', school.id, 'School'),
    campuses: (school, _args, ctx) => relatedOf(ctx, 'School.campuses', school.id, 'School'),
    memberships: (school, _args, ctx) => relatedOf(ctx, 'School.memberships', school.id, 'Cluster'),
    industryPartners: (school, _args, ctx) => relatedOf(ctx, 'School.industryPartners', school.id, 'Company'),
  },
};
