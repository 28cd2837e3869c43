import type { SchoolInput } from '../../generated/graphql.js';
import * as check from '../../graph/validation.js';
import { commonFields, type UpsertPlan, upsertPlan } from '../entity/upsert.js';

export function schoolPlan(input: SchoolInput): UpsertPlan {
  return upsertPlan('School', check.slugKey(input.key, 'input.key'), {
    ...commonFields(input),
    kind: input.kind,
    nameEn: check.optional(input.nameEn, (value) => check.name(value, 'input.nameEn')),
    orgnr: check.optional(input.orgnr, (value) => check.orgnr(value, 'input.orgnr')),
    address: check.optional(input.address, (value) => check.name(value, 'input.address')),
    postalCode: check.optional(input.postalCode, (value) => check.postalCode(value, 'input.postalCode')),
    postalPlace: check.optional(input.postalPlace, (value) => check.name(value, 'input.postalPlace')),
  }, check.source(input.source, 'input.source'));
}
