import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { loadFilesSync } from '@graphql-tools/load-files';
import { makeExecutableSchema } from '@graphql-tools/schema';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { createContext, type Context } from './context.js';
import type { Database } from './db/database.js';
import { healthRouter } from './http/health.js';
import { startPageHtml } from './http/startPage.js';
import { logger } from './logger.js';
import { createFormatError } from './plugins/formatError.js';
import { requestLoggingPlugin } from './plugins/requestLogging.js';
import { resolvers } from './resolvers.js';

const SCHEMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'schema');

export function buildSchema(): GraphQLSchema {
  return makeExecutableSchema({ typeDefs: loadFilesSync(path.join(SCHEMA_DIR, '*.graphql')), resolvers });
}

export interface ServerOptions {
  db: Database;
  production?: boolean;
}

export interface AppServer {
  app: express.Express;
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
}

/** Assembles the HTTP app: GraphQL, health, the start page. Does not listen. */
export async function createAppServer({ db, production = false }: ServerOptions): Promise<AppServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<Context>({
    schema: buildSchema(),
    introspection: true,
    // Tokens travel in the Authorization header, never in cookies, so a cross-site request
    // carries no credentials; GET stays usable from curl and links as the HTTP spec allows.
    csrfPrevention: false,
    includeStacktraceInErrorResponses: false,
    formatError: createFormatError(!production),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      requestLoggingPlugin(logger),
    ],
  });
  await apollo.start();

  app.use(healthRouter(db));
  app.get('/', (_req, res) => {
    res.type('html').send(startPageHtml());
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: async () => createContext(db) }),
  );
  return { app, httpServer, apollo };
}
