import type { PropertyValue } from '../../graph/index.js';
import * as check from '../../graph/validation.js';

/**
 * The shape of an upsert, shared by the domains' write rules (`<domain>/writes.ts`) and the
 * mutation machinery (`write/`): the checked id and only the properties the input names.
 */

/** The entity types editors may create and change; reference data (kommuner, fylker) is not among them. */
export type WritableLabel = 'Company' | 'Cluster' | 'School' | 'Event' | 'Initiative' | 'Collaboration';

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

export function upsertPlan(label: WritableLabel, key: string, props: Record<string, PropertyValue | undefined>, source: check.SourcePlan): UpsertPlan {
  return { label, key, id: `${label}:${key}`, props: compact(props), source };
}

/** Fields every writable type has. */
export function commonFields(input: { name: string; aliases?: readonly string[] | null; note?: string | null }) {
  return {
    name: check.name(input.name, 'input.name'),
    aliases: check.optional(input.aliases, (list) => check.aliases(list, 'input.aliases')),
    note: check.optional(input.note, (value) => check.note(value, 'input.note')),
  };
}

/** The names search should find an entity by, as the seeds gather them: name, aliases, English name. */
export function searchNames(props: Record<string, unknown>): string[] {
  const names = [props.name, ...(Array.isArray(props.aliases) ? props.aliases : []), props.nameEn];
  return names.filter((value): value is string => typeof value === 'string');
}
