import {
  isRelationshipType, labelsWithRole, patternOf, RELATIONSHIP_TYPES, relationshipTypesWithRole, type RelationshipType, WEIGHT_PROPERTIES,
} from '../../graph/index.js';

/**
 * What graph views derive from the model: which property weighs an edge (persons commuting),
 * which relationship types a view can show, and which labels are reference hubs a view leaves
 * out unless asked.
 */

/** Relationship types a graph view can show: every type of the model except statistics (indicators, ranking entries). */
const VIEW_TYPES: readonly RelationshipType[] = RELATIONSHIP_TYPES.filter((type) => !relationshipTypesWithRole('statistics').includes(type));
export const VIEW_RELATIONSHIP_TYPES: readonly string[] = VIEW_TYPES;

/** Administrative hubs (fylke, commuting region): a depth-2 view through one would hold all its kommuner. */
export const REFERENCE_LABELS: readonly string[] = labelsWithRole('reference');

/**
 * Relationship types a view shows of which each node keeps only some, so whether a view shows
 * one depends on the other relationships of its ends: dated ones (each node's latest year) and
 * weighted ones (each node's heaviest partners).
 */
export const CUT_PER_NODE_TYPES: readonly string[] = VIEW_TYPES.filter((type) => {
  const pattern = patternOf(type);
  return pattern.weightedBy !== undefined || (pattern.keyedBy ?? []).includes('year');
});

/** Relationship types a view shows whenever both ends are in it (and the filters let the type in). */
export const PLAIN_VIEW_TYPES: readonly string[] = VIEW_RELATIONSHIP_TYPES.filter((type) => !CUT_PER_NODE_TYPES.includes(type));

/** Properties that identify one of several parallel relationships (the model's `keyedBy`, e.g. `year`). */
export const KEY_PROPERTIES: readonly string[] = [...new Set(RELATIONSHIP_TYPES.flatMap((type) => patternOf(type).keyedBy ?? []))];

/** The key values of a relationship, in the model's order, for `edgeId`. */
export function keyOf(type: string, keys: Readonly<Record<string, unknown>>): (string | number | null)[] {
  if (!isRelationshipType(type)) return [];
  return (patternOf(type).keyedBy ?? []).map((name) => {
    const value = keys[name];
    return typeof value === 'string' || typeof value === 'number' ? value : null;
  });
}

/** Cypher for the weight of the relationship bound to `r` (null for unweighted types). */
export function weightExpression(r: string): string {
  const cases = Object.entries(WEIGHT_PROPERTIES).map(([type, property]) => `WHEN '${type}' THEN toFloat(${r}.${property})`);
  return cases.length === 0 ? 'null' : `CASE type(${r}) ${cases.join(' ')} ELSE null END`;
}

/** Weight, year and key properties of a relationship from its properties (what `weightExpression` computes in Cypher). */
export function weightAndYearOf(type: string, properties: Readonly<Record<string, unknown>>): { weight: number | null; year: number | null; keys: Record<string, unknown> } {
  const weightProperty = isRelationshipType(type) ? WEIGHT_PROPERTIES[type] : undefined;
  const weight = weightProperty === undefined ? null : properties[weightProperty];
  const year = properties.year;
  return {
    weight: typeof weight === 'number' ? weight : null,
    year: typeof year === 'number' ? year : null,
    keys: Object.fromEntries(KEY_PROPERTIES.map((name) => [name, properties[name] ?? null])),
  };
}
