import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyOptions } from 'jose';
import { serviceUnavailable, unauthenticated } from '../errors.js';
import type { AuthConfig } from '../config/index.js';
import { rolesFromClaim, type Viewer } from './roles.js';

/** Turns a compact JWT into the viewer it vouches for, or throws UNAUTHENTICATED. */
type TokenVerifier = (token: string) => Promise<Viewer>;

/** Asymmetric algorithms an identity provider's key set may use; HS256 only with our own secret. */
const JWKS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Clocks of the issuer and this server may disagree a little; more would stretch `exp`. */
const CLOCK_TOLERANCE_SECONDS = 30;

/** What a client may be told about its token, by jose's error code; nothing about the key. */
const REASONS: Record<string, string> = {
  ERR_JWT_EXPIRED: 'the token has expired',
  ERR_JWT_CLAIM_VALIDATION_FAILED: 'a claim of the token is not acceptable',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'the signature does not verify',
  ERR_JOSE_ALG_NOT_ALLOWED: 'the signing algorithm is not accepted',
  ERR_JWKS_NO_MATCHING_KEY: 'no key of the issuer matches the token',
};

/**
 * Verifies signature, `exp` (required), `nbf`, and issuer and audience when configured.
 * jose never accepts `alg: none`, and the algorithm list pins what the key may verify, so a
 * token cannot pick a weaker algorithm than the server's key is meant for.
 */
export function createTokenVerifier(config: AuthConfig): TokenVerifier | null {
  const options: JWTVerifyOptions = {
    requiredClaims: ['exp', 'sub'],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    ...(config.issuer ? { issuer: config.issuer } : {}),
    ...(config.audience ? { audience: config.audience } : {}),
  };
  let verify: (token: string) => ReturnType<typeof jwtVerify>;
  if (config.secret) {
    const secret = config.secret;
    verify = (token) => jwtVerify(token, secret, { ...options, algorithms: ['HS256'] });
  } else if (config.jwksUrl) {
    // A short fetch timeout keeps a slow identity provider from holding requests; keys are cached.
    const keySet = createRemoteJWKSet(config.jwksUrl, { timeoutDuration: 1500, cooldownDuration: 30_000 });
    verify = (token) => jwtVerify(token, keySet, { ...options, algorithms: JWKS_ALGORITHMS });
  } else {
    return null;
  }
  return async (token) => {
    let payload: Awaited<ReturnType<typeof verify>>['payload'];
    try {
      ({ payload } = await verify(token));
    } catch (error) {
      throw toAuthError(error, config.jwksUrl !== null);
    }
    return { subject: usableSubject(payload.sub), roles: rolesFromClaim(payload.roles) };
  };
}

/** Longest `sub` taken: it is written into every audit entry. */
const MAX_SUBJECT_LENGTH = 256;

/**
 * The audit trail names who changed what by `sub`, so a token must name someone: a string with
 * a visible character, no control characters, of a bounded length. An empty or blank `sub`
 * would be audited as nobody.
 */
function usableSubject(sub: unknown): string {
  const usable = typeof sub === 'string' && sub.trim() !== '' && sub.length <= MAX_SUBJECT_LENGTH && !/[\u0000-\u001f\u007f]/.test(sub);
  if (!usable) throw unauthenticated(`The bearer token was refused: its sub claim must name the caller (1–${MAX_SUBJECT_LENGTH} characters, no control characters).`, { httpStatus: true });
  return sub;
}

function toAuthError(error: unknown, remoteKeys: boolean) {
  const keySetUnavailable = error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid
    || (error instanceof Error && !(error instanceof errors.JOSEError));
  if (remoteKeys && keySetUnavailable) {
    // The key set could not be fetched: the provider is away, not the token wrong.
    return serviceUnavailable('The identity provider\'s key set could not be fetched; try again shortly.');
  }
  const code = error instanceof errors.JOSEError ? error.code : '';
  return unauthenticated(`The bearer token was refused: ${REASONS[code] ?? 'it is not a valid signed JWT'}.`, { httpStatus: true });
}
