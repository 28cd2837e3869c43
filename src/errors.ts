import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

/**
 * The one list of error codes the API answers with. Every error leaves the server with
 * one of these in `extensions.code`, so clients can branch on it without parsing text.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** The database is up but every connection is busy; retry after `Retry-After` seconds. */
  OVERLOADED: 'OVERLOADED',
  /** This client sent more requests than its share; retry after `Retry-After` seconds. */
  RATE_LIMITED: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function apiError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export function badInput(message: string, argumentName?: string): GraphQLError {
  return apiError(ErrorCode.BAD_USER_INPUT, message, argumentName ? { argumentName } : {});
}

export function notFound(message: string): GraphQLError {
  return apiError(ErrorCode.NOT_FOUND, message);
}

export function serviceUnavailable(message = 'The graph database is not reachable right now; try again shortly.'): GraphQLError {
  return apiError(ErrorCode.SERVICE_UNAVAILABLE, message);
}

// --- access and limits (writes, access control and hardening) ---------------------------------

/** No usable credentials; `http` makes Apollo answer 401 when this is raised before execution. */
export function unauthenticated(message: string, options: { httpStatus?: boolean } = {}): GraphQLError {
  // RFC 9110 asks a 401 to name the scheme it wants.
  const http = { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]) };
  return apiError(ErrorCode.UNAUTHENTICATED, message, options.httpStatus ? { http } : {});
}

/** Known caller without the role, or writes switched off on this server. */
export function forbidden(message: string, options: { httpStatus?: boolean } = {}): GraphQLError {
  return apiError(ErrorCode.FORBIDDEN, message, options.httpStatus ? { http: { status: 403 } } : {});
}

/** A request refused before execution because it would cost more than the server allows. */
export function queryTooComplex(message: string): GraphQLError {
  return apiError(ErrorCode.QUERY_TOO_COMPLEX, message, { http: { status: 400 } });
}

/** Seconds a client is asked to wait when the database's connections are all busy. */
export const OVERLOAD_RETRY_AFTER_SECONDS = 2;

/**
 * The database answers but has no free connection within the wait the driver allows. Not
 * "database down": the status plugin turns it into 503 with Retry-After when no data is left.
 */
export function overloaded(originalError?: Error): GraphQLError {
  return new GraphQLError('The server is busy: every connection to the graph database is in use. Try again shortly.', {
    extensions: { code: ErrorCode.OVERLOADED, retryAfterSeconds: OVERLOAD_RETRY_AFTER_SECONDS },
    ...(originalError ? { originalError } : {}),
  });
}

/** A client over its request budget; raised before execution, so 429 with Retry-After. */
export function rateLimited(retryAfterSeconds: number): GraphQLError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return apiError(ErrorCode.RATE_LIMITED, `Too many requests from this client; try again in ${seconds} s.`, {
    retryAfterSeconds: seconds,
    http: { status: 429, headers: new HeaderMap([['retry-after', String(seconds)]]) },
  });
}
