import { flag, key, oneOf, origins, text, url, variable, wholeNumber } from './values.js';

/**
 * Every environment variable the server and the command-line jobs read, each declared once
 * with its kind, range, default and meaning, by section. The names and defaults are part of
 * the public contract (README.md's Configuration table, docs/security.md's limits).
 */

const MILLISECONDS = 'of milliseconds';

const NEO4J = {
  NEO4J_URI: variable(url(/^(bolt|neo4j)(\+s|\+ssc)?$/, 'a bolt://, bolt+s://, bolt+ssc://, neo4j://, neo4j+s:// or neo4j+ssc:// URI'), {
    description: 'The Neo4j to use; unset: `npm start` starts the bundled local Neo4j and the jobs use that one.',
  }),
  NEO4J_USER: variable(text(), { default: 'neo4j', description: 'User name for NEO4J_URI.' }),
  NEO4J_PASSWORD: variable(text(), { secret: true, description: 'Password for NEO4J_URI; unset: connect without authentication (the bundled database).' }),
  NEO4J_DATABASE: variable(text(), { default: 'neo4j', description: 'Database name.' }),
  NEO4J_READ_TIMEOUT_MS: variable(wholeNumber(100, 3_600_000, MILLISECONDS), {
    default: 10_000,
    description: 'How long Neo4j lets one read transaction of the API run before aborting it.',
  }),
  NEO4J_LOCAL_BOLT_PORT: variable(wholeNumber(1, 65_535), { default: 7687, description: 'Bolt port of the bundled local Neo4j.' }),
  NEO4J_LOCAL_HOME: variable(text(), { default: '.neo4j', description: 'Data folder of the bundled local Neo4j, relative to the repository.' }),
};

const HTTP = {
  PORT: variable(wholeNumber(0, 65_535), { default: 4000, description: 'HTTP port of the API; 0 picks a free one.' }),
  HOST: variable(text(), { default: '127.0.0.1', description: 'Address the API listens on.' }),
  NODE_ENV: variable(text(), { description: '`production` masks the messages of unexpected errors; `test` logs warnings only.' }),
};

/** RFC 7518 wants an HS256 key at least as long as the hash. */
const MIN_SECRET_BYTES = 32;

const AUTH = {
  AUTH_JWT_SECRET: variable(key(MIN_SECRET_BYTES, 'a short HS256 key can be guessed offline from any token'), {
    secret: true,
    description: 'HS256 key that verifies `Authorization: Bearer` tokens; unset (and no AUTH_JWKS_URL): writes are disabled.',
  }),
  AUTH_JWKS_URL: variable(url(/^https?$/, 'an http:// or https:// URL'), {
    description: 'Key set of an identity provider (RS256, ES256, EdDSA, …) that verifies tokens, instead of AUTH_JWT_SECRET.',
  }),
  AUTH_ISSUER: variable(text(), { description: 'The `iss` every token must carry, when set.' }),
  AUTH_AUDIENCE: variable(text(), { description: 'The `aud` every token must carry, when set.' }),
  AUTH_REQUIRE_READ: variable(flag(), { default: false, description: '`true`: queries need a token with role reader too.' }),
};

const positive = () => wholeNumber(1);

const LIMITS = {
  GRAPHQL_MAX_DEPTH: variable(positive(), { default: 10, description: 'Field nesting per operation; a connection\'s `edges { node }` counts as two levels.' }),
  GRAPHQL_MAX_ALIASES: variable(positive(), { default: 30, description: 'Aliased fields per operation.' }),
  GRAPHQL_MAX_DIRECTIVES: variable(positive(), { default: 20, description: 'Directives per operation.' }),
  GRAPHQL_MAX_TOKENS: variable(positive(), { default: 5000, description: 'Lexical tokens per document, checked while parsing.' }),
  GRAPHQL_MAX_COST: variable(positive(), { default: 50_000, description: 'Estimated objects resolved per operation (src/plugins/queryCost.ts).' }),
  GRAPHQL_MAX_BODY_BYTES: variable(positive(), { default: 1024 * 1024, description: 'Size of a JSON request body in bytes.' }),
  HTTP_MAX_HEADER_BYTES: variable(positive(), { default: 16 * 1024, description: 'Request line plus headers in bytes, which bounds a GET query string.' }),
  GRAPHQL_INTROSPECTION: variable(flag(), { default: true, description: 'Whether the schema answers introspection; researchers\' tools need it.' }),
  GRAPHQL_MAX_VARIABLE_DEPTH: variable(positive(), { default: 16, description: 'Nesting of lists and objects in `variables` and `extensions`, checked before anything else reads them.' }),
  NEO4J_SESSIONS_PER_REQUEST: variable(wholeNumber(1, 50), {
    default: 4,
    description: 'Neo4j sessions one request may hold at once; its other queries wait in the request\'s own queue.',
  }),
};

