/**
 * The text drawn on an edge: the relationship type in words, then its weight and year where the
 * relationship has them ("commutes to · 1,709 · 2022"). Weights are the properties the API
 * documents as such (COMMUTES_TO's `employed`, a generic `weight`); the year is `year`, or the
 * year of a `date` ("2022-12-02", "2022").
 */
const WEIGHT_PROPERTIES = ['employed', 'weight'] as const;

/** The relationship's weight (COMMUTES_TO: employed persons), when it has one. */
export function edgeWeight(properties: Record<string, unknown>): number | undefined {
  const weight = WEIGHT_PROPERTIES.map((name) => properties[name]).find((value) => typeof value === 'number');
  return typeof weight === 'number' ? weight : undefined;
}

/** The year the relationship describes or began, when it says. */
export function edgeYear(properties: Record<string, unknown>): number | undefined {
  if (typeof properties.year === 'number') return properties.year;
  const date = typeof properties.date === 'string' ? /^(\d{4})\b/.exec(properties.date) : null;
  return date ? Number(date[1]) : undefined;
}

export function relationshipWords(type: string): string {
  return type.toLowerCase().replace(/_/g, ' ');
}

export function edgeLabel(type: string, properties: Record<string, unknown> = {}): string {
  const parts = [relationshipWords(type)];
  const weight = edgeWeight(properties);
  if (weight !== undefined) parts.push(weight.toLocaleString('en-GB'));
  const year = edgeYear(properties);
  if (year !== undefined) parts.push(String(year));
  return parts.join(' · ');
}
