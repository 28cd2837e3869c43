import { createHash } from 'node:crypto';
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

/**
 * Which list a cursor belongs to: the list's name and the arguments that choose its rows and
 * their order (not the page size). A cursor carries it, so one from another list, or from the
 * same list with other filters, is refused instead of silently skipping to an unrelated place.
 */
export function listKey(list: string, filters: Readonly<Record<string, unknown>> = {}): string {
  const canonical = JSON.stringify([list, Object.entries(filters).filter(([, value]) => value !== null && value !== undefined).sort(([a], [b]) => a.localeCompare(b))]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 12);
}

/**
 * `[list, sortValue, id]` of an item, or `[list]` for the open end of a list: what a page of
 * `first: 0` or `last: 0` answers as its position, so a client can continue from it.
 */
export function encodeCursor(list: string, keyset: Keyset | null): string {
  const parts = keyset === null ? [list] : [list, keyset.sortValue, keyset.id];
  return Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
}

/** The page a connection's arguments ask for: its size, where it starts and in which direction. */
export interface PageRequest {
  list: string;
  limit: number;
  /** The keyset to continue from (exclusive); null from the open end. */
  cursor: Keyset | null;
  /** `last`/`before`: the items before `cursor` (or the last ones), fetched in reverse order. */
  backward: boolean;
}

/** A connection's paging arguments; `last` and `before` only where the list can page backwards. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

type PageCheck =
  | ({ ok: true } & PageRequest)
  | { ok: false; argument: keyof PageArgs; message: string };

const NOT_ISSUED = 'is not a cursor this API issued.';

function parseCursor(cursor: string, list: string | null, argument: 'after' | 'before'): { ok: true; keyset: Keyset | null } | { ok: false; message: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, message: `\`${argument}\` ${NOT_ISSUED}` };
  }
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'string' || !(parsed.length === 1 || parsed.length === 3)) {
    return { ok: false, message: `\`${argument}\` ${NOT_ISSUED}` };
  }
  if (list !== null && parsed[0] !== list) {
    return { ok: false, message: `\`${argument}\` is a cursor of another list, or of this list with other filters or order; cursors continue only the list that issued them.` };
  }
  if (parsed.length === 1) return { ok: true, keyset: null };
  const [, sortValue, id] = parsed as unknown[];
  if (typeof id !== 'string' || !(sortValue === null || typeof sortValue === 'string' || typeof sortValue === 'number')) {
    return { ok: false, message: `\`${argument}\` ${NOT_ISSUED}` };
  }
  return { ok: true, keyset: { sortValue, id } };
}

function sizeProblem(n: number, name: 'first' | 'last', max: number): string | null {
  if (!Number.isInteger(n) || n < 0) return `\`${name}\` must be zero or a positive whole number.`;
  if (n > max) return `\`${name}\` may be at most ${max}; page with \`${name === 'first' ? 'after' : 'before'}\` for more.`;
  return null;
}

/**
 * The rules of `first`/`after` and `last`/`before`, without throwing: a look-ahead that plans a
 * child's page before its resolver runs (the kommune page's prefetch) asks this and leaves a
 * refused page to the child, whose resolver then reports the error at its own path. Paging goes
 * one way per request: `first` with `before`, or `last` with `after`, is refused. A look-ahead
 * that does not know the list yet passes `list: null`; the field's own `pageOf` checks it.
 */
