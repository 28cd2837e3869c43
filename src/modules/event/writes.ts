import type { EventInput } from '../../generated/graphql.js';
import * as check from '../../graph/validation.js';
import { commonFields, type UpsertPlan, upsertPlan } from '../entity/upsert.js';
import { badInput } from '../../errors.js';

export function eventPlan(input: EventInput): UpsertPlan {
  const startDate = check.optional(input.startDate, (value) => check.isoDate(value, 'input.startDate'));
  const endDate = check.optional(input.endDate, (value) => check.isoDate(value, 'input.endDate'));
  if (startDate && endDate && endDate < startDate) throw badInput('input.endDate is before input.startDate.', 'input.endDate');
  return upsertPlan('Event', check.slugKey(input.key, 'input.key'), { ...commonFields(input), startDate, endDate }, check.source(input.source, 'input.source'));
}
