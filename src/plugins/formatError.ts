import { GraphQLError, type GraphQLFormattedError } from 'graphql';
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

/** graphql-js's hints at names the schema holds: fields, arguments, types and enum values. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * Every error leaves with one of our codes. Unexpected ones lose their message (it may hold
 * Cypher or driver text) unless `exposeDetails` is on; stack traces never leave. With
 * `hideSuggestions` (introspection off) no "Did you mean …?" reveals the schema piece by piece,
 * whether validation, variable coercion or execution wrote it.
 */
export function createFormatError(exposeDetails: boolean, { hideSuggestions = false }: { hideSuggestions?: boolean } = {}) {
  return (formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError => {
    const original = String(formatted.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
    const code = ownCodeBeneath(error) ?? REQUEST_ERRORS[original] ?? (KNOWN.has(original) ? original : ErrorCode.INTERNAL_SERVER_ERROR);
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    if (code === ErrorCode.INTERNAL_SERVER_ERROR && !exposeDetails) {
      return { message: 'Unexpected error.', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code } };
    }
    return {
      ...formatted,
      ...(hideSuggestions ? { message: formatted.message.replace(SUGGESTION, '').replace(/\s*\[Suggestion hidden\]/g, '') } : {}),
      extensions: { ...extensions, code, ...(original !== code ? { reason: original } : {}) },
    };
  };
}

/**
 * Apollo re-files a validation rule's error under GRAPHQL_VALIDATION_FAILED and keeps the
 * rule's own error as `originalError`; a limit raised with one of our codes keeps that code.
 */
function ownCodeBeneath(error: unknown): ErrorCode | null {
  let current = error instanceof GraphQLError ? error.originalError : undefined;
  for (let depth = 0; current && depth < 5; depth += 1) {
    const code = current instanceof GraphQLError ? current.extensions.code : undefined;
    if (typeof code === 'string' && KNOWN.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) return code as ErrorCode;
    current = current instanceof GraphQLError ? current.originalError : undefined;
  }
  return null;
}
