/** How tokens are verified and who may read; from the environment, checked once at start. */
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

/** RFC 7518 wants an HS256 key at least as long as the hash: 32 bytes. */
export const MIN_SECRET_BYTES = 32;

export class AuthConfigError extends Error {
  override readonly name = 'AuthConfigError';
}

function flag(value: string | undefined, name: string): boolean {
  if (value === undefined || value === '') return false;
  if (/^(true|1|yes)$/i.test(value)) return true;
  if (/^(false|0|no)$/i.test(value)) return false;
  throw new AuthConfigError(`${name} must be true or false, got "${value}"`);
}

export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const secret = env.AUTH_JWT_SECRET || null;
  const jwks = env.AUTH_JWKS_URL || null;
  if (secret && jwks) throw new AuthConfigError('Set AUTH_JWT_SECRET or AUTH_JWKS_URL, not both.');
  const secretBytes = secret === null ? null : new TextEncoder().encode(secret);
  if (secretBytes && secretBytes.length < MIN_SECRET_BYTES) {
    throw new AuthConfigError(`AUTH_JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes; a short HS256 key can be guessed offline from any token.`);
  }
  let jwksUrl: URL | null = null;
  if (jwks) {
    try {
      jwksUrl = new URL(jwks);
    } catch {
      throw new AuthConfigError(`AUTH_JWKS_URL is not a URL: "${jwks}"`);
    }
    if (jwksUrl.protocol !== 'https:' && jwksUrl.protocol !== 'http:') throw new AuthConfigError('AUTH_JWKS_URL must be an http(s) URL.');
  }
  const requireRead = flag(env.AUTH_REQUIRE_READ, 'AUTH_REQUIRE_READ');
  if (requireRead && !secretBytes && !jwksUrl) {
    throw new AuthConfigError('AUTH_REQUIRE_READ=true needs AUTH_JWT_SECRET or AUTH_JWKS_URL to verify readers.');
  }
  return {
    secret: secretBytes,
    jwksUrl,
    issuer: env.AUTH_ISSUER || null,
    audience: env.AUTH_AUDIENCE || null,
    requireRead,
  };
}

export function canVerifyTokens(config: AuthConfig): boolean {
  return config.secret !== null || config.jwksUrl !== null;
}
