import type { Database } from '../db/database.js';
import { computeMeasures } from './networkMeasures.js';
import { findCooperationGraph, writeNetworkMeasures } from './repository.js';

export interface AnalysisSummary {
  nodes: number;
  edges: number;
  communities: number;
  betweenness: boolean;
  ms: number;
}

/**
 * Reads the cooperation graph, computes network measures in process and stores them on the
 * nodes. The API's stored cooperation series are refreshed by `refreshDerivedData`
 * (src/refresh.ts), which the entry points call after this job.
 */
export async function runAnalysis(db: Database): Promise<AnalysisSummary> {
  const started = performance.now();
  const { nodeIds, edges } = await findCooperationGraph(db);
  const measures = computeMeasures(nodeIds, edges);
  await writeNetworkMeasures(db, measures, new Date().toISOString());
  return {
    nodes: nodeIds.length,
    edges: edges.length,
    communities: new Set(measures.map((m) => m.community)).size,
    betweenness: measures.every((m) => m.betweenness !== null),
    ms: Math.round(performance.now() - started),
  };
}
