import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect } from 'vitest';
import type { ResponseCacheSettings } from '../../src/config/index.js';
import type { Database } from '../../src/db/database.js';
import { createContext } from '../../src/context.js';
import { createAppServer, type AppServer } from '../../src/server.js';
import { testDatabase } from './database.js';

export interface GraphQLResult<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface TestApi {
  server: AppServer;
  /** Runs an operation in process, through Apollo's whole pipeline (validation, formatError). */
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
  /** Listens on a free port and returns its base URL (for HTTP-level tests). */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export async function createTestApi(db: Database, options: { production?: boolean; cache?: ResponseCacheSettings } = {}): Promise<TestApi> {
  const server = await createAppServer({ db, production: options.production ?? false, ...(options.cache ? { cache: options.cache } : {}) });
  return {
    server,
    async query(query, variables) {
      const response = await server.apollo.executeOperation({ query, variables }, { contextValue: createContext(db) });
      if (response.body.kind !== 'single') throw new Error('incremental delivery is not expected');
      return response.body.singleResult as GraphQLResult;
    },
    async listen() {
      await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
      const { port } = server.httpServer.address() as AddressInfo;
      return `http://127.0.0.1:${port}`;
    },
    async close() {
      await server.apollo.stop();
      if (server.httpServer.listening) await new Promise((resolve) => server.httpServer.close(resolve));
    },
  };
}

/** The error codes of a result, in order. */
export function codesOf(result: GraphQLResult): unknown[] {
  return (result.errors ?? []).map((error) => error.extensions?.code);
}

/**
 * Registers the usual lifecycle in a test file: one Database and one in-process API for the
 * file, closed after it. Read `.db` and `.api` inside tests and hooks (they exist from
 * `beforeAll` on).
 */
export function useTestApi(options: { production?: boolean } = {}): { readonly db: Database; readonly api: TestApi } {
  let db: Database | undefined;
  let api: TestApi | undefined;
  beforeAll(async () => {
    db = testDatabase();
    api = await createTestApi(db, options);
  });
  afterAll(async () => {
    await api?.close();
    await db?.close();
  });
  return {
    get db() { if (!db) throw new Error('useTestApi: used before beforeAll'); return db; },
    get api() { if (!api) throw new Error('useTestApi: used before beforeAll'); return api; },
  };
}

/**
 * Runs a query that must answer without errors and counts the Cypher statements it sent: round
 * trips, not time (tests never assert on time).
 */
export async function countedQuery(
  context: { readonly db: Database; readonly api: TestApi },
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ data: any; trips: number; statements: string[] }> {
  const statements: string[] = [];
  const stop = context.db.observe((cypher) => { statements.push(cypher); });
  try {
    const result = await context.api.query(query, variables);
    expect(result.errors).toBeUndefined();
    return { data: result.data, trips: statements.length, statements };
  } finally {
    stop();
  }
}
