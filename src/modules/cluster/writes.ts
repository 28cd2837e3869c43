import type { ClusterInput } from '../../generated/graphql.js';
import * as check from '../../graph/validation.js';
import { commonFields, type UpsertPlan, upsertPlan } from '../entity/upsert.js';

export function clusterPlan(input: ClusterInput): UpsertPlan {
  return upsertPlan('Cluster', check.slugKey(input.key, 'input.key'), {
    ...commonFields(input),
    kind: input.kind,
    programmeLevel: check.optional(input.programmeLevel, (value) => check.name(value, 'input.programmeLevel')),
    statusYear: check.optional(input.statusYear, (value) => check.year(value, 'input.statusYear')),
    hostPlace: check.optional(input.hostPlace, (value) => check.name(value, 'input.hostPlace')),
  }, check.source(input.source, 'input.source'));
}
