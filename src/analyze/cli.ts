import { loadConfig } from '../config.js';
import { Database } from '../db/database.js';
import { refreshDerivedData } from '../refresh.js';

/** `npm run analyze`: network measures for the database that NEO4J_URI names, or the local one `npm start` runs. */
const config = loadConfig();
const db = new Database({
  uri: config.neo4jUri ?? `bolt://127.0.0.1:${config.localBoltPort}`,
  user: config.neo4jUser,
  password: config.neo4jPassword,
  database: config.neo4jDatabase,
});
try {
  await db.verify();
  const { analysis: summary, seriesKommuner } = await refreshDerivedData(db);
  process.stdout.write(`network measures: ${summary.nodes} nodes, ${summary.edges} relationships, ${summary.communities} communities` +
    `${summary.betweenness ? '' : ' (betweenness skipped: graph too large)'} in ${summary.ms} ms; cooperation series stored for ${seriesKommuner} kommuner\n`);
} catch (error) {
  process.stderr.write(`analyze failed: ${error instanceof Error ? error.message : String(error)}` +
    `${config.neo4jUri ? '' : ' (is the local database running? start it with `npm start` or `npm run neo4j`)'}\n`);
  process.exitCode = 1;
} finally {
  await db.close();
}
