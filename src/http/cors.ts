import cors from 'cors';
import type { RequestHandler } from 'express';
import type { CorsSettings } from '../config/index.js';

/**
 * What a browser app may send to /graphql from another origin: JSON bodies (content-type), a
 * bearer token (authorization) and Apollo Client's client-awareness headers. Anything else fails
 * the preflight, so a header the server would ignore is caught in development, not production.
 */
export const CORS_ALLOWED_HEADERS = ['content-type', 'authorization', 'apollographql-client-name', 'apollographql-client-version'] as const;
export const CORS_METHODS = ['GET', 'POST', 'OPTIONS'] as const;
/** Headers a page may read from an answer: when to retry after RATE_LIMITED or OVERLOADED. */
export const CORS_EXPOSED_HEADERS = ['retry-after'] as const;

/**
 * Answers preflights (204) and marks answers for the origins CORS_ORIGINS allows. An origin not
 * allowed gets no Access-Control-Allow-Origin, so the browser withholds the answer from the page;
 * `Vary: Origin` keeps shared caches from handing one origin's answer to another.
 */
export function corsForGraphql(settings: CorsSettings): RequestHandler {
  return cors({
    origin: settings.origins === '*' ? '*' : [...settings.origins],
    methods: [...CORS_METHODS],
    allowedHeaders: [...CORS_ALLOWED_HEADERS],
    exposedHeaders: [...CORS_EXPOSED_HEADERS],
    credentials: settings.credentials,
    maxAge: settings.maxAgeSeconds,
  });
}
