import { readConfig } from '../config/index.js';
import { openJobDatabase, type JobDatabase } from '../db/jobDatabase.js';
import { refreshDerivedData } from '../refresh.js';

/** `npm run analyze`: network measures for the database that NEO4J_URI names, or the local one `npm start` runs. */
let job: JobDatabase | undefined;
try {
  job = openJobDatabase(readConfig());
  await job.db.verify();
  const { analysis: summary, seriesKommuner, heaviestStores } = await refreshDerivedData(job.db);
  process.stdout.write(`network measures: ${summary.nodes} nodes, ${summary.edges} relationships, ${summary.communities} communities` +
    `${summary.betweenness ? '' : ' (betweenness skipped: graph too large)'} in ${summary.ms} ms; cooperation series stored for ${seriesKommuner} kommuner; heaviest commuting partners stored for ${heaviestStores} kommuner\n`);
} catch (error) {
  process.stderr.write(`analyze failed: ${error instanceof Error ? error.message : String(error)}` +
    `${job?.local ? ' (is the local database running? start it with `npm start` or `npm run neo4j`)' : ''}\n`);
  process.exitCode = 1;
} finally {
  await job?.db.close();
}
