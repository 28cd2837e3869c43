import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../paths.js';
import { ConfigError, DEFAULTS, ENVIRONMENT, logLevel, readConfig, type ConfigProblem, type Environment } from './index.js';

const KEY = 'k'.repeat(32);

function problemsOf(env: Environment): readonly ConfigProblem[] {
  try {
    readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error(`readConfig accepted ${JSON.stringify(env)}`);
}

describe('readConfig defaults', () => {
  it('gives the documented defaults for an empty environment', () => {
    expect(readConfig({})).toEqual({
      neo4j: { uri: undefined, user: 'neo4j', password: undefined, database: 'neo4j', readTimeoutMs: 10_000, localBoltPort: 7687, localHome: '.neo4j' },
      http: { port: 4000, host: '127.0.0.1', production: false },
      auth: { secret: null, jwksUrl: null, issuer: null, audience: null, requireRead: false },
      limits: {
        maxDepth: 10, maxAliases: 30, maxDirectives: 20, maxTokens: 5000, maxCost: 50_000,
        maxBodyBytes: 1024 * 1024, maxHeaderBytes: 16 * 1024, introspection: true,
        maxVariableDepth: 16, sessionsPerRequest: 4, rateLimit: { requests: 600, windowSeconds: 60, inFlight: 8, trustProxy: null },
      },
      cors: { origins: [], credentials: false, maxAgeSeconds: 600 },
      responseCache: { maxAgeSeconds: 300, maxMegabytes: 32, checkMs: 1000 },
      logging: { level: 'info' },
      jobs: { readTimeoutMs: 600_000 },
    });
    expect(DEFAULTS).toEqual(readConfig({}));
  });

  it('reads an empty value as unset', () => {
    expect(readConfig({ PORT: '', NEO4J_URI: '', AUTH_REQUIRE_READ: '', LOG_LEVEL: '' })).toEqual(readConfig({}));
  });

  it('logs warnings only under test unless LOG_LEVEL says otherwise', () => {
    expect(readConfig({ NODE_ENV: 'test' }).logging.level).toBe('warn');
    expect(readConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug' }).logging.level).toBe('debug');
  });
});

describe('readConfig values', () => {
  it('reads every section from the environment', () => {
    const config = readConfig({
      NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io', NEO4J_USER: 'reader', NEO4J_PASSWORD: 'pw', NEO4J_DATABASE: 'graph',
      NEO4J_READ_TIMEOUT_MS: '2500', NEO4J_LOCAL_BOLT_PORT: '7688', NEO4J_LOCAL_HOME: '/data/neo4j',
      PORT: ' 8080 ', HOST: '0.0.0.0', NODE_ENV: 'production',
      AUTH_JWT_SECRET: KEY, AUTH_ISSUER: 'https://issuer.example.org', AUTH_AUDIENCE: 'graph', AUTH_REQUIRE_READ: 'YES',
      GRAPHQL_MAX_DEPTH: '4', GRAPHQL_MAX_COST: '100', HTTP_MAX_HEADER_BYTES: '8192', GRAPHQL_INTROSPECTION: 'false',
      RESPONSE_CACHE_MAX_AGE: '0', RESPONSE_CACHE_MB: '8', RESPONSE_CACHE_CHECK_MS: '250',
      LOG_LEVEL: 'error', JOB_READ_TIMEOUT_MS: '120000',
      GRAPHQL_MAX_VARIABLE_DEPTH: '8', NEO4J_SESSIONS_PER_REQUEST: '2', RATE_LIMIT_REQUESTS: '0', RATE_LIMIT_WINDOW_SECONDS: '10', RATE_LIMIT_TRUST_PROXY: 'loopback', RATE_LIMIT_IN_FLIGHT: '0',
    });
    expect(config.neo4j).toEqual({
      uri: 'neo4j+s://abc.databases.neo4j.io', user: 'reader', password: 'pw', database: 'graph',
      readTimeoutMs: 2500, localBoltPort: 7688, localHome: '/data/neo4j',
    });
    expect(config.http).toEqual({ port: 8080, host: '0.0.0.0', production: true });
    expect(config.auth).toEqual({
      secret: new TextEncoder().encode(KEY), jwksUrl: null, issuer: 'https://issuer.example.org', audience: 'graph', requireRead: true,
    });
    expect(config.limits).toMatchObject({
      maxDepth: 4, maxCost: 100, maxHeaderBytes: 8192, introspection: false, maxAliases: 30,
      maxVariableDepth: 8, sessionsPerRequest: 2, rateLimit: { requests: 0, windowSeconds: 10, inFlight: 0, trustProxy: 'loopback' },
    });
    expect(config.responseCache).toEqual({ maxAgeSeconds: 0, maxMegabytes: 8, checkMs: 250 });
    expect(config.logging.level).toBe('error');
    expect(config.jobs.readTimeoutMs).toBe(120_000);
  });

  it('takes the Bolt URIs a driver takes and an http(s) key set', () => {
    for (const uri of ['bolt://127.0.0.1:7687', 'bolt+s://db.example.org', 'bolt+ssc://db.example.org:7687', 'neo4j://localhost']) {
      expect(readConfig({ NEO4J_URI: uri }).neo4j.uri).toBe(uri);
    }
    expect(readConfig({ AUTH_JWKS_URL: 'https://idp.example.org/jwks', AUTH_REQUIRE_READ: '1' }).auth)
      .toMatchObject({ jwksUrl: new URL('https://idp.example.org/jwks'), secret: null, requireRead: true });
  });
});

describe('readConfig CORS', () => {
  it('reads a list of origins, normalised as browsers send them, and credentials', () => {
    expect(readConfig({ CORS_ORIGINS: ' https://app.example.org, http://127.0.0.1:5173/ ,HTTPS://Maps.Example.org:443', CORS_CREDENTIALS: 'true', CORS_MAX_AGE: '60' }).cors)
      .toEqual({ origins: ['https://app.example.org', 'http://127.0.0.1:5173', 'https://maps.example.org'], credentials: true, maxAgeSeconds: 60 });
    expect(readConfig({ CORS_ORIGINS: '*' }).cors.origins).toBe('*');
  });

  it('refuses an origin with a path, another scheme or no scheme, saying the form', () => {
    for (const value of ['https://app.example.org/explorer', 'ftp://example.org', 'app.example.org', 'https://a.example.org,*', ',']) {
      expect(problemsOf({ CORS_ORIGINS: value }), value).toEqual([{ variable: 'CORS_ORIGINS', value: JSON.stringify(value), allowed: expect.stringMatching(/^`\*` or a comma-separated list of origins/) }]);
    }
  });

  it('refuses credentials for every origin, which browsers refuse too', () => {
    expect(problemsOf({ CORS_ORIGINS: '*', CORS_CREDENTIALS: 'yes' })).toEqual([
      { variable: 'CORS_CREDENTIALS', value: '"yes"', allowed: expect.stringMatching(/CORS_ORIGINS listing origins/) },
    ]);
  });
});

describe('readConfig refusals', () => {
  it('refuses whole numbers that are not whole or out of range, saying the range', () => {
    for (const value of ['abc', '1.5', '-1', '65536', ' ', '4000x']) {
      expect(problemsOf({ PORT: value })).toEqual([{ variable: 'PORT', value: JSON.stringify(value), allowed: 'a whole number from 0 to 65535' }]);
    }
    expect(problemsOf({ NEO4J_READ_TIMEOUT_MS: '99' })[0]!.allowed).toBe('a whole number of milliseconds from 100 to 3600000');
    expect(problemsOf({ RESPONSE_CACHE_MAX_AGE: '86401' })[0]!.allowed).toBe('a whole number of seconds from 0 to 86400');
    expect(problemsOf({ GRAPHQL_MAX_COST: '0' })[0]!.allowed).toBe('a whole number of at least 1');
    expect(problemsOf({ JOB_READ_TIMEOUT_MS: '3600001' })[0]!.variable).toBe('JOB_READ_TIMEOUT_MS');
  });

  it('refuses a flag that is not true or false', () => {
    expect(problemsOf({ GRAPHQL_INTROSPECTION: 'maybe' })).toEqual([
      { variable: 'GRAPHQL_INTROSPECTION', value: '"maybe"', allowed: 'true or false (also 1 or 0, yes or no)' },
    ]);
  });

  it('refuses an unknown log level, listing the levels', () => {
    expect(problemsOf({ LOG_LEVEL: 'verbose' })).toEqual([
      { variable: 'LOG_LEVEL', value: '"verbose"', allowed: 'one of fatal, error, warn, info, debug, trace, silent' },
    ]);
  });

  it('refuses URLs of the wrong scheme and text that is no URL', () => {
    expect(problemsOf({ NEO4J_URI: 'http://127.0.0.1:7474' })[0]).toMatchObject({ variable: 'NEO4J_URI', allowed: expect.stringMatching(/^a bolt:\/\//) });
    expect(problemsOf({ NEO4J_URI: '127.0.0.1:7687' })[0]!.variable).toBe('NEO4J_URI');
    expect(problemsOf({ AUTH_JWKS_URL: 'file:///keys.json' })).toEqual([
      { variable: 'AUTH_JWKS_URL', value: '"file:///keys.json"', allowed: 'an http:// or https:// URL' },
    ]);
  });

  it('refuses a short HS256 key without showing it', () => {
    const error = (() => {
      try {
        return readConfig({ AUTH_JWT_SECRET: 'hunter2' });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      { variable: 'AUTH_JWT_SECRET', value: 'hidden (7 bytes)', allowed: expect.stringMatching(/^at least 32 bytes/) },
    ]);
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('refuses settings that contradict each other', () => {
    expect(problemsOf({ AUTH_JWT_SECRET: KEY, AUTH_JWKS_URL: 'https://idp.example.org/jwks' })).toEqual([
      { variable: 'AUTH_JWKS_URL', value: '"https://idp.example.org/jwks"', allowed: expect.stringMatching(/not both/) },
    ]);
    expect(problemsOf({ AUTH_REQUIRE_READ: 'true' })).toEqual([
      { variable: 'AUTH_REQUIRE_READ', value: '"true"', allowed: expect.stringMatching(/AUTH_JWT_SECRET or AUTH_JWKS_URL/) },
    ]);
  });

  it('names every problem at once, each with its variable, value and what is allowed', () => {
    const env = { PORT: 'eighty', GRAPHQL_MAX_DEPTH: '0', AUTH_REQUIRE_READ: 'true', RESPONSE_CACHE_MB: '1.5', NEO4J_USER: 'fine' };
    expect(() => readConfig(env)).toThrow(ConfigError);
    expect(problemsOf(env).map((p) => p.variable).sort()).toEqual(['AUTH_REQUIRE_READ', 'GRAPHQL_MAX_DEPTH', 'PORT', 'RESPONSE_CACHE_MB']);
    expect(() => readConfig(env)).toThrow([
      'The configuration has 4 problems:',
      '  PORT is "eighty"; allowed: a whole number from 0 to 65535',
      '  GRAPHQL_MAX_DEPTH is "0"; allowed: a whole number of at least 1',
      '  RESPONSE_CACHE_MB is "1.5"; allowed: a whole number of megabytes from 1 to 4096',
      '  AUTH_REQUIRE_READ is "true"; allowed: true only with AUTH_JWT_SECRET or AUTH_JWKS_URL set, to verify readers',
    ].join('\n'));
  });
});

describe('logLevel', () => {
  it('falls back to the default on a bad LOG_LEVEL, which readConfig reports', () => {
    expect(logLevel({ LOG_LEVEL: 'debug' })).toBe('debug');
    expect(logLevel({ LOG_LEVEL: 'loud', NODE_ENV: 'test' })).toBe('warn');
    expect(logLevel({ LOG_LEVEL: 'loud' })).toBe('info');
  });
});

describe('the declarations', () => {
  const documented = ['README.md', 'docs/security.md'].map((file) => readFileSync(path.join(projectRoot, file), 'utf8')).join('\n');

  it('describe every variable and name each one in README.md or docs/security.md', () => {
    for (const [name, variable] of Object.entries(ENVIRONMENT)) {
      expect(variable.description.length, name).toBeGreaterThan(10);
      expect(documented.includes(`\`${name}\``) || documented.includes(`\`${name}=`), `${name} is documented`).toBe(true);
    }
  });

  it('cover every variable of README.md\'s Configuration table', () => {
    const table = /## Configuration\n([\s\S]*?)\n\n/.exec(readFileSync(path.join(projectRoot, 'README.md'), 'utf8'))?.[1] ?? '';
    const named = [...table.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1]!);
    expect(named.length).toBeGreaterThan(15);
    for (const name of named) expect(Object.keys(ENVIRONMENT), name).toContain(name);
  });
});
