import { randomBytes } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { describe, expect, it } from 'vitest';
import type { AuthConfig } from '../config/index.js';
import { hasRole, requireRole, rolesFromClaim } from './roles.js';
import { signToken } from './signToken.js';
import { createTokenVerifier } from './verifyToken.js';

const secret = randomBytes(32);
const config: AuthConfig = { secret, jwksUrl: null, issuer: 'https://issuer.example.org', audience: 'graph', requireRead: false };
const verify = createTokenVerifier(config)!;
const sign = (overrides: { secret?: Uint8Array; issuer?: string | null; audience?: string | null } = {}) =>
  signToken({ secret, subject: 'ada', roles: ['editor'], issuer: config.issuer, audience: config.audience, ...overrides });

async function refusal(token: string): Promise<unknown> {
  return verify(token).then(() => null, (error: { extensions?: Record<string, unknown>; message: string }) => ({ code: error.extensions?.code, message: error.message }));
}

describe('createTokenVerifier', () => {
  it('returns the subject and the known roles of a good token', async () => {
    expect(await verify(await sign())).toEqual({ subject: 'ada', roles: ['editor'] });
  });

  it('refuses a forged signature, another issuer or audience, and alg none', async () => {
    expect(await refusal(await sign({ secret: randomBytes(32) }))).toMatchObject({ code: 'UNAUTHENTICATED', message: /signature/ });
    expect(await refusal(await sign({ issuer: 'https://other.example.org' }))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await refusal(await sign({ audience: null }))).toMatchObject({ code: 'UNAUTHENTICATED' });
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', roles: ['admin'], exp: 9e9, iss: config.issuer, aud: config.audience })).toString('base64url')}.`;
    expect(await refusal(unsigned)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses expired, not yet valid and never-expiring tokens', async () => {
    const base = () => new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer(config.issuer!).setAudience(config.audience!);
    const now = Math.floor(Date.now() / 1000);
    expect(await refusal(await base().setExpirationTime(now - 3600).sign(secret))).toMatchObject({ message: /expired/ });
    expect(await refusal(await base().setNotBefore(now + 3600).setExpirationTime(now + 7200).sign(secret))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await refusal(await base().sign(secret))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a sub that is missing, empty, blank, not a string or holds control characters', async () => {
    const now = Math.floor(Date.now() / 1000);
    const withSub = (sub: unknown) => new SignJWT({ roles: ['admin'], ...(sub === undefined ? {} : { sub }) } as JWTPayload)
      .setProtectedHeader({ alg: 'HS256' }).setIssuer(config.issuer!).setAudience(config.audience!).setExpirationTime(now + 600).sign(secret);
    for (const sub of [undefined, '', '   ', 42, ['ada'], { id: 'ada' }, 'ada\u0000', 'x'.repeat(257)]) {
      expect(await refusal(await withSub(sub)), JSON.stringify(sub)).toMatchObject({ code: 'UNAUTHENTICATED' });
    }
    expect(await verify(await withSub('ada lovelace'))).toEqual({ subject: 'ada lovelace', roles: ['admin'] });
  });

  it('is absent when no key is configured', () => {
    expect(createTokenVerifier({ ...config, secret: null })).toBeNull();
  });
});

describe('roles', () => {
  it('reads lists and space-separated claims, ignoring unknown roles', () => {
    expect(rolesFromClaim(['admin', 'root'])).toEqual(['admin']);
    expect(rolesFromClaim('reader editor')).toEqual(['reader', 'editor']);
    expect(rolesFromClaim({ admin: true })).toEqual([]);
  });

  it('lets a higher role do what a lower one may', () => {
    expect(hasRole({ subject: 'a', roles: ['admin'] }, 'editor')).toBe(true);
    expect(hasRole({ subject: 'a', roles: ['editor'] }, 'admin')).toBe(false);
  });

  it('says when writes are off, when nobody signed in and when a role is missing', () => {
    const codeOf = (work: () => void) => { try { work(); return 'OK'; } catch (error) { return (error as { extensions: { code: string } }).extensions.code; } };
    expect(codeOf(() => requireRole({ viewer: { subject: 'a', roles: ['admin'] }, writesEnabled: false }, 'editor', 'x'))).toBe('FORBIDDEN');
    expect(codeOf(() => requireRole({ viewer: { subject: null, roles: [] }, writesEnabled: true }, 'editor', 'x'))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => requireRole({ viewer: { subject: 'a', roles: ['reader'] }, writesEnabled: true }, 'editor', 'x'))).toBe('FORBIDDEN');
    expect(codeOf(() => requireRole({ viewer: { subject: 'a', roles: ['editor'] }, writesEnabled: true }, 'editor', 'x'))).toBe('OK');
  });
});
