/**
 * `SCHOOL_INDUSTRY_LINKS_PER_1000` → "School industry links per 1,000 residents": labels come
 * from the schema's enum, so a metric added there shows up without a change here.
 */
export function metricLabel(name: string): string {
  // Two degrees exist (docs/measures.md): the metric counts the kommune's actors' ties too.
  const words = name.replace(/_PER_1000$/, '').toLowerCase().replace(/_/g, ' ').replace(/pagerank/, 'PageRank')
    .replace(/^network degree$/, 'ecosystem reach (network degree)');
  const label = words.charAt(0).toUpperCase() + words.slice(1);
  return name.endsWith('_PER_1000') ? `${label} per 1,000 residents` : label;
}
