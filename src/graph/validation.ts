import { badInput } from '../errors.js';
import { sourceId } from './ids.js';
import type { SourceRecord } from './model.js';

/**
 * Checks of every fact a writer accepts (the mutations, the importers), run before any write. Each returns the clean value
 * or throws BAD_USER_INPUT naming the argument, so a refused mutation never touches the graph.
 */

export const MAX_NAME = 200;
/** Free text: notes, descriptions, a source's note. */
export const MAX_TEXT = 2000;
const MAX_KEY = 100;
const MAX_URL = 2000;
const MAX_ALIASES = 20;
/** `searchText` joins a node's checked names (up to the aliases' limit), so it is bounded by them. */
const MAX_SEARCH_TEXT = (MAX_ALIASES + 3) * (MAX_NAME + 3);

/** Lone surrogates cannot be stored as UTF-8; C0 controls and DEL hide text from readers. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F]/;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/** What a decoder puts where bytes were not valid in the file's encoding: the text is garbled. */
const REPLACEMENT_CHARACTER = '\uFFFD';

function codePoints(value: string): number {
  let n = 0;
  for (const _ of value) n += 1;
  return n;
}

interface TextRule {
  max: number;
  /** Notes and descriptions may hold line breaks and tabs; names may not. */
  multiline?: boolean;
}

/**
 * Why a text cannot be stored under `field`, or null: the one text rule of every writer (the
 * API's arguments, the importers' rows, the seeds, the generator), so what one refuses no other
 * stores.
 */
export function textProblem(value: string, field: string, rule: TextRule): string | null {
  if (LONE_SURROGATE.test(value)) return `${field} is not valid Unicode text`;
  if (value.includes(REPLACEMENT_CHARACTER)) {
    return `${field} contains U+FFFD, the mark of bytes that were not valid in the file's encoding`;
  }
  if ((rule.multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(value)) return `${field} contains control characters`;
  const length = codePoints(value);
  if (length > rule.max) return `${field} may be at most ${rule.max} characters; got ${length}`;
  return null;
}

/** A required text: trimmed, not empty, no control characters, at most `max` characters. */
export function text(value: string, field: string, rule: TextRule): string {
  const trimmed = value.trim();
  if (trimmed === '') throw badInput(`${field} must not be empty.`, field);
  const problem = textProblem(trimmed, field, rule);
  if (problem) throw badInput(`${problem}.`, field);
  return trimmed;
}

/**
 * Stored properties that are names: one line, at most MAX_NAME characters, as the API's `name`
 * checks them. Every other text property may hold line breaks and tabs, up to MAX_TEXT.
 */
const NAME_PROPERTIES: ReadonlySet<string> = new Set([
  'name', 'aliases', 'nameEn', 'officialName', 'acronym', 'title', 'publisher', 'licence', 'scopeName',
]);

function ruleOfProperty(property: string): TextRule {
  if (NAME_PROPERTIES.has(property)) return { max: MAX_NAME };
  if (property === 'searchText') return { max: MAX_SEARCH_TEXT };
  return { max: MAX_TEXT, multiline: true };
}

/**
 * Why a property value cannot be stored, or null. Neo4j would store Infinity and NaN, but no
 * reader can answer them (a GraphQL Float is finite), so they are refused like over-long or
 * garbled text. `field` names the value in the refusal (`props.name`, `input.name`).
 */
export function storedValueProblem(property: string, value: unknown, field = property): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${field} is ${String(value)}, not a finite number`;
  if (typeof value === 'string') return textProblem(value, field, ruleOfProperty(property));
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const problem = storedValueProblem(property, item, `${field}[${i}]`);
      if (problem) return problem;
    }
  }
  return null;
}

/**
 * The first value of a row (any nesting of objects and lists) that cannot be stored, or null:
 * how the importers apply the rule to each row before it joins a batch, so the refusal carries
 * the row's line. A property is judged by its own name, wherever it sits.
 */
export function rowProblem(row: unknown, property = 'value', field = property): string | null {
  if (Array.isArray(row)) {
    for (const [i, item] of row.entries()) {
      const problem = rowProblem(item, property, `${field}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (row === null || typeof row !== 'object') return storedValueProblem(property, row, field);
  for (const [key, value] of Object.entries(row as Record<string, unknown>)) {
    const problem = rowProblem(value, key, key);
    if (problem) return problem;
  }
  return null;
}

/**
 * The write path's last check: throws BAD_USER_INPUT naming the owner and the property, so a
 * value no reader could answer never reaches the graph, whichever writer brought it.
 */
