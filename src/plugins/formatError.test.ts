import { describe, expect, it } from 'vitest';
import { createFormatError } from './formatError.js';

describe('formatError', () => {
  it('masks unexpected errors in production and drops stack traces', () => {
    const format = createFormatError(false);
    expect(format({ message: 'Neo4jError: MATCH (n) ...', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } }))
      .toEqual({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(format({ message: 'boom' })).toEqual({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('keeps our own codes and messages', () => {
    const format = createFormatError(false);
    expect(format({ message: 'bad nr', extensions: { code: 'BAD_USER_INPUT', argumentName: 'nr' } }))
      .toEqual({ message: 'bad nr', extensions: { code: 'BAD_USER_INPUT', argumentName: 'nr' } });
  });

  it('folds Apollo request codes into BAD_USER_INPUT and says which', () => {
    const format = createFormatError(false);
    expect(format({ message: 'Cannot query field', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }).extensions)
      .toEqual({ code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('shows unexpected messages in development, still without stack', () => {
    const format = createFormatError(true);
    expect(format({ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['x'] } }))
      .toEqual({ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
