import type { Database } from '../db/database.js';
import { generateSyntheticGraph, type SyntheticBatch } from './generator.js';
import type { SyntheticPlan } from './plan.js';
import {
  findClusterIds, findKommuneInputs, findPublishedRanks, hasSyntheticData, writeNodeBatch, writeRelationshipBatch, writeSyntheticSource,
} from './repository.js';

export interface LoadSummary {
  nodes: number;
  relationships: number;
  ms: number;
}

interface LoadOptions {
  seed: string;
  plan: SyntheticPlan;
  batchSize?: number;
  /** Called after every batch with the running totals. */
  onProgress?: (progress: LoadSummary) => void;
}

async function writeBatch(db: Database, batch: SyntheticBatch): Promise<{ nodes: number; relationships: number }> {
  if (batch.kind === 'nodes') return writeNodeBatch(db, batch);
  return { nodes: 0, relationships: await writeRelationshipBatch(db, batch) };
}

/**
 * Generates and writes the synthetic graph around the real kommuner already loaded (the seeds
 * must be in, with migrations applied). Meant only for the scratch database a benchmark
 * starts: it refuses a graph that holds synthetic data already. While one batch is being
 * written, the next is generated, so Neo4j and the generator work at the same time.
 */
export async function loadSyntheticGraph(db: Database, options: LoadOptions): Promise<LoadSummary> {
  if (await hasSyntheticData(db)) throw new Error('This graph holds synthetic data already; load it into a fresh database.');
  const kommuner = await findKommuneInputs(db);
  if (kommuner.length === 0) throw new Error('Load the seeds first: the synthetic graph is built around the real kommuner.');
  const [publishedRanks, existingClusterIds] = await Promise.all([findPublishedRanks(db), findClusterIds(db)]);

  const started = performance.now();
  const totals = { nodes: 1, relationships: 0 };
  await writeSyntheticSource(db);
  const batches = generateSyntheticGraph({
    seed: options.seed, plan: options.plan, kommuner, publishedRanks, existingClusterIds, batchSize: options.batchSize,
  });
  let pending: Promise<void> | null = null;
  for (const batch of batches) {
    if (pending) await pending;
    pending = writeBatch(db, batch).then((written) => {
      totals.nodes += written.nodes;
      totals.relationships += written.relationships;
      options.onProgress?.({ ...totals, ms: performance.now() - started });
    });
  }
  if (pending) await pending;
  return { ...totals, ms: Math.round(performance.now() - started) };
}
