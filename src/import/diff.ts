import type { Properties, PropertyValue } from '../graph/index.js';

export type Outcome = 'created' | 'updated' | 'unchanged';

/** Properties whose values from several sources are joined, as the seed loader joins them. */
const JOINED = new Set(['note', 'mappingNote']);

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((value, i) => sameValue(value, b[i]));
  return (a ?? null) === (b ?? null);
}

/**
 * What to set so that a node or relationship holds the incoming facts, merged the way the seed
 * loader merges two facts about one thing: an empty incoming value keeps the stored one, lists
 * are united, notes are joined with " | ", `inferred` goes when a source states the fact, and
 * anything else takes the incoming value. Empty when nothing would change, which is what makes
 * a second import report "unchanged" and write nothing.
 */
export function propertyChanges(stored: Readonly<Record<string, unknown>> | null, incoming: Readonly<Properties>): Properties {
  const changes: Properties = {};
  for (const [name, value] of Object.entries(incoming)) {
    const current = stored?.[name] ?? null;
    if (name === 'inferred') {
      if (stored === null && value === true) changes[name] = true;
      else if (current === true && value !== true) changes[name] = null;
      continue;
    }
    if (value === null || value === undefined) continue;
    if (current === null) {
      changes[name] = value;
    } else if (Array.isArray(value)) {
      const list = Array.isArray(current) ? (current as string[]) : [];
      const united = [...new Set([...list, ...value])];
      if (!sameValue(united, list)) changes[name] = united;
    } else if (JOINED.has(name) && typeof current === 'string' && typeof value === 'string') {
      if (!current.split(' | ').includes(value)) changes[name] = `${current} | ${value}`;
    } else if (!sameValue(current, value)) {
      changes[name] = value as PropertyValue;
    }
  }
  return changes;
}

/** True when the stored list of source ids already cites `sourceId`. */
export function cites(sourceIds: unknown, sourceId: string): boolean {
  return Array.isArray(sourceIds) && sourceIds.includes(sourceId);
}

export function hasChanges(changes: Properties): boolean {
  return Object.keys(changes).length > 0;
}

export function outcomeOf(existed: boolean, changed: boolean): Outcome {
  if (!existed) return 'created';
  return changed ? 'updated' : 'unchanged';
}
