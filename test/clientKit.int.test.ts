import { ApolloClient, gql, HttpLink, InMemoryCache, type TypePolicies } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config/index.js';
import { createAppServer } from '../src/server.js';
import { useTestApi } from './support/api.js';

const context = useTestApi();
let baseUrl = '';

beforeAll(async () => {
  baseUrl = await context.api.listen();
});

/**
 * The cache setup the README shows: connections merged page by page, keyed by the arguments that
 * pick their rows, and `kommune(nr:)` read from a kommune already in the cache under its
 * 2020–2023 number. Numbers of other eras go to the server, which answers the canonical entity.
 */
const typePolicies: TypePolicies = {
  Query: {
    fields: {
      kommuner: relayStylePagination(['fylke', 'search', 'orderBy']),
      companies: relayStylePagination(['kommune', 'search']),
      ranking: relayStylePagination(['indicator', 'edition', 'fylke', 'level']),
      kommune: {
        read(existing, { args, toReference }) {
          return existing ?? toReference({ __typename: 'Kommune', id: `Kommune:${String(args?.nr)}` });
        },
      },
    },
  },
  Kommune: { fields: { companies: relayStylePagination() } },
  // Hits carry a score of one search; normalised by id they would overwrite each other's.
  SearchHit: { keyFields: false },
};

async function shippedPossibleTypes(): Promise<Record<string, string[]>> {
  const response = await fetch(`${baseUrl}/client/possible-types.json`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { possibleTypes: Record<string, string[]> }).possibleTypes;
}

function apolloClient(possibleTypes: Record<string, string[]> | undefined): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: `${baseUrl}/graphql` }),
    cache: new InMemoryCache({ possibleTypes, typePolicies }),
  });
}

const ENTITIES = gql`
  query Entities($ids: [ID!]!) {
    nodes(ids: $ids) {
      id
      ... on Entity { name sources { id title } }
      ... on Kommune { nr }
    }
  }
`;

const ENTITY_NAME = gql`fragment EntityName on Entity { id name }`;

const KOMMUNER = gql`
  query Kommuner($fylke: String, $first: Int, $after: String) {
    kommuner(fylke: $fylke, first: $first, after: $after) {
      edges { cursor node { id name } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

describe('the client kit', () => {
  let clients: ApolloClient[] = [];
  afterAll(() => { for (const client of clients) client.stop(); });

  it('serves possibleTypes naming every Entity and Node type, and the SDL', async () => {
    const possibleTypes = await shippedPossibleTypes();
    expect(possibleTypes.Entity).toEqual(expect.arrayContaining(['Kommune', 'Fylke', 'Company', 'Cluster', 'School']));
    expect(possibleTypes.Node).toEqual(expect.arrayContaining([...possibleTypes.Entity!, 'Source', 'RankingEntry']));
    const sdl = await fetch(`${baseUrl}/client/schema.graphql`);
    expect(sdl.status).toBe(200);
    expect(await sdl.text()).toContain('nodes(');
  });

  it('keeps the SDL to itself with GRAPHQL_INTROSPECTION=false, and still serves possibleTypes', async () => {
    const closed = await createAppServer({ db: context.db, limits: { ...readConfig().limits, introspection: false } });
    await new Promise<void>((resolve) => closed.httpServer.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(closed.httpServer.address() as AddressInfo).port}`;
      expect((await fetch(`${base}/client/schema.graphql`)).status).toBe(404);
      expect((await fetch(`${base}/client/possible-types.json`)).status).toBe(200);
    } finally {
      await closed.apollo.stop();
      if (closed.httpServer.listening) await new Promise((resolve) => closed.httpServer.close(resolve));
    }
  });

  it('Apollo Client 4 with the shipped possibleTypes normalises entities read through `... on Entity`', async () => {
    const client = apolloClient(await shippedPossibleTypes());
    clients.push(client);
    const { data } = await client.query({ query: ENTITIES, variables: { ids: ['Kommune:3006', 'Kommune:0604', 'Cluster:nce-systems-engineering'] } });
    const nodes = (data as { nodes: { id: string; name?: string }[] }).nodes;
    expect(nodes.map((node) => node.id)).toEqual(['Kommune:3006', 'Kommune:3006', 'Cluster:nce-systems-engineering']);
    expect(nodes[0]!.name).toBe('Kongsberg');

    // One normalised Kongsberg, whichever era's id asked for it, with its Entity fields.
    const kongsberg = client.cache.identify({ __typename: 'Kommune', id: 'Kommune:3006' })!;
    expect(client.readFragment({ id: kongsberg, fragment: ENTITY_NAME })).toEqual({ __typename: 'Kommune', id: 'Kommune:3006', name: 'Kongsberg' });
    const stored = client.cache.extract() as Record<string, Record<string, unknown>>;
    expect(Object.keys(stored).filter((key) => key.startsWith('Kommune:'))).toEqual([kongsberg]);
    expect(stored[kongsberg]).toMatchObject({ id: 'Kommune:3006', name: 'Kongsberg', nr: '3006' });
  });

  it('without possibleTypes the same answer loses its `... on Entity` fields in the cache (why the kit exists)', async () => {
    const client = apolloClient(undefined);
    clients.push(client);
    await client.query({ query: ENTITIES, variables: { ids: ['Kommune:3006'] } }).catch(() => undefined);
    const stored = client.cache.extract() as Record<string, Record<string, unknown>>;
    const kongsberg = client.cache.identify({ __typename: 'Kommune', id: 'Kommune:3006' })!;
    expect(stored[kongsberg]?.name).toBeUndefined();
  });

  it('Apollo Client 4 pages a connection: kommuner(fylke: "30", first: 20, after: …) merged by relayStylePagination', async () => {
    const client = apolloClient(await shippedPossibleTypes());
    clients.push(client);
    const first = await client.query({ query: KOMMUNER, variables: { fylke: '30', first: 20 } });
    const firstPage = (first.data as { kommuner: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }).kommuner;
    expect(firstPage.edges).toHaveLength(20);
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    await client.query({ query: KOMMUNER, variables: { fylke: '30', first: 20, after: firstPage.pageInfo.endCursor }, fetchPolicy: 'network-only' });

    const merged = client.readQuery({ query: KOMMUNER, variables: { fylke: '30', first: 20 } }) as { kommuner: { edges: { node: { id: string } }[] } };
    const ids = merged.kommuner.edges.map((edge) => edge.node.id);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    expect(ids.slice(0, 20)).toEqual(firstPage.edges.map((edge) => edge.node.id));
  });

  it('answers kommune(nr:"0604") with the canonical Kongsberg, one cache entry with kommune(nr:"3006")', async () => {
    const client = apolloClient(await shippedPossibleTypes());
    clients.push(client);
    const query = gql`query Kommune($nr: String!) { kommune(nr: $nr) { id name } }`;
    const old = await client.query({ query, variables: { nr: '0604' } });
    expect((old.data as { kommune: { id: string } }).kommune.id).toBe('Kommune:3006');
    // Read from the cache by the type policy, no request: the entity is there under its canonical id.
    const current = await client.query({ query, variables: { nr: '3006' }, fetchPolicy: 'cache-only' });
    expect((current.data as { kommune: { name: string } }).kommune.name).toBe('Kongsberg');
  });
});