const RATE_LIMIT = {
  RATE_LIMIT_REQUESTS: variable(wholeNumber(0), {
    default: 600,
    description: 'Requests to /graphql one client (token subject, else address) may send per RATE_LIMIT_WINDOW_SECONDS; 0 turns rate limiting off.',
  }),
  RATE_LIMIT_WINDOW_SECONDS: variable(wholeNumber(1, 86_400, 'of seconds'), { default: 60, description: 'The window RATE_LIMIT_REQUESTS counts in.' }),
  RATE_LIMIT_IN_FLIGHT: variable(wholeNumber(0, 1000), {
    default: 8,
    description: 'Requests of one client that run at once; more wait in that client\'s own queue (never refused); 0: no bound.',
  }),
  RATE_LIMIT_TRUST_PROXY: variable(text(), {
    description: 'Behind a reverse proxy: which proxies\' X-Forwarded-For names the client (Express "trust proxy": a hop count, `loopback`, addresses or subnets); unset: the connecting address is the client.',
  }),
};

/**
 * Browser apps on other origins. Unset, no origin is allowed: a preflight is answered without
 * Access-Control-Allow-Origin and the browser refuses the call, while curl and servers are not
 * concerned (CORS binds browsers only).
 */
const CORS = {
  CORS_ORIGINS: variable(origins(), {
    default: [],
    description: 'Origins whose browser apps may call /graphql (comma-separated, e.g. `https://app.example.org`), or `*` for any; unset: none.',
  }),
  CORS_CREDENTIALS: variable(flag(), {
    default: false,
    description: '`true` lets browsers send cookies and HTTP auth to /graphql (Access-Control-Allow-Credentials); tokens in the Authorization header need no such thing.',
  }),
  CORS_MAX_AGE: variable(wholeNumber(0, 86_400, 'of seconds'), {
    default: 600,
    description: 'Seconds a browser may reuse a preflight answer (Access-Control-Max-Age); browsers cap it (Chromium at 7200).',
  }),
};

const RESPONSE_CACHE = {
  RESPONSE_CACHE_MAX_AGE: variable(wholeNumber(0, 86_400, 'of seconds'), {
    default: 300,
    description: 'Seconds a whole query answer may be served from memory at most; 0 turns the response cache off.',
  }),
  RESPONSE_CACHE_MB: variable(wholeNumber(1, 4096, 'of megabytes'), {
    default: 32,
    description: 'Memory for cached answers (serialised JSON), least recently used out first.',
  }),
  RESPONSE_CACHE_CHECK_MS: variable(wholeNumber(50, 60_000, MILLISECONDS), {
    default: 1000,
    description: 'How often Neo4j is asked whether another client committed a write.',
  }),
};

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const LOGGING = {
  LOG_LEVEL: variable(oneOf(LOG_LEVELS), {
    description: '`debug` also logs every Cypher query with its parameters; unset: `info` (`warn` when NODE_ENV=test).',
  }),
};

const JOBS = {
  JOB_READ_TIMEOUT_MS: variable(wholeNumber(100, 3_600_000, MILLISECONDS), {
    default: 600_000,
    description: 'How long one read transaction of `npm run seed`, `import` or `analyze` may run: they read the whole graph, which an API read never does.',
  }),
};

export const ENVIRONMENT = { ...NEO4J, ...HTTP, ...AUTH, ...LIMITS, ...RATE_LIMIT, ...CORS, ...RESPONSE_CACHE, ...LOGGING, ...JOBS };

export type VariableName = keyof typeof ENVIRONMENT;
