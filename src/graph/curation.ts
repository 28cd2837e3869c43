/**
 * Which kommuner have had their business ecosystem curated (companies, networks, schools,
 * events, initiatives and how they relate, from the organisations' own pages). Counts of those
 * facts mean something only for these kommuner: elsewhere a zero says "not curated", not "none".
 * The seed build sets the property on every kommune the curated ecosystem file names; the
 * analytics read it to decide which kommuner a CURATED measure covers.
 */
export const ECOSYSTEM_CURATED_PROPERTY = 'ecosystemCurated' as const;
