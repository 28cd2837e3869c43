import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULTS, type CorsSettings } from '../config/index.js';
import { corsForGraphql } from './cors.js';

const APP = 'https://app.example.org';
const OTHER = 'https://elsewhere.example.org';
const servers: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((close) => close()));
});

/** /graphql behind the CORS middleware and a stand-in for Apollo; returns a preflight and a POST as a browser of `origin` sends them. */
async function ask(settings: CorsSettings, origin: string) {
  const app = express();
  app.use('/graphql', corsForGraphql(settings), (_req, res) => void res.json({ data: { ok: true } }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  servers.push(() => new Promise((resolve) => server.close(() => resolve())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const preflight = await fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
  });
  const post = await fetch(url, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: '{}' });
  return { preflight, post };
}

describe('corsForGraphql', () => {
  it('allows no other origin by default, yet answers the preflight', async () => {
    const { preflight, post } = await ask(DEFAULTS.cors, APP);
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('names an allowed origin on the preflight and the answer, without credentials', async () => {
    const { preflight, post } = await ask({ ...DEFAULTS.cors, origins: [APP] }, APP);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(APP);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type,authorization,apollographql-client-name,apollographql-client-version');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,POST,OPTIONS');
    expect(preflight.headers.get('access-control-max-age')).toBe('600');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    expect(post.headers.get('access-control-allow-origin')).toBe(APP);
    expect(post.headers.get('vary')).toBe('Origin');
  });

  it('leaves out an origin not listed', async () => {
    const { preflight, post } = await ask({ ...DEFAULTS.cors, origins: [APP] }, OTHER);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows every origin with *, and credentials for a listed origin when asked', async () => {
    expect((await ask({ ...DEFAULTS.cors, origins: '*' }, OTHER)).post.headers.get('access-control-allow-origin')).toBe('*');
    const { preflight } = await ask({ origins: [APP], credentials: true, maxAgeSeconds: 60 }, APP);
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    expect(preflight.headers.get('access-control-max-age')).toBe('60');
  });
});
