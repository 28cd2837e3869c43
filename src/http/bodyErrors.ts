import type { ErrorRequestHandler } from 'express';
import { ErrorCode } from '../errors.js';

/** body-parser's error types, with the status the GraphQL-over-HTTP spec expects for each. */
const BODY_ERRORS: Record<string, { status: number; message: string }> = {
  'entity.parse.failed': { status: 400, message: 'The request body is not valid JSON.' },
  'entity.too.large': { status: 413, message: 'The request body is larger than the server accepts.' },
  'encoding.unsupported': { status: 415, message: 'The request body\'s content encoding is not supported.' },
  'charset.unsupported': { status: 415, message: 'The request body\'s charset is not supported; send UTF-8.' },
  'request.aborted': { status: 400, message: 'The request was aborted.' },
  'request.size.invalid': { status: 400, message: 'The request body is shorter or longer than its Content-Length.' },
};

/**
 * A body that cannot be read is answered in GraphQL's JSON error shape with a code, like every
 * other error, instead of Express's HTML page (which would also show a stack in development).
 */
export function graphqlBodyErrors(): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    const type = typeof error === 'object' && error !== null && 'type' in error ? String(error.type) : '';
    const known = BODY_ERRORS[type];
    if (!known || res.headersSent) {
      next(error);
      return;
    }
    res.status(known.status).type('application/json').json({ errors: [{ message: known.message, extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
  };
}
