import type { ApolloServerPlugin } from '@apollo/server';
import { noticesOf } from '../modules/common/notices.js';

/**
 * Puts what resolvers noted beside the data (`extensions.notices`): a canonical id answered for
 * an id of another era, or why a field is null. Clients that ignore extensions lose nothing.
 */
export function noticesPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const notices = noticesOf(contextValue);
          if (notices.length === 0 || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, notices: [...notices] };
        },
      };
    },
  };
}
