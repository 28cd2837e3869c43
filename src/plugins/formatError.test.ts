import { GraphQLError } from 'graphql';
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

  it('keeps our code when Apollo re-files a validation rule\'s error under its own', () => {
    const format = createFormatError(false);
    const limit = new GraphQLError('Query depth limit of 10 exceeded.', { extensions: { code: 'QUERY_TOO_COMPLEX' } });
    const wrapped = new GraphQLError(limit.message, { originalError: limit, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(format({ message: limit.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, wrapped).extensions)
      .toEqual({ code: 'QUERY_TOO_COMPLEX', reason: 'GRAPHQL_VALIDATION_FAILED' });
  });

  it('hides "did you mean" of fields, arguments and enum values when asked, and only then', () => {
    const enumValue = { message: 'Variable "$m" got invalid value "COMMUTE"; Value "COMMUTE" does not exist in "CooperationMetric" enum. Did you mean the enum value "COMMUTING_PARTNERS"?', extensions: { code: 'BAD_USER_INPUT' } };
    expect(createFormatError(false, { hideSuggestions: true })(enumValue).message).toBe('Variable "$m" got invalid value "COMMUTE"; Value "COMMUTE" does not exist in "CooperationMetric" enum.');
    expect(createFormatError(false)(enumValue).message).toMatch(/COMMUTING_PARTNERS/);
    const field = { message: 'Cannot query field "fylkr" on type "Query". Did you mean "fylke" or "fylker"?', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    expect(createFormatError(false, { hideSuggestions: true })(field).message).toBe('Cannot query field "fylkr" on type "Query".');
  });
});

