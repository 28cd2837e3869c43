import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import type { AuthConfig } from '../../src/config/index.js';
import type { Role } from '../../src/auth/roles.js';
import { signToken } from '../../src/auth/signToken.js';
import { createContext, type Context } from '../../src/context.js';
import type { Database } from '../../src/db/database.js';
import { createAppServer, type AppServer, type ServerOptions } from '../../src/server.js';
import type { GraphQLResult } from './api.js';

/** A fresh HS256 secret per test file: tokens of one file never verify in another. */
export function testAuthConfig(overrides: Partial<AuthConfig> = {}): AuthConfig {
  return { secret: randomBytes(32), jwksUrl: null, issuer: null, audience: null, requireRead: false, ...overrides };
}

export function tokenFor(config: AuthConfig, role: Role, subject = `test-${role}`): Promise<string> {
  return signToken({ secret: config.secret!, subject, roles: [role], issuer: config.issuer, audience: config.audience, expiresIn: '10m' });
}

/** The kinds of credentials a client may send, good and bad, for the auth matrix. */
export async function credentialSet(config: AuthConfig): Promise<Record<string, string | null>> {
  const now = Math.floor(Date.now() / 1000);
  const header = (alg: string) => Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify({ sub: 'mallory', roles: ['admin'], exp: now + 600 })).toString('base64url');
  return {
    none: null,
    expired: await new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('late')
      .setIssuedAt(now - 7200).setExpirationTime(now - 3600).sign(config.secret!),
    wrongSignature: await signToken({ secret: randomBytes(32), subject: 'mallory', roles: ['admin'] }),
    algNone: `${header('none')}.${payload}.`,
    notYetValid: await new SignJWT({ roles: ['admin'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('early')
      .setNotBefore(now + 3600).setExpirationTime(now + 7200).sign(config.secret!),
    garbage: 'not-a-jwt',
    reader: await tokenFor(config, 'reader'),
    editor: await tokenFor(config, 'editor'),
    admin: await tokenFor(config, 'admin'),
  };
}

/** A context as a verified token would give it, for in-process tests of what a role may do. */
export function contextAs(db: Database, role: Role | null, subject = `test-${role ?? 'anonymous'}`): Context {
  return createContext(db, { viewer: role ? { subject, roles: [role] } : { subject: null, roles: [] }, writesEnabled: true });
}

/** POSTs an operation over HTTP, with a bearer token when given. */
export async function postGraphQL(
  baseUrl: string, query: string, variables: Record<string, unknown> = {}, token: string | null = null,
): Promise<{ status: number; body: GraphQLResult }> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResult };
}

/** An app server with its own auth and limits, listening on a free port of 127.0.0.1. */
export async function listenWith(options: ServerOptions): Promise<{ url: string; server: AppServer; close: () => Promise<void> }> {
  const server = await createAppServer(options);
  await new Promise<void>((resolve) => server.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = server.httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: async () => {
      await server.apollo.stop();
      if (server.httpServer.listening) await new Promise((resolve) => server.httpServer.close(resolve));
    },
  };
}
