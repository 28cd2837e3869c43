import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { DIST_DIR } from '../paths.js';

const EXPLORER_DIST = path.join(DIST_DIR, 'explorer');

/**
 * Everything the page loads comes from this server: the browser refuses any other origin, so
 * a dependency that starts calling home fails loudly instead of leaking requests. Monaco sets
 * inline styles and GraphiQL embeds its fonts as data: URLs.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MISSING_BUNDLE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Explorer not built</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}
code{background:#f3f4f6;padding:0.1rem 0.3rem;border-radius:4px}</style></head>
<body><h1>The explorer is not built</h1>
<p>Run <code>npm run build:explorer</code> (or <code>npm start</code>, which builds it when needed) and reload this page.</p>
<p>The GraphQL API itself answers at <a href="/graphql">/graphql</a>.</p>
</body></html>`;

/**
 * Serves the explorer built by `npm run build:explorer`: index.html at `/` (revalidated on each
 * load) and the content-hashed assets under `/assets/`, cached for a year since a new build
 * gives them new names.
 */
export function explorerRouter(distDir: string = EXPLORER_DIST): Router {
  const router = Router();
  const indexFile = path.join(distDir, 'index.html');

  router.get('/', (_req, res) => {
    // Checked per request so a build made while the server runs is picked up without a restart.
    if (!existsSync(indexFile)) {
      res.status(503).set('Cache-Control', 'no-store').type('html').send(MISSING_BUNDLE_PAGE);
      return;
    }
    res.set({ 'Cache-Control': 'no-cache', 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' });
    res.sendFile(indexFile);
  });

  router.use(
    '/assets',
    express.static(path.join(distDir, 'assets'), {
      immutable: true,
      maxAge: '1y',
      index: false,
      setHeaders: (res) => res.set('X-Content-Type-Options', 'nosniff'),
    }),
  );
  return router;
}
