import type { ErrorRequestHandler } from 'express';
import { ErrorCode } from '../errors.js';
import { logger } from '../logger.js';

/** body-parser's error types, with the status the GraphQL-over-HTTP spec expects for each. */
const BODY_ERRORS: Record<string, { status: number; message: string }> = {
  'entity.parse.failed': { status: 400, message: 'The request body is not valid JSON.' },
  'entity.too.large': { status: 413, message: 'The request body is larger than the server accepts.' },
  'encoding.unsupported': { status: 415, message: 'The request body\'s content encoding is not supported.' },
  'charset.unsupported': { status: 415, message: 'The request body\'s charset is not supported; send UTF-8.' },
  'request.aborted': { status: 400, message: 'The request was aborted.' },
  'request.size.invalid': { status: 400, message: 'The request body is shorter or longer than its Content-Length.' },
};

/** zlib's codes (and brotli's) for a compressed body that does not decompress. */
const CORRUPT_COMPRESSION = /^(Z_|ERR__ERROR_|ERR_BROTLI)/;

function describe(error: unknown): { status: number; message: string } {
  const fields = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const known = BODY_ERRORS[String(fields.type ?? '')];
  if (known) return known;
  if (CORRUPT_COMPRESSION.test(String(fields.code ?? ''))) {
    return { status: 400, message: 'The request body does not decompress: its Content-Encoding does not match the bytes sent.' };
  }
  const status = Number(fields.status ?? fields.statusCode);
  if (status >= 400 && status < 500) return { status, message: 'The request body cannot be read.' };
  return { status: 500, message: 'Unexpected error.' };
}

/**
 * A body that cannot be read is answered in GraphQL's JSON error shape with a code, like every
 * other error, never with Express's HTML page (which would also show a stack in development):
 * broken JSON, a corrupt gzip/deflate/brotli stream, a body too large, and anything else that
 * fails before the GraphQL server sees the request.
 */
export function graphqlBodyErrors(): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const { status, message } = describe(error);
    if (status >= 500) logger.error({ err: error }, 'unexpected error before GraphQL');
    const code = status >= 500 ? ErrorCode.INTERNAL_SERVER_ERROR : ErrorCode.BAD_USER_INPUT;
    res.status(status).type('application/json').json({ errors: [{ message, extensions: { code } }] });
  };
}
