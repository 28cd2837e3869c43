import { badInput } from '../../errors.js';
import type {
  ClusterInput, CollaborationInput, CompanyInput, EventInput, InitiativeInput, SchoolInput,
} from '../../generated/graphql.js';
import type { PropertyValue } from '../../graph/index.js';
import * as check from '../../graph/validation.js';

/** The entity types editors may create and change; reference data (kommuner, fylker) is not among them. */
const WRITABLE_LABELS = ['Company', 'Cluster', 'School', 'Event', 'Initiative', 'Collaboration'] as const;
export type WritableLabel = (typeof WRITABLE_LABELS)[number];

/**
 * One upsert, checked: the id, and only the properties the input names — `undefined` never
 * appears, `null` removes a property — so a left-out field keeps what is stored.
 */
export interface UpsertPlan {
  label: WritableLabel;
  key: string;
  id: string;
  props: Record<string, PropertyValue>;
  source: check.SourcePlan;
}

function compact(props: Record<string, PropertyValue | undefined>): Record<string, PropertyValue> {
  return Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined)) as Record<string, PropertyValue>;
}

function plan(label: WritableLabel, key: string, props: Record<string, PropertyValue | undefined>, source: check.SourcePlan): UpsertPlan {
  return { label, key, id: `${label}:${key}`, props: compact(props), source };
}

/** Fields every writable type has. */
function common(input: { name: string; aliases?: readonly string[] | null; note?: string | null }) {
  return {
    name: check.name(input.name, 'input.name'),
    aliases: check.optional(input.aliases, (list) => check.aliases(list, 'input.aliases')),
    note: check.optional(input.note, (value) => check.note(value, 'input.note')),
  };
}

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
  return plan('Company', key, { ...common(input), orgnr }, check.source(input.source, 'input.source'));
}

export function clusterPlan(input: ClusterInput): UpsertPlan {
  return plan('Cluster', check.slugKey(input.key, 'input.key'), {
    ...common(input),
    kind: input.kind,
    programmeLevel: check.optional(input.programmeLevel, (value) => check.name(value, 'input.programmeLevel')),
    statusYear: check.optional(input.statusYear, (value) => check.year(value, 'input.statusYear')),
    hostPlace: check.optional(input.hostPlace, (value) => check.name(value, 'input.hostPlace')),
  }, check.source(input.source, 'input.source'));
}

export function schoolPlan(input: SchoolInput): UpsertPlan {
  return plan('School', check.slugKey(input.key, 'input.key'), {
    ...common(input),
    kind: input.kind,
    nameEn: check.optional(input.nameEn, (value) => check.name(value, 'input.nameEn')),
    orgnr: check.optional(input.orgnr, (value) => check.orgnr(value, 'input.orgnr')),
    address: check.optional(input.address, (value) => check.name(value, 'input.address')),
    postalCode: check.optional(input.postalCode, (value) => check.postalCode(value, 'input.postalCode')),
    postalPlace: check.optional(input.postalPlace, (value) => check.name(value, 'input.postalPlace')),
  }, check.source(input.source, 'input.source'));
}

export function eventPlan(input: EventInput): UpsertPlan {
  const startDate = check.optional(input.startDate, (value) => check.isoDate(value, 'input.startDate'));
  const endDate = check.optional(input.endDate, (value) => check.isoDate(value, 'input.endDate'));
  if (startDate && endDate && endDate < startDate) throw badInput('input.endDate is before input.startDate.', 'input.endDate');
  return plan('Event', check.slugKey(input.key, 'input.key'), { ...common(input), startDate, endDate }, check.source(input.source, 'input.source'));
}

export function initiativePlan(input: InitiativeInput): UpsertPlan {
  return plan('Initiative', check.slugKey(input.key, 'input.key'), {
    ...common(input),
    description: check.optional(input.description, (value) => check.note(value, 'input.description')),
  }, check.source(input.source, 'input.source'));
}

export function collaborationPlan(input: CollaborationInput): UpsertPlan {
  return plan('Collaboration', check.slugKey(input.key, 'input.key'), {
    ...common(input),
    domain: check.text(input.domain, 'input.domain', { max: 100 }),
    year: check.optional(input.year, (value) => check.year(value, 'input.year')),
  }, check.source(input.source, 'input.source'));
}

/** The names search should find an entity by, as the seeds gather them: name, aliases, English name. */
export function searchNames(props: Record<string, unknown>): string[] {
  const names = [props.name, ...(Array.isArray(props.aliases) ? props.aliases : []), props.nameEn];
  return names.filter((value): value is string => typeof value === 'string');
}
