import type { GraphQLFormattedError } from 'graphql';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { ErrorCode } from '../errors.js';

/** Apollo's own codes for malformed requests, folded into ours so clients see one vocabulary. */
const REQUEST_ERRORS: Record<string, ErrorCode> = {
  [ApolloServerErrorCode.GRAPHQL_PARSE_FAILED]: ErrorCode.BAD_USER_INPUT,
  [ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED]: ErrorCode.BAD_USER_INPUT,
  [ApolloServerErrorCode.BAD_REQUEST]: ErrorCode.BAD_USER_INPUT,
  [ApolloServerErrorCode.BAD_USER_INPUT]: ErrorCode.BAD_USER_INPUT,
  [ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE]: ErrorCode.BAD_USER_INPUT,
  [ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND]: ErrorCode.BAD_USER_INPUT,
  [ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED]: ErrorCode.BAD_USER_INPUT,
};

const KNOWN = new Set<string>(Object.values(ErrorCode));

/**
 * Every error leaves with one of our codes. Unexpected ones lose their message (it may hold
 * Cypher or driver text) unless `exposeDetails` is on; stack traces never leave.
 */
export function createFormatError(exposeDetails: boolean) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const original = String(formatted.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
    const code = REQUEST_ERRORS[original] ?? (KNOWN.has(original) ? original : ErrorCode.INTERNAL_SERVER_ERROR);
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    if (code === ErrorCode.INTERNAL_SERVER_ERROR && !exposeDetails) {
      return { message: 'Unexpected error.', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code } };
    }
    return {
      ...formatted,
      extensions: { ...extensions, code, ...(original !== code ? { reason: original } : {}) },
    };
  };
}
