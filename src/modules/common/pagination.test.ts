import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { encodeCursor, keysetClauses, listKey, pageOf, pageSize, toConnection, type PageRequest } from './pagination.js';

const KOMMUNER = listKey('kommuner', { orderBy: 'NR' });

function expectRefused(run: () => unknown, pattern: RegExp): void {
  expect(run).toThrowError(pattern);
  try { run(); } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
  }
}

describe('cursors', () => {
  it('round-trips a keyset of its own list', () => {
    const cursor = encodeCursor(KOMMUNER, { sortValue: 'Bærum', id: 'Kommune:3024' });
    expect(pageOf({ after: cursor }, KOMMUNER, 50).cursor).toEqual({ sortValue: 'Bærum', id: 'Kommune:3024' });
  });

  it.each(['%%%', 'bm90IGpzb24', encodeCursor(KOMMUNER, { sortValue: 1, id: 'x' }).slice(0, 4), Buffer.from('[1,2]').toString('base64url')])(
    'refuses a cursor it did not issue: %s',
    (cursor) => expectRefused(() => pageOf({ after: cursor }, KOMMUNER, 50), /not a cursor this API issued/),
  );

  it('refuses a cursor of another list or of the same list with other filters', () => {
    const companies = encodeCursor(listKey('Company', { kommune: '3006' }), { sortValue: 'Kongsberg Gruppen', id: 'Company:943753709' });
    expectRefused(() => pageOf({ after: companies }, listKey('Company', { kommune: '0301' }), 20), /another list/);
    expectRefused(() => pageOf({ after: companies }, listKey('Cluster', { kommune: '3006' }), 20), /another list/);
    expectRefused(() => pageOf({ before: companies }, KOMMUNER, 20), /another list/);
  });

  it('keys a list by its filters, not by their order or absent ones', () => {
    expect(listKey('kommuner', { fylke: '30', orderBy: 'NR' })).toBe(listKey('kommuner', { orderBy: 'NR', fylke: '30', search: null }));
    expect(listKey('kommuner', { fylke: '30' })).not.toBe(listKey('kommuner', { fylke: '33' }));
  });

  it('treats a missing cursor as the open end', () => {
    expect(pageOf({}, KOMMUNER, 50)).toEqual({ list: KOMMUNER, limit: 50, cursor: null, backward: false });
    expect(pageOf({ after: '' }, KOMMUNER, 50).cursor).toBeNull();
    expect(pageOf({ last: 5 }, KOMMUNER, 50)).toEqual({ list: KOMMUNER, limit: 5, cursor: null, backward: true });
  });

  it('pages one way at a time', () => {
    expectRefused(() => pageOf({ first: 5, last: 5 }, KOMMUNER, 50), /one way/);
    expectRefused(() => pageOf({ first: 5, before: encodeCursor(KOMMUNER, null) }, KOMMUNER, 50), /one way/);
  });
});

describe('pageSize', () => {
  it('defaults, accepts and refuses', () => {
    expect(pageSize(undefined, 20)).toBe(20);
    expect(pageSize(0, 20)).toBe(0);
    expect(() => pageSize(-1, 20)).toThrowError(/first/);
    expect(() => pageSize(501, 20)).toThrowError(/at most 500/);
    expectRefused(() => pageOf({ last: 501 }, KOMMUNER, 50), /`last` may be at most 500/);
  });
});

describe('toConnection', () => {
  const keyOf = (r: { id: string }) => ({ sortValue: r.id, id: r.id });
  const forward = (limit: number, cursor: PageRequest['cursor'] = null): PageRequest => ({ list: KOMMUNER, limit, cursor, backward: false });

  it('uses the extra row only to tell that another page exists', async () => {
    const connection = toConnection([{ id: 'a' }, { id: 'b' }, { id: 'c' }], forward(2), keyOf, async () => 3);
    expect(connection.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(pageOf({ after: connection.pageInfo.endCursor }, KOMMUNER, 2).cursor).toEqual({ sortValue: 'b', id: 'b' });
    expect(await connection.count()).toBe(3);
  });

  it('answers first: 0 with its position as the cursors, so hasNextPage never comes without one', () => {
    const connection = toConnection([{ id: 'a' }], forward(0), keyOf, async () => 1);
    expect(connection.edges).toEqual([]);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    expect(connection.pageInfo.endCursor).not.toBeNull();
    expect(pageOf({ after: connection.pageInfo.endCursor, first: 2 }, KOMMUNER, 2)).toMatchObject({ cursor: null, backward: false });
  });

  it('puts a backward page, fetched in reverse, back in the list\'s order', () => {
    const before = { sortValue: 'e', id: 'e' };
    const connection = toConnection([{ id: 'd' }, { id: 'c' }, { id: 'b' }], { list: KOMMUNER, limit: 2, cursor: before, backward: true }, keyOf, async () => 5);
    expect(connection.edges.map((e) => e.node.id)).toEqual(['c', 'd']);
    expect(connection.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });
});

describe('keysetClauses', () => {
  it('reverses value and id order when paging backwards, keeping ties by ascending id forwards', () => {
    expect(keysetClauses({ backward: false }, true, 'n.id').orderBy).toBe('sortValue DESC, n.id ASC');
    expect(keysetClauses({ backward: true }, true, 'n.id').orderBy).toBe('sortValue ASC, n.id DESC');
    expect(keysetClauses({ backward: true }, false, 'n.id').beyond).toContain('sortValue < $afterValue OR (sortValue = $afterValue AND n.id < $afterId)');
  });
});
