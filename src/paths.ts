import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding package.json, schema/, seeds/ and neo4j/. Found by walking up rather than
 * by a fixed `../..`, so the same code finds it when run from `src/` by tsx and when run compiled
 * from `dist/build/src/` by `npm start`.
 */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

/** The GraphQL schema, one file per domain. */
export const SCHEMA_DIR = path.join(projectRoot, 'schema');
/** The real data the graph is seeded from. */
export const SEEDS_DIR = path.join(projectRoot, 'seeds');
/** Where `npm start` puts the explorer bundle and the compiled server. */
export const DIST_DIR = path.join(projectRoot, 'dist');
