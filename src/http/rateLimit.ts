import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { ApiLimits } from '../config/index.js';
import { rateLimited } from '../errors.js';

/** Counts one request of a client; throws RATE_LIMITED (429, Retry-After) once it is over its share. */
export type ClientLimiter = (client: string) => Promise<void>;

/**
 * Requests per client and window, in this process's memory (rate-limiter-flexible's fixed
 * window). A client is its token's subject when it sends one, else its address, so clients
 * behind one address but with their own tokens do not share a budget. Several API processes
 * each count on their own; a shared store (Redis) would make it one budget across them.
 */
export function createClientLimiter({ requests, windowSeconds }: ApiLimits['rateLimit']): ClientLimiter {
  if (requests === 0) return async () => undefined;
  const limiter = new RateLimiterMemory({ points: requests, duration: windowSeconds });
  return async (client) => {
    try {
      await limiter.consume(client);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) throw rateLimited(rejection.msBeforeNext / 1000);
      throw rejection;
    }
  };
}
