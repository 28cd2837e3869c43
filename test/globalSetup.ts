import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { refreshDerivedData } from '../src/refresh.js';
import { readConfig } from '../src/config/index.js';
import { Database } from '../src/db/database.js';
import { applyMigrations } from '../src/graph/migrations.js';
import { seedIfEmpty } from '../src/seed/loadSeeds.js';
import { findFreePort, type LocalNeo4j, startLocalNeo4j } from '../src/db/localNeo4j.js';

/** How integration tests reach Neo4j; serialisable because vitest hands it to worker processes. */
export interface Neo4jConnection {
  uri: string;
  user: string;
  password: string | undefined;
  database: string;
}

/** Set only when this setup started its own Neo4j, so tests of the launcher can aim at its store. */
export interface LocalNeo4jInstance {
  home: string;
  port: number;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: Neo4jConnection;
    localNeo4j: LocalNeo4jInstance | null;
  }
}

/**
 * Loads what every integration test expects in the graph before the first file runs: the
 * constraints, the real seeds and the network measures. Idempotent, because with NEO4J_URI it
 * runs against a database that outlives the test run.
 */
export async function prepareTestDatabase(connection: Neo4jConnection): Promise<void> {
  // Setup may share the machine with heavy work; allow slow schema reads rather than fail the run.
  const db = new Database({ ...connection, readTimeoutMs: 120_000 });
  try {
    await applyMigrations(db);
    await seedIfEmpty(db);
    await refreshDerivedData(db);
  } finally {
    await db.close();
  }
}

/**
 * Uses NEO4J_URI when set; otherwise starts a throwaway Neo4j on a free port with its store in
 * the OS temp folder, so tests never touch a developer's `.neo4j/` nor clash with a running
 * `npm start`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { neo4j } = readConfig();
  let local: LocalNeo4j | undefined;
  let home: string | undefined;
  let connection: Neo4jConnection;

  if (neo4j.uri) {
    connection = { uri: neo4j.uri, user: neo4j.user, password: neo4j.password, database: neo4j.database };
    project.provide('localNeo4j', null);
  } else {
    home = await mkdtemp(path.join(os.tmpdir(), 'neo4j-test-'));
    const port = await findFreePort();
    try {
      local = await startLocalNeo4j({ home, port, pagecache: '128m' });
    } catch (error) {
      await rm(home, { recursive: true, force: true });
      throw error;
    }
    // TEST_NEO4J_ROUTING=true reaches the same server through a routing URI, as a cluster or Aura
    // is reached (a single server answers the routing table with itself); CI runs a part of the
    // suite so.
    const uri = process.env.TEST_NEO4J_ROUTING === 'true' ? local.uri.replace(/^bolt:/, 'neo4j:') : local.uri;
    connection = { uri, user: 'neo4j', password: undefined, database: 'neo4j' };
    project.provide('localNeo4j', { home, port });
  }

  const teardown = async () => {
    await local?.stop();
    if (home) await rm(home, { recursive: true, force: true });
  };

  try {
    await prepareTestDatabase(connection);
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide('neo4j', connection);
  return teardown;
}
