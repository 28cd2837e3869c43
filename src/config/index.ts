import { ENVIRONMENT, LOG_LEVELS, LOGGING, type VariableName } from './environment.js';
import type { Variable } from './values.js';

export { ENVIRONMENT, type VariableName } from './environment.js';

/**
 * The one place that reads and checks configuration. Every entry point (`npm start`, the jobs,
 * `npm run token`, `npm run neo4j`) calls `readConfig()` first, so a wrong setting stops it at
 * once with every problem listed; tests pass an environment object of their own.
 */

export type Environment = Readonly<Record<string, string | undefined>>;

export interface Neo4jSettings {
  /** NEO4J_URI; unset means: start (or, for the jobs, use) the bundled local Neo4j. */
  uri: string | undefined;
  user: string;
  password: string | undefined;
  database: string;
  /** NEO4J_READ_TIMEOUT_MS: how long Neo4j lets one read transaction of the API run. */
  readTimeoutMs: number;
  /** NEO4J_LOCAL_BOLT_PORT: port of the bundled local Neo4j. */
  localBoltPort: number;
  /** NEO4J_LOCAL_HOME: data folder of the bundled local Neo4j. */
  localHome: string;
}

export interface HttpSettings {
  port: number;
  host: string;
  /** NODE_ENV=production: unexpected errors leave with a generic message. */
  production: boolean;
}

/** How tokens are verified and who may read. */
export interface AuthConfig {
  /** HS256 key from AUTH_JWT_SECRET. */
  secret: Uint8Array | null;
  /** Key set of an identity provider (RS256, ES256, EdDSA, …) from AUTH_JWKS_URL. */
  jwksUrl: URL | null;
  issuer: string | null;
  audience: string | null;
  /** AUTH_REQUIRE_READ=true: queries need a token with role reader too. */
  requireRead: boolean;
}

/**
 * How much one request may ask of the server. The defaults let every query of the explorer,
 * the examples and the tests through with room to spare, and refuse cycles such as
 * fylke → kommuner → fylke → kommuner before they run.
 */
export interface ApiLimits {
  /** Field nesting (GRAPHQL_MAX_DEPTH); a connection's `edges { node }` counts as two levels. */
  maxDepth: number;
  /** Aliased fields per operation (GRAPHQL_MAX_ALIASES). */
  maxAliases: number;
  /** Directives per operation (GRAPHQL_MAX_DIRECTIVES). */
  maxDirectives: number;
  /** Lexical tokens per document (GRAPHQL_MAX_TOKENS), checked while parsing. */
  maxTokens: number;
  /** Estimated objects resolved (GRAPHQL_MAX_COST), see `src/plugins/queryCost.ts`. */
  maxCost: number;
  /** JSON body size in bytes (GRAPHQL_MAX_BODY_BYTES). */
  maxBodyBytes: number;
  /** Request line plus headers in bytes, which bounds a GET query string (HTTP_MAX_HEADER_BYTES). */
  maxHeaderBytes: number;
  /** Whether the schema answers introspection (GRAPHQL_INTROSPECTION); researchers' tools need it. */
  introspection: boolean;
  /** Nesting of `variables` and `extensions` (GRAPHQL_MAX_VARIABLE_DEPTH). */
  maxVariableDepth: number;
  /** Neo4j sessions one request holds at once (NEO4J_SESSIONS_PER_REQUEST). */
  sessionsPerRequest: number;
  /** Requests per client and window (RATE_LIMIT_REQUESTS, RATE_LIMIT_WINDOW_SECONDS); 0 requests: off. */
  rateLimit: {
    requests: number;
    windowSeconds: number;
    /** RATE_LIMIT_IN_FLIGHT: requests of one client running at once, the rest queued; 0: unbounded. */
    inFlight: number;
    /** RATE_LIMIT_TRUST_PROXY: Express's "trust proxy", so a client behind a proxy is told apart by X-Forwarded-For; null: not trusted. */
    trustProxy: string | null;
  };
}

