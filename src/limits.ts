/**
 * How much one request may ask of the server, from the environment. The defaults let every
 * query of the explorer, the examples and the tests through with room to spare, and refuse
 * cycles such as fylke → kommuner → fylke → kommuner before they run.
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
}

export const DEFAULT_LIMITS: Readonly<ApiLimits> = {
  maxDepth: 10,
  maxAliases: 30,
  maxDirectives: 20,
  maxTokens: 5000,
  maxCost: 50_000,
  maxBodyBytes: 1024 * 1024,
  maxHeaderBytes: 16 * 1024,
  introspection: true,
};

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number, got "${value}"`);
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (/^(true|1|yes)$/i.test(value)) return true;
  if (/^(false|0|no)$/i.test(value)) return false;
  throw new Error(`${name} must be true or false, got "${value}"`);
}

export function loadApiLimits(env: NodeJS.ProcessEnv = process.env): ApiLimits {
  return {
    maxDepth: positiveInt(env, 'GRAPHQL_MAX_DEPTH', DEFAULT_LIMITS.maxDepth),
    maxAliases: positiveInt(env, 'GRAPHQL_MAX_ALIASES', DEFAULT_LIMITS.maxAliases),
    maxDirectives: positiveInt(env, 'GRAPHQL_MAX_DIRECTIVES', DEFAULT_LIMITS.maxDirectives),
    maxTokens: positiveInt(env, 'GRAPHQL_MAX_TOKENS', DEFAULT_LIMITS.maxTokens),
    maxCost: positiveInt(env, 'GRAPHQL_MAX_COST', DEFAULT_LIMITS.maxCost),
    maxBodyBytes: positiveInt(env, 'GRAPHQL_MAX_BODY_BYTES', DEFAULT_LIMITS.maxBodyBytes),
    maxHeaderBytes: positiveInt(env, 'HTTP_MAX_HEADER_BYTES', DEFAULT_LIMITS.maxHeaderBytes),
    introspection: bool(env, 'GRAPHQL_INTROSPECTION', DEFAULT_LIMITS.introspection),
  };
}
