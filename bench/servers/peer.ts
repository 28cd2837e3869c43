import { readFileSync } from 'node:fs';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { Neo4jGraphQL } from '@neo4j/graphql';
import express from 'express';
import { benchDriver } from './driver.js';
import { serve } from './child.js';
import path from 'node:path';
import { projectRoot } from '../../src/paths.js';

/** The peer: @neo4j/graphql 7 over the same graph, on Apollo Server 5 and express 5 set up like ours. */
export const PEER_TYPE_DEFS = readFileSync(path.join(projectRoot, 'bench', 'peer', 'typeDefs.graphql'), 'utf8');

await serve(async (uri) => {
  // The library expects the driver's default lossless integers.
  const driver = benchDriver(uri, { losslessIntegers: true });
  await driver.verifyConnectivity();
  const schema = await new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver }).getSchema();
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer({
    schema,
    introspection: true,
    csrfPrevention: false,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(apollo, { context: async () => ({}) }));
  return {
    server: httpServer,
    close: async () => {
      await apollo.stop();
      await driver.close();
    },
  };
});
