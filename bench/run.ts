import { ensureBuilt } from '../src/build.js';
import { DEFAULTS } from '../src/config/index.js';
import { Database } from '../src/db/database.js';
import { log, runBenchmark } from './benchmark.js';
import { parseOptions, USAGE, type BenchOptions } from './options.js';
import { loadBenchGraph, startScratchNeo4j, type ScratchNeo4j } from './scratchDatabase.js';

/**
 * `npm run bench`: a scratch Neo4j (temp folder, free port) with the real seeds plus synthetic
 * data, then the named queries against three contenders in one run, same data and same
 * concurrency: ours, the floor (hand-written Cypher) and the peer (@neo4j/graphql). Writes
 * bench/results/latest.json and prints the table. See docs/benchmarks.md.
 */
async function main(options: BenchOptions): Promise<void> {
  const started = new Date();
  log(`bench: ${options.companies.toLocaleString('en')} companies, ${options.connections} connections, ${options.warmup} s warm-up + ${options.duration} s per query and target`);
  let neo4j: ScratchNeo4j | undefined;
  let db: Database | undefined;
  const cleanUp = async () => {
    await db?.close().catch(() => undefined);
    await neo4j?.dispose().catch(() => undefined);
  };
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));
  try {
    // The contenders run compiled, as `npm start` runs our API.
    await ensureBuilt(log);
    log('starting a scratch Neo4j (temp folder, free port) ...');
    neo4j = await startScratchNeo4j(options.pagecache, (message) => log(`  ${message}`));
    db = new Database({ uri: neo4j.uri, user: 'neo4j', password: undefined, database: 'neo4j', readTimeoutMs: DEFAULTS.jobs.readTimeoutMs });
    log('loading seeds and synthetic data ...');
    const dataset = await loadBenchGraph(db, options, log);
    log(`loaded ${dataset.synthetic.nodes.toLocaleString('en')} nodes and ${dataset.synthetic.relationships.toLocaleString('en')} relationships in ${(dataset.synthetic.ms / 1000).toFixed(1)} s`);
    await runBenchmark(options, { uri: neo4j.uri, neo4jVersion: neo4j.version, db, dataset }, started);
  } finally {
    await cleanUp();
  }
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
