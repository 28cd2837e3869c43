import type { CollaborationInput } from '../../generated/graphql.js';
import * as check from '../../graph/validation.js';
import { commonFields, type UpsertPlan, upsertPlan } from '../entity/upsert.js';

export function collaborationPlan(input: CollaborationInput): UpsertPlan {
  return upsertPlan('Collaboration', check.slugKey(input.key, 'input.key'), {
    ...commonFields(input),
    domain: check.text(input.domain, 'input.domain', { max: 100 }),
    year: check.optional(input.year, (value) => check.year(value, 'input.year')),
  }, check.source(input.source, 'input.source'));
}
