import { cacheControlFromInfo } from '@apollo/cache-control-types';
import type { GraphQLResolveInfo } from 'graphql';

/**
 * Keeps the answer of the request `info` belongs to out of the response cache. Without a
 * response cache the server runs without cache-control hints (no plugin then wraps every
 * resolver to collect them), and there is nothing to keep out.
 */
export function neverCache(info: GraphQLResolveInfo): void {
  if ('cacheControl' in info) cacheControlFromInfo(info).setCacheHint({ maxAge: 0 });
}
