import { readConfig } from './config/index.js';
import { Database } from './db/database.js';
import { superviseLocalNeo4j, type SupervisedNeo4j } from './db/localNeo4j.js';
import { applyMigrations } from './graph/migrations.js';
import { refreshDerivedData } from './refresh.js';
import { logger } from './logger.js';
import { seedIfEmpty } from './seed/loadSeeds.js';
import { createAppServer } from './server.js';

/**
 * `npm start`: the bundled Neo4j (unless NEO4J_URI names one), migrations, seeds when the
 * graph is empty, then the API. Ctrl-C or SIGTERM drains requests and stops everything it started.
 */
async function main(): Promise<void> {
  const config = readConfig();
  const { neo4j, http } = config;
  let local: SupervisedNeo4j | undefined;
  if (!neo4j.uri) {
    // Supervised: a bundled Neo4j that dies is restarted (docs/operations.md); the driver reconnects by itself.
    local = await superviseLocalNeo4j({
      home: neo4j.localHome,
      port: neo4j.localBoltPort,
      log: (m) => logger.info(m),
      logError: (m) => logger.error(m),
      onGiveUp: (error) => {
        logger.fatal({ err: error }, 'the bundled Neo4j cannot be restarted; stopping the API');
        void stop('neo4j-gone', 1);
      },
    });
  }
  const db = new Database({
    uri: neo4j.uri ?? local!.uri,
    user: neo4j.user,
    password: neo4j.password,
    database: neo4j.database,
    readTimeoutMs: neo4j.readTimeoutMs,
  });

  let stopping = false;
  const stop = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await server?.apollo.stop().catch((error: unknown) => logger.error({ err: error }, 'stopping the API failed'));
    await db.close().catch(() => undefined);
    await local?.stop().catch((error: unknown) => logger.error({ err: error }, 'stopping Neo4j failed'));
    process.exit(exitCode);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  let server: Awaited<ReturnType<typeof createAppServer>> | undefined;
  try {
    await db.verify();
    await applyMigrations(db);
    const seeded = await seedIfEmpty(db);
    if (seeded) {
      logger.info({ seeded }, 'loaded seeds into an empty graph');
      logger.info(await refreshDerivedData(db), 'computed network measures, stored cooperation series and heaviest partners');
    }
    server = await createAppServer({ db, production: http.production, auth: config.auth, limits: config.limits, cache: config.responseCache });
    await new Promise<void>((resolve, reject) => {
      server!.httpServer.once('error', reject);
      server!.httpServer.listen(http.port, http.host, resolve);
    });
    logger.info(`API ready at http://${http.host}:${http.port}/graphql`);
  } catch (error) {
    logger.error({ err: error }, 'start failed');
    await db.close().catch(() => undefined);
    await local?.stop().catch(() => undefined);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
