import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, OVERLOAD_RETRY_AFTER_SECONDS } from '../errors.js';

/**
 * An answer that hit OVERLOADED says when to come back (Retry-After), and is 503 when nothing
 * of it could be answered: GraphQL over HTTP wants 2xx while `data` holds anything, so a
 * partial answer stays 200 with its errors.
 */
export function overloadStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const overload = result.errors?.find((error) => error.extensions?.code === ErrorCode.OVERLOADED);
          if (!overload) return;
          const seconds = Number(overload.extensions?.retryAfterSeconds ?? OVERLOAD_RETRY_AFTER_SECONDS);
          response.http.headers.set('retry-after', String(seconds));
          if (result.data === null || result.data === undefined) response.http.status = 503;
        },
      };
    },
  };
}
