import { badInput } from '../../errors.js';

/** Most items one page may ask for; bigger pages are refused rather than silently cut. */
const MAX_PAGE_SIZE = 500;

export interface PageInfoRecord {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** What a connection resolver returns; `count` runs only when a client asks for `totalCount`. */
export interface ConnectionRecord<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfoRecord;
  count: () => Promise<number>;
}

/**
 * A keyset position: the sort value and the id of the last item seen. Keyset cursors stay
 * correct while rows are added and cost the same on page 1 and page 1,000 (no SKIP).
 */
export interface Keyset {
  sortValue: string | number | null;
  id: string;
}

export function encodeCursor(keyset: Keyset): string {
  return Buffer.from(JSON.stringify([keyset.sortValue, keyset.id]), 'utf8').toString('base64url');
}

/** A page's arguments checked: the size and position, or why they are refused. */
type PageCheck =
  | { ok: true; limit: number; cursor: Keyset | null }
  | { ok: false; argument: 'first' | 'after'; message: string };

function parseCursor(cursor: string): Keyset | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[1] !== 'string'
    || !(parsed[0] === null || typeof parsed[0] === 'string' || typeof parsed[0] === 'number')) {
    return null;
  }
  return { sortValue: parsed[0] as Keyset['sortValue'], id: parsed[1] };
}

/**
 * The rules of `first` and `after`, without throwing: a look-ahead that plans a child's page
 * before its resolver runs (the kommune page's prefetch) asks this and leaves a refused page to
 * the child, whose resolver then reports the error at its own path.
 */
export function checkPage(first: number | null | undefined, after: string | null | undefined, fallback: number, max = MAX_PAGE_SIZE): PageCheck {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 0) return { ok: false, argument: 'first', message: '`first` must be zero or a positive whole number.' };
  if (n > max) return { ok: false, argument: 'first', message: `\`first\` may be at most ${max}; page with \`after\` for more.` };
  if (after === null || after === undefined || after === '') return { ok: true, limit: n, cursor: null };
  const cursor = parseCursor(after);
  return cursor ? { ok: true, limit: n, cursor } : { ok: false, argument: 'after', message: '`after` is not a cursor this API issued.' };
}

export function decodeCursor(cursor: string | null | undefined): Keyset | null {
  if (cursor === null || cursor === undefined || cursor === '') return null;
  const keyset = parseCursor(cursor);
  if (!keyset) throw badInput('`after` is not a cursor this API issued.', 'after');
  return keyset;
}

export function pageSize(first: number | null | undefined, fallback: number, max = MAX_PAGE_SIZE): number {
  const check = checkPage(first, null, fallback, max);
  if (!check.ok) throw badInput(check.message, check.argument);
  return check.limit;
}

/**
 * Builds a connection from rows fetched with `limit + 1`: the extra row only tells whether
 * another page exists.
 */
export function toConnection<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => Keyset,
  after: Keyset | null,
  count: () => Promise<number>,
): ConnectionRecord<T> {
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    count,
  };
}
