import { inject } from 'vitest';
import { Database } from '../../src/db/database.js';
// Importing the type also brings in the `ProvidedContext` declaration that types `inject('neo4j')`.
import type { Neo4jConnection } from '../globalSetup.js';

/** A fresh Database on the test Neo4j; each caller closes its own in `afterAll`. */
export function testDatabase(): Database {
  const connection: Neo4jConnection = inject('neo4j');
  return new Database(connection);
}
