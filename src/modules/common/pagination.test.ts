import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor, pageSize, toConnection } from './pagination.js';

describe('cursors', () => {
  it('round-trips a keyset', () => {
    const cursor = encodeCursor({ sortValue: 'Bærum', id: 'Kommune:3024' });
    expect(decodeCursor(cursor)).toEqual({ sortValue: 'Bærum', id: 'Kommune:3024' });
  });

  it.each(['%%%', 'bm90IGpzb24', encodeCursor({ sortValue: 1, id: 'x' }).slice(0, 4), Buffer.from('[1,2]').toString('base64url')])(
    'refuses a cursor it did not issue: %s',
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrowError(GraphQLError);
      try { decodeCursor(cursor); } catch (error) {
        expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
      }
    },
  );

  it('treats a missing cursor as the first page', () => {
    expect(decodeCursor(undefined)).toBeNull();
    expect(decodeCursor('')).toBeNull();
  });
});

describe('pageSize', () => {
  it('defaults, accepts and refuses', () => {
    expect(pageSize(undefined, 20)).toBe(20);
    expect(pageSize(0, 20)).toBe(0);
    expect(() => pageSize(-1, 20)).toThrowError(/first/);
    expect(() => pageSize(501, 20)).toThrowError(/at most 500/);
  });
});

describe('toConnection', () => {
  it('uses the extra row only to tell that another page exists', async () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const connection = toConnection(rows, 2, (r) => ({ sortValue: r.id, id: r.id }), null, async () => 3);
    expect(connection.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    expect(connection.pageInfo.hasPreviousPage).toBe(false);
    expect(decodeCursor(connection.pageInfo.endCursor)).toEqual({ sortValue: 'b', id: 'b' });
    expect(await connection.count()).toBe(3);
  });
});
