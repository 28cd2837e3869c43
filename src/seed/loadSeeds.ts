import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../db/database.js';
import { logger } from '../logger.js';
import { buildSeedGraph } from './build/index.js';
import { parseSeedFiles, SEED_FILES, type SeedFileName, type SeedTexts } from './files.js';
import { type GraphFacts, NODE_LABELS, RELATIONSHIP_TYPES, writeNodes, writeRelationships, writeSources } from '../graph/index.js';
import { countKommuner, countSeedGraph } from './repository.js';
import { SEEDS_DIR } from '../paths.js';

/** `seeds/` at the repository root, wherever the process was started from. */
export const DEFAULT_SEEDS_DIR = `${SEEDS_DIR}${path.sep}`;

/** Rows per write transaction: large enough to be quick, small enough to stay light on memory. */
const BATCH_SIZE = 1000;

/** What the seeds hold in the database after a load, per label and relationship type. */
export interface SeedSummary {
  nodes: Record<string, number>;
  relationships: Record<string, number>;
  sources: number;
  /** What the build left out or could not place (e.g. H2020 participants without a kommune). */
  notes: string[];
  durationMs: number;
}

export async function readSeedTexts(dir: string = DEFAULT_SEEDS_DIR): Promise<SeedTexts> {
  const entries = await Promise.all(
    (Object.entries(SEED_FILES) as [SeedFileName, string][]).map(async ([name, file]) => [name, await readFile(path.join(dir, file), 'utf8')] as const),
  );
  return Object.fromEntries(entries) as SeedTexts;
}

/** Parses and checks every seed file; throws before anything is written when a fact does not fit. */
export async function readSeedGraph(dir: string = DEFAULT_SEEDS_DIR): Promise<GraphFacts> {
  return buildSeedGraph(parseSeedFiles(await readSeedTexts(dir)));
}

function missingEnds(written: number, given: number): Error {
  return new Error(`Only ${written} of ${given} relationships found both their ends; is another process deleting seed nodes?`);
}

function batches<T>(rows: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < rows.length; start += BATCH_SIZE) result.push(rows.slice(start, start + BATCH_SIZE));
  return result;
}

/** The ids a seed graph owns, for counting it in the database. */
export function seedIds(graph: GraphFacts): { nodeIds: string[]; sourceIds: string[] } {
  return {
    nodeIds: NODE_LABELS.flatMap((label) => graph.nodes[label].map((node) => node.id)),
    sourceIds: graph.sources.map((source) => source.id),
  };
}

/**
 * Loads (or reloads) every seed file: sources, then nodes, then relationships, in
 * transactions of at most 1,000 rows. Idempotent: a second load changes nothing.
 */
export async function loadSeeds(db: Database, options: { dir?: string } = {}): Promise<SeedSummary> {
  const started = Date.now();
  const graph = await readSeedGraph(options.dir);

  const nodes = NODE_LABELS.flatMap((label) => graph.nodes[label].map((node) => ({ ...node, label })));
  const relationships = RELATIONSHIP_TYPES.flatMap((type) => graph.relationships[type].map((rel) => ({ ...rel, type })));

  for (const batch of batches(graph.sources)) await db.writeTransaction((tx) => writeSources(tx, batch));
  for (const batch of batches(nodes)) await db.writeTransaction((tx) => writeNodes(tx, batch));
  for (const batch of batches(relationships)) {
    const written = await db.writeTransaction((tx) => writeRelationships(tx, batch));
    if (written !== batch.length) throw missingEnds(written, batch.length);
  }

  const { nodeIds, sourceIds } = seedIds(graph);
  const counts = await countSeedGraph(db, nodeIds, sourceIds);
  const summary = { ...counts, notes: graph.notes ?? [], durationMs: Date.now() - started };
  logger.debug({ summary }, 'seeds loaded');
  return summary;
}

/** Loads the seeds only into a graph without kommuner (a fresh database); null when it left the graph alone. */
export async function seedIfEmpty(db: Database, options: { dir?: string } = {}): Promise<SeedSummary | null> {
  if ((await countKommuner(db)) > 0) return null;
  return loadSeeds(db, options);
}
