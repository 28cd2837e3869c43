import { ensureBuilt } from '../src/build.js';
import { DEFAULTS } from '../src/config/index.js';
import { Database } from '../src/db/database.js';
import { log, report, runBenchmark, type BenchmarkRun } from './benchmark.js';
import { parseOptions, USAGE, type BenchOptions } from './options.js';
import type { BenchQuery } from './queries.js';
import type { SizePoint } from './report.js';
import { loadBenchGraph, startScratchNeo4j, type ScratchNeo4j } from './scratchDatabase.js';

/**
 * `npm run bench`: a scratch Neo4j (temp folder, free port) with the real seeds plus synthetic
 * data, then the named queries against three contenders in one run, same data and same
 * concurrency: ours, the floor (hand-written Cypher) and the peer (@neo4j/graphql). Writes
 * bench/results/latest.json and prints the table. See docs/benchmarks.md.
 */
/** One database with `companies` synthetic companies: started, loaded, measured, disposed. */
async function atSize(options: BenchOptions, companies: number, started: Date, only?: (query: BenchQuery) => boolean): Promise<BenchmarkRun> {
  let neo4j: ScratchNeo4j | undefined;
  let db: Database | undefined;
  const cleanUp = async () => {
    await db?.close().catch(() => undefined);
    await neo4j?.dispose().catch(() => undefined);
  };
  const onInterrupt = () => void cleanUp().then(() => process.exit(130));
  process.once('SIGINT', onInterrupt);
  try {
    log('starting a scratch Neo4j (temp folder, free port) ...');
    neo4j = await startScratchNeo4j(options.pagecache, (message) => log(`  ${message}`));
    db = new Database({ uri: neo4j.uri, user: 'neo4j', password: undefined, database: 'neo4j', readTimeoutMs: DEFAULTS.jobs.readTimeoutMs });
    log(`loading seeds and synthetic data (${companies.toLocaleString('en')} companies) ...`);
    // The growth series runs the main queries only, whose one statistic (COMPANIES) needs one
    // cheap count that the engine counts and stores on first use; all nine (screening, profile)
    // include pair counts through shared networks that grow with the square of the data.
    const dataset = await loadBenchGraph(db, { ...options, companies, storeCounts: only === undefined }, log);
    log(`loaded ${dataset.synthetic.nodes.toLocaleString('en')} nodes and ${dataset.synthetic.relationships.toLocaleString('en')} relationships in ${(dataset.synthetic.ms / 1000).toFixed(1)} s`);
    return await runBenchmark({ ...options, companies }, { uri: neo4j.uri, neo4jVersion: neo4j.version, db, dataset }, started, only);
  } finally {
    process.off('SIGINT', onInterrupt);
    await cleanUp();
  }
}

/**
 * `npm run bench`: a scratch Neo4j (temp folder, free port) with the real seeds plus synthetic
 * data, then the named queries, each as a seeded sequence of varied requests, against the
 * contenders in one run, same data and same concurrency: ours (response cache on), uncached,
 * the floor (hand-written Cypher) and the peer (@neo4j/graphql). With --sizes, the main queries
 * at each company count, each in a fresh database (the growth series). Writes the results file
 * and prints the table. See docs/benchmarks.md.
 */
async function main(options: BenchOptions): Promise<void> {
  const started = new Date();
  const sizes = options.sizes.length > 0 ? options.sizes : [options.companies];
  log(`bench: ${sizes.map((size) => size.toLocaleString('en')).join(', ')} companies, ${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s per query and target, sequences of ${options.sequence} drawn requests`);
  // The contenders run compiled, as `npm start` runs our API.
  await ensureBuilt(log);
  if (options.sizes.length === 0) {
    await report(options, await atSize(options, options.companies, started));
    return;
  }
  const runs: { companies: number; run: BenchmarkRun }[] = [];
  for (const companies of options.sizes) {
    runs.push({ companies, run: await atSize({ ...options, profile: null }, companies, started, (query) => query.main) });
  }
  // The largest size's full results, each query carrying its series over every size.
  const last = runs.at(-1)!.run;
  for (const result of last.results) {
    result.size_series = runs.map(({ companies, run }) => {
      const at = run.results.find((r) => r.name === result.name);
      const targets: SizePoint['targets'] = {};
      for (const target of options.targets) {
        const m = at?.[target];
        if (m) targets[target] = { p50_ms: m.p50_ms, p99_ms: m.p99_ms, rps: m.rps, errors: m.errors, statements_per_request: m.statements_per_request, cpu_ms_per_request: m.cpu_ms_per_request };
      }
      return { companies, targets };
    });
  }
  last.output.sizes = options.sizes;
  await report(options, last);
}

let options: BenchOptions | 'help';
try {
  options = parseOptions(process.argv.slice(2));
} catch (error) {
  log(error instanceof Error ? error.message : String(error));
  process.exit(2);
}
if (options === 'help') {
  process.stdout.write(`${USAGE}\n`);
} else {
  main(options).catch((error: unknown) => {
    log(error instanceof Error ? error.stack ?? error.message : String(error));
    process.exit(1);
  });
}