export function assertStorable(props: Readonly<Record<string, unknown>>, owner: string): void {
  for (const [property, value] of Object.entries(props)) {
    const problem = storedValueProblem(property, value);
    if (problem) throw badInput(`${owner}: ${problem}; nothing was written.`, property);
  }
}

/** Left out stays left out (keep the stored value); null stays null (remove it). */
export function optional<T, R>(value: T | null | undefined, check: (value: T) => R): R | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  return check(value);
}

export function name(value: string, field: string): string {
  return text(value, field, { max: MAX_NAME });
}

export function note(value: string, field: string): string {
  return text(value, field, { max: MAX_TEXT, multiline: true });
}

export function aliases(values: readonly string[], field: string): string[] {
  if (values.length > MAX_ALIASES) throw badInput(`${field} may hold at most ${MAX_ALIASES} names.`, field);
  return [...new Set(values.map((value, i) => name(value, `${field}[${i}]`)))];
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The key part of an id: lowercase ASCII words joined by single hyphens, as `slugify` makes them. */
export function slugKey(value: string, field: string): string {
  if (value.length > MAX_KEY || !SLUG.test(value)) {
    throw badInput(`${field} must be a slug of lowercase letters, digits and single hyphens (at most ${MAX_KEY} characters), e.g. "kongsberg-agenda-2022".`, field);
  }
  return value;
}

const ORGNR_WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2];

/** Brønnøysund's organisasjonsnummer: nine digits, the last a mod-11 check digit of the first eight. */
export function isValidOrgnr(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const sum = ORGNR_WEIGHTS.reduce((total, weight, i) => total + weight * Number(value[i]), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(value[8]);
}

export function orgnr(value: string, field: string): string {
  const digits = value.replace(/\s/g, '');
  if (!isValidOrgnr(digits)) throw badInput(`${field} must be a nine-digit organisasjonsnummer with a valid check digit; "${value.slice(0, 20)}" is not.`, field);
  return digits;
}

/** A calendar date written YYYY-MM-DD (the form the seeds store), checked to exist. */
export function isoDate(value: string, field: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!match || !date || date.toISOString().slice(0, 10) !== value) {
    throw badInput(`${field} must be an ISO 8601 date (YYYY-MM-DD) that exists; got "${value.slice(0, 40)}".`, field);
  }
  return value;
}

/** An ISO 8601 date or date-time, as a UTC instant string comparable with audit timestamps. */
export function isoInstant(value: string, field: string): string {
  const valid = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value);
  const time = valid ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw badInput(`${field} must be an ISO 8601 date or date-time; got "${value.slice(0, 40)}".`, field);
  return new Date(time).toISOString();
}

/** http(s) only: other schemes (javascript:, file:, data:) would be unsafe links in any front end. */
export function httpUrl(value: string, field: string): string {
  const trimmed = value.trim();
  let url: URL | null = null;
  try {
    url = trimmed.length <= MAX_URL ? new URL(trimmed) : null;
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw badInput(`${field} must be an http or https URL of at most ${MAX_URL} characters.`, field);
  }
  if (url.username || url.password) throw badInput(`${field} must not carry a user name or password.`, field);
  return trimmed;
}

function intInRange(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(`${field} must be a whole number from ${min} to ${max}.`, field);
  return value;
}

export function year(value: number, field: string): number {
  return intInRange(value, field, 1800, 2100);
}

export function postalCode(value: string, field: string): string {
  if (!/^\d{4}$/.test(value)) throw badInput(`${field} must be a four-digit postal code.`, field);
  return value;
}

export interface SourceInputLike {
  title: string;
  url?: string | null;
  publisher: string;
  note?: string | null;
  licence?: string | null;
}

/** A source as a write will store it: the seeds' shape. */
export type SourcePlan = SourceRecord;

/** A source with the id every writer computes for it (`sourceId` of the seeds). */
export function source(input: SourceInputLike, field = 'source'): SourcePlan {
  const plan = {
    title: text(input.title, `${field}.title`, { max: MAX_NAME }),
    url: optional(input.url, (url) => httpUrl(url, `${field}.url`)) ?? null,
    publisher: name(input.publisher, `${field}.publisher`),
    note: optional(input.note, (value) => note(value, `${field}.note`)) ?? null,
    licence: optional(input.licence, (value) => name(value, `${field}.licence`)) ?? null,
  };
  return { id: sourceId(plan), ...plan };
}
