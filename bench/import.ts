import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runAnalysis } from '../src/analyze/runAnalysis.js';
import { DEFAULTS } from '../src/config/index.js';
import { Database } from '../src/db/database.js';
import { applyMigrations } from '../src/graph/migrations.js';
import { importFile, type ImportSummary } from '../src/import/index.js';
import { parseCrosswalk, parseKommuner, SEED_FILES } from '../src/seed/files.js';
import { DEFAULT_SEEDS_DIR, loadSeeds } from '../src/seed/loadSeeds.js';
import { writeSyntheticRegister } from '../src/import/syntheticRegister.js';
import { startScratchNeo4j } from './scratchDatabase.js';

/**
 * `npm run bench:import`: generates a Brønnøysund-format CSV with a seeded generator in a temp
 * folder, starts a throwaway Neo4j of its own (never NEO4J_URI, never `.neo4j/`), loads the
 * schema and the seeds, then imports the file twice: the first run creates every company, the
 * second finds them all unchanged. Rows per second count every data row read, from opening
 * the file to the last commit.
 */

const USAGE = `npm run bench:import -- [options]
  --rows N          units in the generated file (default 1000000)
  --seed TEXT       generator seed (default bench-1)
  --batch-size N    rows per write transaction (default 5000)
  --concurrency N   write transactions at once (default 2)
  --pagecache SIZE  Neo4j page cache (default 1g)
  --analyze         also time the network-measures refresh that follows an import
  --out FILE        write the figures as JSON (default bench/results/import.json)`;

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function figures(summary: ImportSummary) {
  const seconds = summary.durationMs / 1000;
  return {
    rows: summary.rows,
    created: summary.created,
    updated: summary.updated,
    unchanged: summary.unchanged,
    skipped: Object.values(summary.skipped).reduce((a, b) => a + b, 0),
    refused: summary.refusedCount,
    seconds: Number(seconds.toFixed(1)),
    rowsPerSecond: Math.round(summary.rows / seconds),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rows: { type: 'string' },
      seed: { type: 'string' },
      'batch-size': { type: 'string' },
      concurrency: { type: 'string' },
      pagecache: { type: 'string' },
      analyze: { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    log(USAGE);
    return;
  }
  const rows = Number(values.rows ?? 1_000_000);
  const batchSize = Number(values['batch-size'] ?? 5000);
  if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(batchSize) || batchSize < 1) throw new Error(`--rows and --batch-size must be positive whole numbers\n\n${USAGE}`);
  const seed = values.seed ?? 'bench-1';
  const concurrency = Number(values.concurrency ?? 2);
  const out = values.out ?? 'bench/results/import.json';

  const dir = await mkdtemp(path.join(os.tmpdir(), 'import-bench-'));
  const file = path.join(dir, 'enheter_alle.csv');
  const scratch = await startScratchNeo4j(values.pagecache ?? '1g', log).catch(async (error: unknown) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  const db = new Database({ uri: scratch.uri, user: 'neo4j', password: undefined, database: 'neo4j', readTimeoutMs: DEFAULTS.jobs.readTimeoutMs });
  try {
    const read = (name: string) => readFile(path.join(DEFAULT_SEEDS_DIR, name), 'utf8');
    let started = performance.now();
    const generated = await writeSyntheticRegister(file, {
      rows, seed, kommuner: parseKommuner(await read(SEED_FILES.kommuner)), crosswalk: parseCrosswalk(await read(SEED_FILES.crosswalk2024)),
    });
    log(`generated ${rows.toLocaleString('en')} units (${(generated.bytes / 1e6).toFixed(0)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    await applyMigrations(db);
    const seeds = await loadSeeds(db);
    log(`Neo4j ${scratch.version}: schema and seeds loaded in ${(seeds.durationMs / 1000).toFixed(1)} s`);

    const source = { title: 'Synthetic Enhetsregisteret-format file (generated for the benchmark, not real)', publisher: 'regional-cooperation-graph benchmark generator' };
    const run = async (label: string) => {
      let lastLog = performance.now();
      const summary = await importFile(db, {
        format: 'brreg', file, batchSize, concurrency, analyze: false, source,
        onProgress: (progress) => {
          if (performance.now() - lastLog < 10_000) return;
          lastLog = performance.now();
          log(`  ${label}: ${progress.rows.toLocaleString('en')} rows`);
        },
      });
      const result = figures(summary);
      log(`${label}: ${result.rows.toLocaleString('en')} rows in ${result.seconds} s = ${result.rowsPerSecond.toLocaleString('en')} rows/s `
        + `(created ${result.created}, updated ${result.updated}, unchanged ${result.unchanged}, skipped ${result.skipped}, refused ${result.refused})`);
      return result;
    };
    const first = await run('first import');
    const again = await run('second import (unchanged)');

    let analysis: { nodes: number; edges: number; seconds: number } | null = null;
    if (values.analyze) {
      started = performance.now();
      const summary = await runAnalysis(db);
      analysis = { nodes: summary.nodes, edges: summary.edges, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) };
      log(`network measures: ${summary.nodes.toLocaleString('en')} nodes, ${summary.edges.toLocaleString('en')} relationships in ${analysis.seconds} s`);
    }

    const result = {
      when: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 2 ** 30) },
      neo4j: scratch.version,
      options: { rows, seed, batchSize, concurrency, pagecache: values.pagecache ?? '1g' },
      file: { bytes: generated.bytes, withoutAddress: generated.withoutAddress },
      first,
      again,
      analysis,
    };
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
    log(`results written to ${out}`);
  } finally {
    await db.close();
    await scratch.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  log(`npm run bench:import failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exitCode = 1;
});
