import http from 'node:http';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { loadFilesSync } from '@graphql-tools/load-files';
import { makeExecutableSchema } from '@graphql-tools/schema';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { createAuthenticator } from './auth/authenticate.js';
import { readConfig, type ApiLimits, type AuthConfig, type ResponseCacheSettings } from './config/index.js';
import { createContext, type Context } from './context.js';
import type { Database } from './db/database.js';
import { graphqlBodyErrors } from './http/bodyErrors.js';
import { healthRouter } from './http/health.js';
import { explorerRouter } from './http/explorer.js';
import { exportRouter } from './http/exports.js';
import { logger } from './logger.js';
import { createFormatError } from './plugins/formatError.js';
import { operationLimits } from './plugins/operationLimits.js';
import { queryCostPlugin } from './plugins/queryCost.js';
import { requestLoggingPlugin } from './plugins/requestLogging.js';
import { responseCache } from './plugins/responseCache.js';
import { SCHEMA_DIR } from './paths.js';
import { resolvers } from './resolvers.js';


export function buildSchema(): GraphQLSchema {
  return makeExecutableSchema({ typeDefs: loadFilesSync(path.join(SCHEMA_DIR, '*.graphql')), resolvers });
}

export interface ServerOptions {
  db: Database;
  production?: boolean;
  /** Token verification and read access; from AUTH_* in the environment when left out. */
  auth?: AuthConfig;
  /** Request limits and introspection; from GRAPHQL_* in the environment when left out. */
  limits?: ApiLimits;
  /** The response cache; from RESPONSE_CACHE_* in the environment when left out. */
  cache?: ResponseCacheSettings;
}

export interface AppServer {
  app: express.Express;
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
}

/** Assembles the HTTP app: GraphQL, health, the start page. Does not listen. */
export async function createAppServer({
  db, production = false, auth = readConfig().auth, limits = readConfig().limits, cache = readConfig().responseCache,
}: ServerOptions): Promise<AppServer> {
  const app = express();
  app.disable('x-powered-by');
  // Set here rather than left to Node's flag: it is what bounds a GET query string.
  const httpServer = http.createServer({ maxHeaderSize: limits.maxHeaderBytes }, app);
  const authenticate = createAuthenticator(auth);
  const armor = operationLimits(limits);
  const answers = responseCache(db, cache);
  const apollo = new ApolloServer<Context>({
    schema: buildSchema(),
    introspection: limits.introspection,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: armor.validationRules,
    // Tokens travel in the Authorization header, never in cookies, so a cross-site request
    // carries no credentials; GET stays usable from curl and links as the HTTP spec allows.
    csrfPrevention: false,
    includeStacktraceInErrorResponses: false,
    formatError: createFormatError(!production),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      requestLoggingPlugin(logger),
      ...armor.plugins,
      queryCostPlugin(limits.maxCost),
      ...answers.plugins,
    ],
  });
  await apollo.start();

  app.use(healthRouter(db));
  app.use(explorerRouter());
  app.use(exportRouter(apollo, db, authenticate));
  app.use(
    '/graphql',
    express.json({ limit: limits.maxBodyBytes }),
    graphqlBodyErrors(),
    expressMiddleware(apollo, { context: async ({ req }) => createContext(db, await authenticate(req.headers.authorization)) }),
  );
  return { app, httpServer, apollo };
}
