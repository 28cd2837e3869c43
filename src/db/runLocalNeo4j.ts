/**
 * `npm run neo4j`: only the bundled database, in the foreground, for working on data or running
 * the API with NEO4J_URI against a database that outlives API restarts.
 */
import path from 'node:path';
import { readConfig } from '../config/index.js';
import { repoRoot, superviseLocalNeo4j } from './localNeo4j.js';

try {
  const { neo4j: settings } = readConfig();
  const started = Date.now();
  // Restarted when it dies, as under `npm start`; when the restarts are used up, this process ends with code 1.
  const neo4j = await superviseLocalNeo4j({
    home: settings.localHome,
    port: settings.localBoltPort,
    log: console.error,
    onGiveUp: (error) => {
      console.error(error.message);
      process.exit(1);
    },
  });
  console.log(`Neo4j is ready at ${neo4j.uri} (data in ${path.resolve(repoRoot, settings.localHome)}, started in ${((Date.now() - started) / 1000).toFixed(1)} s). Press Ctrl-C to stop.`);

  const stop = (signal: NodeJS.Signals) => {
    console.error(`${signal} received; stopping Neo4j ...`);
    neo4j.stop().then(() => process.exit(0), (error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
