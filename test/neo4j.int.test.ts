import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { AlreadyRunningError, findFreePort, startLocalNeo4j } from '../src/db/localNeo4j.js';
import { testDatabase } from './support/database.js';

describe('the test Neo4j', () => {
  const db: Database = testDatabase();
  // A label no other test or seed uses, so cleanup can never remove someone else's data.
  const label = `Smoke_${randomUUID().replaceAll('-', '')}`;

  afterAll(async () => {
    await db.write(`MATCH (n:\`${label}\`) DETACH DELETE n`);
    await db.close();
  });

  it('answers a query', async () => {
    expect(await db.read('RETURN 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('stores a node and reads it back', async () => {
    await db.write(`CREATE (:\`${label}\` {name: $name, count: $count})`, { name: 'Kongsberg', count: 3 });

    const rows = await db.read<{ name: string; count: number }>(
      `MATCH (n:\`${label}\`) RETURN n.name AS name, n.count AS count`,
    );

    expect(rows).toEqual([{ name: 'Kongsberg', count: 3 }]);
  });
});

const local = inject('localNeo4j');

describe.skipIf(local === null)('a second local Neo4j', () => {
  it('is refused when the store is locked, and the first keeps answering', async () => {
    const start = startLocalNeo4j({ home: local!.home, port: await findFreePort(), log: () => {} });

    await expect(start).rejects.toThrow(AlreadyRunningError);
    await expect(start).rejects.toThrow(/already running with data in/);
    const db = testDatabase();
    try {
      expect(await db.read('RETURN 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('is refused without starting Java when Neo4j already serves the port', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'neo4j-unused-'));
    try {
      const started = Date.now();
      await expect(startLocalNeo4j({ home, port: local!.port, log: () => {} })).rejects.toThrow(/already running on 127\.0\.0\.1/);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  });
});
