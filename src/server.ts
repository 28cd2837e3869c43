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
import { readConfig, type ApiLimits, type AuthConfig, type CorsSettings, type ResponseCacheSettings } from './config/index.js';
import { createContext, type Context } from './context.js';
import type { Database } from './db/database.js';
import { graphqlBodyErrors } from './http/bodyErrors.js';
import { corsForGraphql } from './http/cors.js';
import { clientKitRouter } from './http/clientKit.js';
import { healthRouter } from './http/health.js';
import { createClientSlots } from './http/clientSlots.js';
import { createClientLimiter } from './http/rateLimit.js';
import { boundVariableDepth } from './http/variableDepth.js';
import { explorerRouter } from './http/explorer.js';
import { exportRouter } from './http/exports.js';
import { logger } from './logger.js';
import { createFormatError } from './plugins/formatError.js';
import { introspectionCachePlugin } from './plugins/introspectionCache.js';
import { noticesPlugin } from './plugins/notices.js';
import { operationLimits } from './plugins/operationLimits.js';
import { overloadStatusPlugin } from './plugins/overloadStatus.js';
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
  /** Browser apps on other origins; from CORS_* in the environment when left out. */
  cors?: CorsSettings;
}

export interface AppServer {
  app: express.Express;
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
}

/** RATE_LIMIT_TRUST_PROXY as Express takes it: true/false, a hop count, or addresses and subnets as written. */
function trustProxySetting(value: string): boolean | number | string {
  const trimmed = value.trim();
  if (/^(true|false)$/i.test(trimmed)) return trimmed.toLowerCase() === 'true';
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** Assembles the HTTP app: GraphQL, health, the start page. Does not listen. */
export async function createAppServer({
  db, production = false, auth = readConfig().auth, limits = readConfig().limits, cache = readConfig().responseCache,
  cors = readConfig().cors,
}: ServerOptions): Promise<AppServer> {
  const app = express();
  app.disable('x-powered-by');
  if (limits.rateLimit.trustProxy !== null) app.set('trust proxy', trustProxySetting(limits.rateLimit.trustProxy));
  // Set here rather than left to Node's flag: it is what bounds a GET query string.
  const httpServer = http.createServer({ maxHeaderSize: limits.maxHeaderBytes }, app);
  const authenticate = createAuthenticator(auth);
  const armor = operationLimits(limits);
  const answers = responseCache(db, cache);
  const limitClient = createClientLimiter(limits.rateLimit);
  const clientSlot = createClientSlots(limits.rateLimit.inFlight);
  const apollo = new ApolloServer<Context>({
    schema: buildSchema(),
    introspection: limits.introspection,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: armor.validationRules,
    // Tokens travel in the Authorization header, never in cookies, so a cross-site request
    // carries no credentials; GET stays usable from curl and links as the HTTP spec allows.
    csrfPrevention: false,
    includeStacktraceInErrorResponses: false,
    formatError: createFormatError(!production, { hideSuggestions: !limits.introspection }),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      requestLoggingPlugin(logger),
      ...armor.plugins,
      queryCostPlugin(limits.maxCost),
      overloadStatusPlugin(),
      introspectionCachePlugin(),
      noticesPlugin(),
      ...answers.plugins,
    ],
  });
  await apollo.start();

  /**
   * Who is asking, within their share: the token (or address) counted against the rate limit, a
   * slot of the client's own in-flight queue held until the answer is sent, and a database view
   * bounded to a few sessions. Every route that runs GraphQL for a client starts here.
   */
  const requestContext = async (req: express.Request, res: express.Response): Promise<Context> => {
    const address = `address:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
    // A refused token still counts against its address, so guessing tokens is rate limited too.
    const access = await authenticate(req.headers.authorization).catch(async (error: unknown) => {
      await limitClient(address);
      throw error;
    });
    const client = access.viewer.subject === null ? address : `subject:${access.viewer.subject}`;
    await limitClient(client);
    // The slot is held until the answer is sent (or the client goes away).
    let gone = false;
    let release: (() => void) | null = null;
    res.once('close', () => {
      gone = true;
      release?.();
    });
    release = await clientSlot(client);
    if (gone) release();
    return createContext(db.forRequest(limits.sessionsPerRequest), access);
  };

  app.use(healthRouter(db));
  app.use(explorerRouter());
  // One CORS policy for every route a browser app on another origin calls, mounted first so that
  // every answer, refusals included, carries the headers a browser needs to read it.
  app.use(['/graphql', '/export', '/client'], corsForGraphql(cors));
  app.use(clientKitRouter({ introspection: limits.introspection }));
  app.use(exportRouter(apollo, requestContext));
  app.use(
    '/graphql',
    express.json({ limit: limits.maxBodyBytes }),
    graphqlBodyErrors(),
    boundVariableDepth(limits.maxVariableDepth),
    expressMiddleware(apollo, { context: ({ req, res }) => requestContext(req, res) }),
  );
  return { app, httpServer, apollo };
}
