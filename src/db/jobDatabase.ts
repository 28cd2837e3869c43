import type { Config } from '../config/index.js';
import { Database } from './database.js';

export interface JobDatabase {
  db: Database;
  uri: string;
  /** True when NEO4J_URI is unset and the job uses the local database `npm start` / `npm run neo4j` runs. */
  local: boolean;
}

/**
 * The database a job (seed, import, analyze) works on: NEO4J_URI, or the bundled one on
 * NEO4J_LOCAL_BOLT_PORT, which must be running. Its reads may take JOB_READ_TIMEOUT_MS, since a
 * job reads the whole graph.
 */
export function openJobDatabase({ neo4j, jobs }: Config): JobDatabase {
  const uri = neo4j.uri ?? `bolt://127.0.0.1:${neo4j.localBoltPort}`;
  const db = new Database({ uri, user: neo4j.user, password: neo4j.password, database: neo4j.database, readTimeoutMs: jobs.readTimeoutMs });
  return { db, uri, local: neo4j.uri === undefined };
}
