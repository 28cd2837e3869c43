import type { RawNode } from './records.js';
import type { Selection } from './selection.js';

/**
 * The stored properties each field of a type reads: a scalar its property of the same name (or
 * the ones it is computed from), a field resolved through a loader by id nothing. A field left
 * out of a type's table needs the whole node.
 */
export type FieldProperties = Readonly<Record<string, readonly string[]>>;

/** What every record's mapper reads (`baseFields`) and the type needs to be told apart. */
const BASE_PROPERTIES = ['id', 'key', 'name'];

/**
 * The properties to read for the fields `selections` ask of a node (each selection a field
 * returning the type, all aliases together), or null when one of them needs the whole node. A
 * record mapped from such a projection answers exactly those fields, so it is handed only to
 * their resolvers and never to a loader that other selections of the request may read.
 */
export function selectedProperties(selections: readonly Selection[], table: FieldProperties, extra: readonly string[] = []): string[] | null {
  const properties = new Set([...BASE_PROPERTIES, ...extra]);
  for (const selection of selections) {
    for (const fields of Object.values(selection.fieldsByTypeName)) {
      for (const child of Object.values(fields)) {
        if (child.name === '__typename') continue;
        const needed = table[child.name];
        if (!needed) return null;
        for (const property of needed) properties.add(property);
      }
    }
  }
  return [...properties];
}

/**
 * A node bound to `variable` read with `properties` (every one when null) and its labels, plus
 * `extra` values (`name: Cypher expression`), as Cypher and the decoder of what it returns. A
 * projection comes back as a list in a fixed order rather than a map: the driver decodes every
 * key of every map row as a string.
 */
export function projection(variable: string, properties: readonly string[] | null, extra: Readonly<Record<string, string>> = {}): {
  cypher: string;
  decode(value: unknown): RawNode;
} {
  const extras = Object.entries(extra);
  if (properties === null) {
    const body = ['.*', ...extras.map(([name, expression]) => `${name}: ${expression}`), `labels: labels(${variable})`].join(', ');
    return { cypher: `${variable}{${body}}`, decode: (value) => value as RawNode };
  }
  const names = [...properties, ...extras.map(([name]) => name), 'labels'];
  const cypher = `[${[...properties.map((property) => `${variable}.${property}`), ...extras.map(([, expression]) => expression), `labels(${variable})`].join(', ')}]`;
  return {
    cypher,
    decode: (value) => {
      const values = value as unknown[];
      const node: Record<string, unknown> = {};
      names.forEach((name, i) => { if (values[i] !== null) node[name] = values[i]; });
      return node as RawNode;
    },
  };
}

const propertiesKeys = new WeakMap<readonly string[], string>();

/**
 * A set of properties as a key, independent of order, for loaders and batches keyed by what
 * they read; computed once per list (a correlation asks 356 times with the same one).
 */
export function propertiesKey(properties: readonly string[] | null): string {
  if (properties === null) return '*';
  let key = propertiesKeys.get(properties);
  if (key === undefined) {
    key = [...properties].sort().join(',');
    propertiesKeys.set(properties, key);
  }
  return key;
}

/** The child fields named `name` of a selection, under every alias and type. */
export function childrenNamed(selection: Selection, name: string): Selection[] {
  return Object.values(selection.fieldsByTypeName).flatMap((fields) => Object.values(fields).filter((child) => child.name === name));
}
