/** Settings from the environment, read once. Names and defaults are part of the public contract. */
export interface Config {
  /** Unset means: start the bundled local Neo4j. */
  neo4jUri: string | undefined;
  neo4jUser: string;
  neo4jPassword: string | undefined;
  neo4jDatabase: string;
  port: number;
  host: string;
  /** Port of the bundled local Neo4j when `neo4jUri` is unset. */
  localBoltPort: number;
  /** Data folder of the bundled local Neo4j. */
  localNeo4jHome: string;
  production: boolean;
  /** NEO4J_READ_TIMEOUT_MS: how long Neo4j lets one read transaction run before aborting it. */
  neo4jReadTimeoutMs: number;
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new Error(`${name} must be a whole number between 0 and 65535, got "${value}"`);
  }
  return n;
}

function millisecondsFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 100 || n > 3_600_000) {
    throw new Error(`${name} must be a whole number of milliseconds between 100 and 3600000, got "${value}"`);
  }
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    neo4jUri: env.NEO4J_URI || undefined,
    neo4jUser: env.NEO4J_USER || 'neo4j',
    neo4jPassword: env.NEO4J_PASSWORD || undefined,
    neo4jDatabase: env.NEO4J_DATABASE || 'neo4j',
    port: intFrom(env.PORT, 4000, 'PORT'),
    host: env.HOST || '127.0.0.1',
    localBoltPort: intFrom(env.NEO4J_LOCAL_BOLT_PORT, 7687, 'NEO4J_LOCAL_BOLT_PORT'),
    localNeo4jHome: env.NEO4J_LOCAL_HOME || '.neo4j',
    production: env.NODE_ENV === 'production',
    neo4jReadTimeoutMs: millisecondsFrom(env.NEO4J_READ_TIMEOUT_MS, 10_000, 'NEO4J_READ_TIMEOUT_MS'),
  };
}
