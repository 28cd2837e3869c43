import type { CompanyInput } from '../../generated/graphql.js';
import * as check from '../../graph/validation.js';
import { commonFields, type UpsertPlan, upsertPlan } from '../entity/upsert.js';
import { badInput } from '../../errors.js';

/** A company is keyed by its organisasjonsnummer when it has one, as the seeds key it. */
export function companyPlan(input: CompanyInput): UpsertPlan {
  const orgnr = check.optional(input.orgnr, (value) => check.orgnr(value, 'input.orgnr'));
  let key: string;
  if (input.key !== undefined && input.key !== null) {
    key = check.slugKey(input.key, 'input.key');
    if (/^\d+$/.test(key)) {
      check.orgnr(key, 'input.key');
      if (orgnr && orgnr !== key) throw badInput('input.key is an organisasjonsnummer other than input.orgnr; give one of them.', 'input.key');
    }
  } else if (orgnr) {
    key = orgnr;
  } else {
    throw badInput('A company needs input.orgnr or, when it has none, a slug input.key.', 'input.key');
  }
  return upsertPlan('Company', key, { ...commonFields(input), orgnr }, check.source(input.source, 'input.source'));
}