/** Which browser apps on other origins may call /graphql (CORS_*). */
export interface CorsSettings {
  /** CORS_ORIGINS: exact origins (`https://app.example.org`), or `*` for any; empty: none. */
  origins: readonly string[] | '*';
  /** CORS_CREDENTIALS: whether browsers may send cookies and HTTP auth along. */
  credentials: boolean;
  /** CORS_MAX_AGE: seconds a browser may reuse a preflight answer. */
  maxAgeSeconds: number;
}

export interface ResponseCacheSettings {
  /** RESPONSE_CACHE_MAX_AGE: seconds an answer may be served from memory at most; 0 turns the cache off. */
  maxAgeSeconds: number;
  /** RESPONSE_CACHE_MB: memory for cached answers (serialised JSON), least recently used out first. */
  maxMegabytes: number;
  /** RESPONSE_CACHE_CHECK_MS: how often Neo4j is asked whether anything committed (writes by other clients). */
  checkMs: number;
}

type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggingSettings {
  level: LogLevel;
}

/** What the command-line jobs (seed, import, analyze) share. */
export interface JobSettings {
  /** JOB_READ_TIMEOUT_MS: a job reads the whole graph, which takes longer than an API read may. */
  readTimeoutMs: number;
}

export interface Config {
  neo4j: Neo4jSettings;
  http: HttpSettings;
  auth: AuthConfig;
  limits: ApiLimits;
  cors: CorsSettings;
  responseCache: ResponseCacheSettings;
  logging: LoggingSettings;
  jobs: JobSettings;
}

/** One wrong setting: the variable, the value as given (hidden for credentials) and what is allowed. */
export interface ConfigProblem {
  variable: VariableName;
  value: string;
  allowed: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: readonly ConfigProblem[]) {
    const heading = problems.length === 1 ? 'The configuration has a problem:' : `The configuration has ${problems.length} problems:`;
    super([heading, ...problems.map((p) => `  ${p.variable} is ${p.value}; allowed: ${p.allowed}`)].join('\n'));
  }
}

type Values = { [Name in VariableName]: (typeof ENVIRONMENT)[Name] extends Variable<infer T> ? T : never };

function shown(name: VariableName, raw: string | undefined): string {
  if (raw === undefined) return 'unset';
  if (ENVIRONMENT[name].secret) return `hidden (${Buffer.byteLength(raw, 'utf8')} bytes)`;
  return JSON.stringify(raw);
}

/** Settings that are fine one by one but not together; raw presence decides, so a bad value is reported once. */
function conflicts(env: Environment, values: Partial<Values>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const isSet = (name: VariableName) => env[name] !== undefined && env[name] !== '';
  if (isSet('AUTH_JWT_SECRET') && isSet('AUTH_JWKS_URL')) {
    problems.push({ variable: 'AUTH_JWKS_URL', value: shown('AUTH_JWKS_URL', env.AUTH_JWKS_URL), allowed: 'unset while AUTH_JWT_SECRET is set: use one of them, not both' });
  }
  if (values.CORS_CREDENTIALS === true && values.CORS_ORIGINS === '*') {
    problems.push({
      variable: 'CORS_CREDENTIALS',
      value: shown('CORS_CREDENTIALS', env.CORS_CREDENTIALS),
      allowed: 'true only with CORS_ORIGINS listing origins: browsers refuse credentials for `*`',
    });
  }
  if (values.AUTH_REQUIRE_READ === true && !isSet('AUTH_JWT_SECRET') && !isSet('AUTH_JWKS_URL')) {
    problems.push({
      variable: 'AUTH_REQUIRE_READ',
      value: shown('AUTH_REQUIRE_READ', env.AUTH_REQUIRE_READ),
      allowed: 'true only with AUTH_JWT_SECRET or AUTH_JWKS_URL set, to verify readers',
    });
  }
  return problems;
}

function defaultLogLevel(nodeEnv: string | undefined): LogLevel {
  return nodeEnv === 'test' ? 'warn' : 'info';
}

