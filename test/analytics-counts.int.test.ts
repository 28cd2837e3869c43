import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/auth/roles.js';
import { countSeries, refreshStoredCounts } from '../src/modules/analytics/countStore.js';
import { COUNT_NAMES, findCountSeries } from '../src/modules/analytics/repository.js';
import { useTestApi, type GraphQLResult } from './support/api.js';
import { contextAs } from './support/auth.js';

/**
 * Stored cooperation counts (src/modules/analytics/countStore.ts) against counting live, on the
 * seeded test graph. Other test files write to the same graph at the same time, so these tests
 * check answers, never which path produced them.
 */
const context = useTestApi();
const PREFIX = `zz-c${randomUUID().slice(0, 8)}`;
const SOURCE = { title: `${PREFIX} register`, url: 'https://example.org/register', publisher: 'Test publisher', note: null };

afterAll(async () => {
  const { db } = context;
  await db.write('MATCH (n:Entity) WHERE n.id CONTAINS $prefix DETACH DELETE n', { prefix: PREFIX });
  await db.write('MATCH (a:AuditEntry) WHERE a.entityId CONTAINS $prefix DELETE a', { prefix: PREFIX });
  await db.write('MATCH (s:Source) WHERE s.title STARTS WITH $prefix DELETE s', { prefix: PREFIX });
});

async function as<T = any>(role: Role | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> {
  const response = await context.api.server.apollo.executeOperation({ query, variables }, { contextValue: contextAs(context.db, role) });
  if (response.body.kind !== 'single') throw new Error('incremental delivery is not expected');
  return response.body.singleResult as GraphQLResult<T>;
}

const CORRELATION = `query($metric: CooperationMetric!) {
  correlation(metric: $metric, indicator: "ssb/higher-education-share", year: 2018) { n pearson points { kommune { id } x } }
}`;

async function xOf(metric: string, kommuneId: string): Promise<number | undefined> {
  const result = await as(null, CORRELATION, { metric });
  expect(result.errors).toBeUndefined();
  return result.data.correlation.points.find((p: any) => p.kommune.id === kommuneId)?.x;
}

describe('stored cooperation counts', () => {
  it('equal the live counts for every metric, stored or recomputed', async () => {
    const { db } = context;
    await refreshStoredCounts(db);
    for (const measure of COUNT_NAMES) {
      const [stored, live] = await Promise.all([countSeries(db, measure), findCountSeries(db, measure)]);
      expect(stored, measure).toEqual(live);
    }
  });

  it('follow a company linked to a cluster through the API, and its removal', async () => {
    const company = `Company:${PREFIX}-member`;
    const cluster = `Cluster:${PREFIX}-network`;
    await refreshStoredCounts(context.db);
    const created = await as('editor', `mutation($input: CompanyInput!) { upsertCompany(input: $input) { id } }`, {
      input: { key: `${PREFIX}-member`, name: `${PREFIX} Member`, source: SOURCE },
    });
    expect(created.errors).toBeUndefined();
    await as('editor', `mutation($input: ClusterInput!) { upsertCluster(input: $input) { id } }`, {
      input: { key: `${PREFIX}-network`, name: `${PREFIX} Network`, kind: 'INDUSTRY_NETWORK', source: SOURCE },
    });
    const LINK = `mutation($input: LinkInput!) { link(input: $input) { id } }`;
    expect((await as('editor', LINK, { input: { type: 'LOCATED_IN', from: company, to: 'Kommune:3006', source: SOURCE } })).errors).toBeUndefined();

    // The counts are stored now (refreshed, then recomputed by this read after the writes above).
    const before = await xOf('CLUSTER_MEMBERSHIPS', 'Kommune:3006');
    expect(before).toBeDefined();
    expect(await xOf('CLUSTER_MEMBERSHIPS', 'Kommune:3006')).toBe(before);

    expect((await as('editor', LINK, { input: { type: 'MEMBER_OF', from: company, to: cluster, source: SOURCE } })).errors).toBeUndefined();
    expect(await xOf('CLUSTER_MEMBERSHIPS', 'Kommune:3006')).toBe(before! + 1);
    expect(await xOf('CLUSTER_MEMBERSHIPS', 'Kommune:3006')).toBe(before! + 1);

    const unlinked = await as('editor', `mutation($type: LinkType!, $from: ID!, $to: ID!) { unlink(type: $type, from: $from, to: $to) { removed } }`, {
      type: 'MEMBER_OF', from: company, to: cluster,
    });
    expect(unlinked.data.unlink).toEqual({ removed: true });
    expect(await xOf('CLUSTER_MEMBERSHIPS', 'Kommune:3006')).toBe(before);
  });

  it('follow writes that leave no audit entry: a company moved by hand to another kommune', async () => {
    const { db } = context;
    const company = `Company:${PREFIX}-moved`;
    await db.write(
      `MATCH (k:Kommune {id: 'Kommune:3006'})
       CREATE (:Entity:Company {id: $id, key: $key, name: $key, sourceIds: []})-[:LOCATED_IN]->(k)`,
      { id: company, key: `${PREFIX}-moved` },
    );
    await refreshStoredCounts(db);
    // COMPANIES is a curated measure: a correlation holds only curated Kongsberg, so Oslo's count is read from the store itself.
    const osloCount = async () => (await countSeries(db, 'companies')).find((row) => row.kommuneId === 'Kommune:0301')?.value;
    const kongsberg = await xOf('COMPANIES', 'Kommune:3006');
    const oslo = await osloCount();
    // One relationship out, one in: the total stays, the kommuner's LOCATED_IN degrees move.
    await db.write(
      `MATCH (c:Company {id: $id})-[r:LOCATED_IN]->() DELETE r
       WITH DISTINCT c MATCH (k:Kommune {id: 'Kommune:0301'}) CREATE (c)-[:LOCATED_IN]->(k)`,
      { id: company },
    );
    expect(await xOf('COMPANIES', 'Kommune:3006')).toBe(kongsberg! - 1);
    expect(await osloCount()).toBe(oslo! + 1);
  });
});
