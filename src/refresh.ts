import { type AnalysisSummary, runAnalysis } from './analyze/runAnalysis.js';
import type { Database } from './db/database.js';
import { refreshStoredCounts } from './modules/analytics/countStore.js';

interface RefreshSummary {
  analysis: AnalysisSummary;
  /** Kommuner whose cooperation series were stored for `correlation`. */
  seriesKommuner: number;
}

/**
 * What every entry point runs after the graph changed in bulk (a first start, `npm run seed`,
 * `npm run analyze`, a file import): the analyze job's network measures, then the API's stored
 * cooperation series. It sits above both, so the job never imports a GraphQL module; the stored
 * series are stamped with the graph state, so skipping this only costs the first correlation a
 * live count, never a wrong answer.
 */
export async function refreshDerivedData(db: Database): Promise<RefreshSummary> {
  const analysis = await runAnalysis(db);
  const seriesKommuner = await refreshStoredCounts(db);
  return { analysis, seriesKommuner };
}
