import type { InitiativeInput } from '../../generated/graphql.js';
import * as check from '../../graph/validation.js';
import { commonFields, type UpsertPlan, upsertPlan } from '../entity/upsert.js';

export function initiativePlan(input: InitiativeInput): UpsertPlan {
  return upsertPlan('Initiative', check.slugKey(input.key, 'input.key'), {
    ...commonFields(input),
    description: check.optional(input.description, (value) => check.note(value, 'input.description')),
  }, check.source(input.source, 'input.source'));
}
