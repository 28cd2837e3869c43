import { NODE_LABELS, type NodeLabel, SOURCE_LABEL } from '../../graph/index.js';
import { badInput } from '../../errors.js';

/** GraphQL object types backed by a graph node, keyed by their id prefix: the model's labels and `Source`. */
export const ENTITY_TYPES = [...NODE_LABELS, SOURCE_LABEL] as const;
export type EntityTypeName = NodeLabel | typeof SOURCE_LABEL;

/** The `EntityType` enum value of each type name (`CommutingRegion` → `COMMUTING_REGION`). */
export function enumOfType(type: EntityTypeName): string {
  return type.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

/** The GraphQL type of a node, from its labels (every node has exactly one type label). */
export function typeOfLabels(labels: readonly string[]): EntityTypeName | null {
  return ENTITY_TYPES.find((type) => labels.includes(type)) ?? null;
}

export function typeOfEnum(value: string): EntityTypeName {
  const type = ENTITY_TYPES.find((t) => enumOfType(t) === value);
  if (!type) throw badInput(`Unknown entity type ${value}.`);
  return type;
}

/** A node as Cypher returns it with `n{.*, labels: labels(n)}`. */
export type RawNode = Record<string, unknown> & { id: string; labels?: string[] };

/** Fields every entity record has. */
export interface BaseRecord {
  type: EntityTypeName;
  id: string;
  key: string;
  name: string;
  sourceIds: string[];
  /** Stored by the analyze job; null before it ran. */
  network: NetworkRecord | null;
}

export interface NetworkRecord {
  degree: number;
  pageRank: number | null;
  betweenness: number | null;
  community: number | null;
  computedAt: string | null;
}

/** Node properties the analyze job writes. */
function networkFields(raw: RawNode): NetworkRecord | null {
  const degree = num(raw.networkDegree);
  if (degree === null) return null;
  return {
    degree,
    pageRank: num(raw.pageRank),
    betweenness: num(raw.betweenness),
    community: num(raw.community),
    computedAt: str(raw.networkComputedAt),
  };
}

export function str(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

export function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/**
 * The fields every record has, as a fresh object that a mapper extends with `Object.assign`:
 * spreading it into a literal followed by a dozen properties made V8 copy it the slow way
 * (~20 µs per record against ~0.4 µs), and a page maps hundreds of records.
 */
export function baseFields(type: EntityTypeName, raw: RawNode): BaseRecord {
  const id = String(raw.id);
  return {
    type,
    id,
    key: str(raw.key) ?? id.slice(id.indexOf(':') + 1),
    name: str(raw.name) ?? str(raw.title) ?? id,
    sourceIds: strings(raw.sourceIds),
    network: networkFields(raw),
  };
}

const ID_PATTERN = /^([A-Za-z]+):(.{1,200})$/s;

/** Splits a global id; a malformed one or an unknown type is the caller's mistake. */
export function parseGlobalId(id: string, argumentName = 'id'): { type: EntityTypeName; key: string } {
  const match = ID_PATTERN.exec(id);
  const type = ENTITY_TYPES.find((t) => t === match?.[1]);
  if (!match || !type) {
    throw badInput(`"${id.slice(0, 80)}" is not a global id of the form Type:key (types: ${ENTITY_TYPES.join(', ')}).`, argumentName);
  }
  return { type, key: match[2]! };
}
