import { loadConfig } from './config.js';
import { Database } from './db/database.js';
import { startLocalNeo4j, type LocalNeo4j } from './db/localNeo4j.js';
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
  const config = loadConfig();
  let local: LocalNeo4j | undefined;
  if (!config.neo4jUri) {
    local = await startLocalNeo4j({ home: config.localNeo4jHome, port: config.localBoltPort, log: (m) => logger.info(m) });
  }
  const db = new Database({
    uri: config.neo4jUri ?? local!.uri,
    user: config.neo4jUser,
    password: config.neo4jPassword,
    database: config.neo4jDatabase,
    readTimeoutMs: config.neo4jReadTimeoutMs,
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await server?.apollo.stop().catch((error: unknown) => logger.error({ err: error }, 'stopping the API failed'));
    await db.close().catch(() => undefined);
    await local?.stop().catch((error: unknown) => logger.error({ err: error }, 'stopping Neo4j failed'));
    process.exit(0);
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
      logger.info(await refreshDerivedData(db), 'computed network measures and stored cooperation series');
    }
    server = await createAppServer({ db, production: config.production });
    await new Promise<void>((resolve, reject) => {
      server!.httpServer.once('error', reject);
      server!.httpServer.listen(config.port, config.host, resolve);
    });
    logger.info(`API ready at http://${config.host}:${config.port}/graphql`);
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
