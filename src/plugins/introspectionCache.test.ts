import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { getIntrospectionQuery } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../server.js';
import { introspectionCachePlugin } from './introspectionCache.js';

const schema = buildSchema();

async function serverCountingExecutions(): Promise<{ server: ApolloServer; executions: () => number }> {
  let executions = 0;
  const counter: ApolloServerPlugin = { async requestDidStart() { return { async executionDidStart() { executions += 1; } }; } };
  const server = new ApolloServer({ schema, plugins: [introspectionCachePlugin(), counter] });
  await server.start();
  return { server, executions: () => executions };
}

async function run(server: ApolloServer, query: string) {
  const response = await server.executeOperation({ query });
  if (response.body.kind !== 'single') throw new Error('single answer expected');
  return response.body.singleResult;
}

describe('introspectionCachePlugin', () => {
  it('executes a full introspection once, however it is spelled', async () => {
    const { server, executions } = await serverCountingExecutions();
    const full = getIntrospectionQuery();
    const first = await run(server, full);
    for (let i = 0; i < 20; i += 1) {
      const respelled = `# flood ${i}\n${full.replace(/\n\s*/g, ' '.repeat(i + 1))}`;
      expect(await run(server, respelled)).toEqual(first);
    }
    expect(executions()).toBe(1);
    await server.stop();
  });

  it('keeps introspections that ask different things apart, and never caches data', async () => {
    const { server, executions } = await serverCountingExecutions();
    const query = (await run(server, '{ __type(name: "Query") { name } }')).data;
    const kommune = (await run(server, '{ __type(name: "Kommune") { name } }')).data;
    expect(query).toEqual({ __type: { name: 'Query' } });
    expect(kommune).toEqual({ __type: { name: 'Kommune' } });
    await run(server, '{ __typename fylker { nr } }').catch(() => undefined);
    await run(server, '{ __typename fylker { nr } }').catch(() => undefined);
    expect(executions()).toBe(4);
    await server.stop();
  });
});
