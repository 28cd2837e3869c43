import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { refreshStoredCounts } from '../src/modules/analytics/countStore.js';
import { refreshDerivedData } from '../src/refresh.js';
import { Database } from '../src/db/database.js';
import { findFreePort, startLocalNeo4j } from '../src/db/localNeo4j.js';
import { refreshHeaviestPartners } from '../src/graph/heaviest.js';
import { applyMigrations } from '../src/graph/migrations.js';
import { loadSeeds } from '../src/seed/loadSeeds.js';
import { loadSyntheticGraph, planSynthetic, type LoadSummary, type SyntheticPlan } from '../src/synthetic/index.js';

export interface ScratchNeo4j {
  uri: string;
  version: string;
  /** Stops Neo4j and deletes its store. */
  dispose(): Promise<void>;
}

/**
 * A Neo4j of its own for the benchmark: a new store in the OS temp folder, a free port on
 * 127.0.0.1. NEO4J_URI is ignored on purpose, so synthetic data can never land in a
 * developer's database or in `.neo4j/`.
 */
export async function startScratchNeo4j(pagecache: string, log: (message: string) => void): Promise<ScratchNeo4j> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'neo4j-bench-'));
  const port = await findFreePort();
  let local;
  try {
    local = await startLocalNeo4j({ home, port, pagecache, log: (message) => log(message) });
  } catch (error) {
    await rm(home, { recursive: true, force: true });
    throw error;
  }
  // A fresh JVM on a busy machine can take long over its first query; the API's 10 s is for requests.
  const db = new Database({ uri: local.uri, user: 'neo4j', password: undefined, database: 'neo4j', readTimeoutMs: 120_000 });
  let version = 'unknown';
  try {
    const rows = await db.read<{ version: string }>("CALL dbms.components() YIELD name, versions WHERE name = 'Neo4j Kernel' RETURN versions[0] AS version");
    version = rows[0]?.version ?? version;
  } catch (error) {
    // Never leave the JVM and its store behind.
    await local.stop().catch(() => undefined);
    await rm(home, { recursive: true, force: true });
    throw error;
  } finally {
    await db.close();
  }
  return {
    uri: local.uri,
    version,
    dispose: async () => {
      await local.stop();
      await rm(home, { recursive: true, force: true });
    },
  };
}

export interface LoadedDataset {
  plan: SyntheticPlan;
  seedsMs: number;
  synthetic: LoadSummary;
  nodes: number;
  relationships: number;
  syntheticNodes: number;
  syntheticRelationships: number;
  /** Synthetic nodes per label and relationships per type, as written. */
  syntheticByLabel: Record<string, number>;
  syntheticByType: Record<string, number>;
  analysis: { nodes: number; edges: number; ms: number } | null;
}

/** Migrations, the real seeds (kommuner, fylker, indicators), then the synthetic graph around them. */
export async function loadBenchGraph(
  db: Database,
  options: { companies: number; seed: string; analyze: boolean; storeCounts: boolean },
  log: (message: string) => void,
): Promise<LoadedDataset> {
  await applyMigrations(db);
  const seeds = await loadSeeds(db);
  log(`seeds loaded in ${(seeds.durationMs / 1000).toFixed(1)} s`);
  const plan = planSynthetic(options.companies);
  let lastReport = 0;
  const synthetic = await loadSyntheticGraph(db, {
    seed: options.seed,
    plan,
    onProgress: (progress) => {
      if (progress.ms - lastReport < 5000) return;
      lastReport = progress.ms;
      const perSecond = Math.round(((progress.nodes + progress.relationships) * 1000) / progress.ms);
      log(`  ${progress.nodes.toLocaleString('en')} nodes, ${progress.relationships.toLocaleString('en')} relationships (${perSecond.toLocaleString('en')}/s)`);
    },
  });
  await db.write('CALL db.awaitIndexes(600)');
  // Index statistics sampled during the load would leave plans made for a nearly empty graph in
  // the query cache; a database that has been up a while has fresh ones.
  await db.write('CALL db.prepareForReplanning(600)');
  let analysis: LoadedDataset['analysis'] = null;
  let storedCountsMs = 0;
  if (options.analyze) {
    const started = performance.now();
    const { analysis: summary } = await refreshDerivedData(db);
    analysis = { nodes: summary.nodes, edges: summary.edges, ms: summary.ms };
    storedCountsMs = Math.round(performance.now() - started - summary.ms);
  } else {
    // What every entry point does after a bulk change (`refreshDerivedData` but the network
    // measures), so a measured request reads what a served graph's requests read instead of
    // counting over every company or reading every flow: each kommune's heaviest commuting flows
    // (a second or two at any size: the flows do not grow with the companies) and, unless the
    // growth series leaves them to the first request that needs them, the statistics'
    // cooperation counts.
    const started = performance.now();
    if (options.storeCounts) await refreshStoredCounts(db);
    await refreshHeaviestPartners(db);
    storedCountsMs = Math.round(performance.now() - started);
  }
  if (storedCountsMs > 0) log(`stored ${options.storeCounts ? 'cooperation counts and ' : ''}heaviest partners in ${(storedCountsMs / 1000).toFixed(1)} s`);
  const [counts] = await db.read<{ nodes: number; relationships: number; syntheticNodes: number; syntheticRelationships: number }>(
    `CALL () { MATCH (n) RETURN count(n) AS nodes }
     CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
     CALL () { MATCH (n) WHERE n.synthetic = true RETURN count(n) AS syntheticNodes }
     CALL () { MATCH ()-[r]->() WHERE r.synthetic = true RETURN count(r) AS syntheticRelationships }
     RETURN nodes, relationships, syntheticNodes, syntheticRelationships`,
  );
  const byLabel = await db.read<{ label: string; count: number }>(
    `MATCH (n) WHERE n.synthetic = true UNWIND labels(n) AS label WITH label WHERE label <> 'Entity' RETURN label, count(*) AS count ORDER BY label`,
  );
  const byType = await db.read<{ type: string; count: number }>(
    `MATCH ()-[r]->() WHERE r.synthetic = true RETURN type(r) AS type, count(*) AS count ORDER BY type`,
  );
  return {
    plan,
    seedsMs: seeds.durationMs,
    synthetic,
    ...counts!,
    syntheticByLabel: Object.fromEntries(byLabel.map((row) => [row.label, row.count])),
    syntheticByType: Object.fromEntries(byType.map((row) => [row.type, row.count])),
    analysis,
  };
}
