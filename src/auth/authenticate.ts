import { forbidden, unauthenticated } from '../errors.js';
import type { AuthConfig } from '../config/index.js';
import { ANONYMOUS, hasRole, type Access } from './roles.js';
import { createTokenVerifier } from './verifyToken.js';

/** From a request's Authorization header to what the request may do. */
type Authenticator = (authorization: string | undefined) => Promise<Access>;

const BEARER = /^Bearer[ \t]+([A-Za-z0-9._~+/=-]+)[ \t]*$/i;

/**
 * A token that is sent must verify: a bad one is refused (401) rather than quietly read as
 * anonymous, so a client learns at once that its credentials are wrong. Without a key to verify
 * tokens, headers are ignored and writes stay off.
 */
export function createAuthenticator(config: AuthConfig): Authenticator {
  const verify = createTokenVerifier(config);
  const writesEnabled = config.secret !== null || config.jwksUrl !== null;
  return async (authorization) => {
    let viewer = ANONYMOUS;
    if (verify && authorization !== undefined && authorization !== '') {
      const token = BEARER.exec(authorization)?.[1];
      if (!token) throw unauthenticated('The Authorization header must be "Bearer <JWT>".', { httpStatus: true });
      viewer = await verify(token);
    }
    if (config.requireRead) {
      if (viewer.subject === null) throw unauthenticated('This server requires a token to read: send Authorization: Bearer <token>.', { httpStatus: true });
      if (!hasRole(viewer, 'reader')) throw forbidden('Reading needs role reader.', { httpStatus: true });
    }
    return { viewer, writesEnabled };
  };
}
