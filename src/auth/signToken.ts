import { SignJWT } from 'jose';
import type { Role } from './roles.js';

interface TokenRequest {
  secret: Uint8Array;
  subject: string;
  roles: readonly Role[];
  /** Lifetime in jose's notation (`8h`, `30m`) or seconds. */
  expiresIn?: string | number;
  issuer?: string | null;
  audience?: string | null;
}

/** An HS256 token the server accepts when it runs with the same AUTH_JWT_SECRET. */
export async function signToken(request: TokenRequest): Promise<string> {
  let jwt = new SignJWT({ roles: [...request.roles] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuedAt()
    .setExpirationTime(request.expiresIn ?? '8h');
  if (request.issuer) jwt = jwt.setIssuer(request.issuer);
  if (request.audience) jwt = jwt.setAudience(request.audience);
  return jwt.sign(request.secret);
}
