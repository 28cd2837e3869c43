import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import { ErrorCode } from '../errors.js';

/** One structured log line per operation: name, duration, error codes. */
export function requestLoggingPlugin(logger: Logger): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, errors }) {
          logger.info({
            operationName: operationName ?? null,
            ms: Math.round((performance.now() - started) * 10) / 10,
            errors: errors?.map((error) => error.extensions.code ?? 'INTERNAL_SERVER_ERROR'),
          }, 'graphql');
        },
        async didEncounterErrors({ errors, operationName }) {
          // An exhausted pool is the operator's to see (more connections, fewer clients), not the client's fault.
          if (errors.some((error) => error.extensions.code === ErrorCode.OVERLOADED)) {
            logger.warn({ operationName: operationName ?? null }, 'overloaded: no free Neo4j connection within the acquisition timeout');
          }
          for (const error of errors) {
            if (error.extensions.code === undefined || error.extensions.code === 'INTERNAL_SERVER_ERROR') {
              logger.error({ err: error.originalError ?? error, path: error.path }, 'unexpected error');
            }
          }
        },
      };
    },
  };
}
