import { type AnalysisSummary, runAnalysis } from './analyze/runAnalysis.js';
import type { Database } from './db/database.js';
import { refreshHeaviestPartners } from './graph/index.js';
import { refreshStoredCounts } from './modules/analytics/countStore.js';

interface RefreshSummary {
  analysis: AnalysisSummary;
  /** Kommuner whose cooperation series were stored for `correlation`. */
  seriesKommuner: number;
  /** Stores of nodes' heaviest weighted relationships, for graph views. */
  heaviestStores: number;
}

/**
 * What every entry point runs after the graph changed in bulk (a first start, `npm run seed`,
 * `npm run analyze`, a file import): the analyze job's network measures, then the API's stored
 * cooperation series, then each node's stored heaviest weighted relationships (graph views). It
 * sits above them, so the job never imports a GraphQL module. Both stores know when they are
 * stale, so skipping this only costs the first correlation a live count and graph views a live
 * read, never a wrong answer.
 */
export async function refreshDerivedData(db: Database): Promise<RefreshSummary> {
  const analysis = await runAnalysis(db);
  const seriesKommuner = await refreshStoredCounts(db);
  const heaviestStores = await refreshHeaviestPartners(db);
  return { analysis, seriesKommuner, heaviestStores };
}