export function checkPage(args: PageArgs, list: string | null, fallback: number, max = MAX_PAGE_SIZE): PageCheck {
  const hasLast = args.last !== null && args.last !== undefined;
  const hasBefore = args.before !== null && args.before !== undefined && args.before !== '';
  const hasFirst = args.first !== null && args.first !== undefined;
  const hasAfter = args.after !== null && args.after !== undefined && args.after !== '';
  const backward = hasLast || hasBefore;
  if (backward && (hasFirst || hasAfter)) {
    return { ok: false, argument: hasFirst ? 'first' : 'after', message: 'Page one way at a time: `first`/`after` forwards or `last`/`before` backwards.' };
  }
  const n = backward ? args.last ?? fallback : args.first ?? fallback;
  const problem = sizeProblem(n, backward ? 'last' : 'first', max);
  if (problem) return { ok: false, argument: backward ? 'last' : 'first', message: problem };
  const cursorArgument = backward ? 'before' : 'after';
  const cursorText = backward ? args.before : args.after;
  if (cursorText === null || cursorText === undefined || cursorText === '') return { ok: true, list: list ?? '', limit: n, cursor: null, backward };
  const parsed = parseCursor(cursorText, list, cursorArgument);
  if (!parsed.ok) return { ok: false, argument: cursorArgument, message: parsed.message };
  return { ok: true, list: list ?? '', limit: n, cursor: parsed.keyset, backward };
}

/** A connection's page, or BAD_USER_INPUT naming the argument that is wrong. */
export function pageOf(args: PageArgs, list: string, fallback: number, max = MAX_PAGE_SIZE): PageRequest {
  const check = checkPage(args, list, fallback, max);
  if (!check.ok) throw badInput(check.message, check.argument);
  const { ok: _ok, ...page } = check;
  return page;
}

/** The size of a plain list's page (`search(first:)`), refused when negative or too large. */
export function pageSize(first: number | null | undefined, fallback: number, max = MAX_PAGE_SIZE): number {
  const n = first ?? fallback;
  const problem = sizeProblem(n, 'first', max);
  if (problem) throw badInput(problem, 'first');
  return n;
}

/**
 * Builds a connection from rows fetched with `limit + 1` (in reverse order when paging
 * backwards): the extra row only tells whether another page exists in that direction. A page
 * of size 0 holds no edges; its start and end cursors are its position (the cursor given, or the
 * list's open end), so `hasNextPage: true` always comes with a cursor to continue from.
 */
export function toConnection<T>(
  rows: T[],
  page: PageRequest,
  keyOf: (row: T) => Keyset,
  count: () => Promise<number>,
): ConnectionRecord<T> {
  const more = rows.length > page.limit;
  const kept = rows.slice(0, page.limit);
  const ordered = page.backward ? kept.reverse() : kept;
  const edges = ordered.map((node) => ({ cursor: encodeCursor(page.list, keyOf(node)), node }));
  const position = encodeCursor(page.list, page.cursor);
  return {
    edges,
    pageInfo: {
      hasNextPage: page.backward ? page.cursor !== null : more,
      hasPreviousPage: page.backward ? more : page.cursor !== null,
      startCursor: edges[0]?.cursor ?? (page.limit === 0 ? position : null),
      endCursor: edges[edges.length - 1]?.cursor ?? (page.limit === 0 ? position : null),
    },
    count,
  };
}

/** An empty page of a filter that matches nothing, answered without a query. */
export function emptyConnection<T>(page: PageRequest): ConnectionRecord<T> {
  return toConnection<T>([], { ...page, limit: 0 }, () => ({ sortValue: null, id: '' }), async () => 0);
}

/**
 * The Cypher of a keyset page over `sortValue`, then `idExpression` ascending for ties, in the
 * list's order (`descending` for newest- or largest-first lists) or reversed when paging
 * backwards: the condition that keeps rows beyond the cursor and the ORDER BY.
 * Parameters: `$afterValue`, `$afterId` (the cursor's keyset, whichever way the page goes).
 */
export function keysetClauses(page: Pick<PageRequest, 'backward'>, descending: boolean, idExpression: string): { beyond: string; orderBy: string } {
  const valueBeyond = page.backward !== descending ? '<' : '>';
  const idBeyond = page.backward ? '<' : '>';
  const valueOrder = page.backward !== descending ? 'DESC' : 'ASC';
  const idOrder = page.backward ? 'DESC' : 'ASC';
  return {
    beyond: `($afterId IS NULL OR sortValue ${valueBeyond} $afterValue OR (sortValue = $afterValue AND ${idExpression} ${idBeyond} $afterId))`,
    orderBy: `sortValue ${valueOrder}, ${idExpression} ${idOrder}`,
  };
}