function sections(v: Values): Config {
  return {
    neo4j: {
      uri: v.NEO4J_URI,
      user: v.NEO4J_USER,
      password: v.NEO4J_PASSWORD,
      database: v.NEO4J_DATABASE,
      readTimeoutMs: v.NEO4J_READ_TIMEOUT_MS,
      localBoltPort: v.NEO4J_LOCAL_BOLT_PORT,
      localHome: v.NEO4J_LOCAL_HOME,
    },
    http: { port: v.PORT, host: v.HOST, production: v.NODE_ENV === 'production' },
    auth: {
      secret: v.AUTH_JWT_SECRET ?? null,
      jwksUrl: v.AUTH_JWKS_URL === undefined ? null : new URL(v.AUTH_JWKS_URL),
      issuer: v.AUTH_ISSUER ?? null,
      audience: v.AUTH_AUDIENCE ?? null,
      requireRead: v.AUTH_REQUIRE_READ,
    },
    limits: {
      maxDepth: v.GRAPHQL_MAX_DEPTH,
      maxAliases: v.GRAPHQL_MAX_ALIASES,
      maxDirectives: v.GRAPHQL_MAX_DIRECTIVES,
      maxTokens: v.GRAPHQL_MAX_TOKENS,
      maxCost: v.GRAPHQL_MAX_COST,
      maxBodyBytes: v.GRAPHQL_MAX_BODY_BYTES,
      maxHeaderBytes: v.HTTP_MAX_HEADER_BYTES,
      introspection: v.GRAPHQL_INTROSPECTION,
      maxVariableDepth: v.GRAPHQL_MAX_VARIABLE_DEPTH,
      sessionsPerRequest: v.NEO4J_SESSIONS_PER_REQUEST,
      rateLimit: { requests: v.RATE_LIMIT_REQUESTS, windowSeconds: v.RATE_LIMIT_WINDOW_SECONDS, inFlight: v.RATE_LIMIT_IN_FLIGHT, trustProxy: v.RATE_LIMIT_TRUST_PROXY ?? null },
    },
    cors: { origins: v.CORS_ORIGINS, credentials: v.CORS_CREDENTIALS, maxAgeSeconds: v.CORS_MAX_AGE },
    responseCache: { maxAgeSeconds: v.RESPONSE_CACHE_MAX_AGE, maxMegabytes: v.RESPONSE_CACHE_MB, checkMs: v.RESPONSE_CACHE_CHECK_MS },
    logging: { level: v.LOG_LEVEL ?? defaultLogLevel(v.NODE_ENV) },
    jobs: { readTimeoutMs: v.JOB_READ_TIMEOUT_MS },
  };
}

/** Every setting, checked together: throws a ConfigError that lists all problems, not the first only. */
export function readConfig(env: Environment = process.env): Config {
  const values: Partial<Record<VariableName, unknown>> = {};
  const problems: ConfigProblem[] = [];
  for (const name of Object.keys(ENVIRONMENT) as VariableName[]) {
    const raw = env[name];
    const parsed = ENVIRONMENT[name].schema.safeParse(raw);
    if (parsed.success) values[name] = parsed.data;
    else problems.push({ variable: name, value: shown(name, raw), allowed: parsed.error.issues[0]?.message ?? 'a valid value' });
  }
  problems.push(...conflicts(env, values as Partial<Values>));
  if (problems.length > 0) throw new ConfigError(problems);
  return sections(values as Values);
}

/** The settings of an empty environment: the one set of defaults. */
export const DEFAULTS: Readonly<Config> = readConfig({});

/**
 * LOG_LEVEL for the logger, which exists before an entry point reads its configuration: an
 * invalid value gives the default here and is reported by `readConfig` with every other problem.
 */
export function logLevel(env: Environment = process.env): LogLevel {
  const parsed = LOGGING.LOG_LEVEL.schema.safeParse(env.LOG_LEVEL);
  return (parsed.success ? parsed.data : undefined) ?? defaultLogLevel(env.NODE_ENV);
}
