/**
 * Synthetic benchmark data: a seeded generator of companies, clusters, schools, events,
 * collaborations and Kommune-NM tables around the real kommuner, and its loader. Everything
 * it makes is marked `synthetic: true` and cites SYNTHETIC_SOURCE. Load it only into a scratch
 * database (the benchmark starts its own), never into the developer's store.
 */
export { loadSyntheticGraph, type LoadSummary } from './load.js';
export { planSynthetic, type SyntheticPlan } from './plan.js';
export { SYNTHETIC_SOURCE } from './source.js';
