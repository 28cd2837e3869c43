import { neverCache } from './cacheHints.js';
import { responsePathAsArray, type GraphQLResolveInfo } from 'graphql';

/**
 * What an answer says beside its data, for clients to read in `extensions.notices`: that an id
 * or number of another era was answered with its canonical entity, or why a field is null.
 * A null that the schema promises (an unknown kommune) stays null; the notice says why.
 */
export interface Notice {
  /** `CANONICAL_ID`: answered with the entity the requested id or number refers to; `NOT_FOUND`: why a field is null. */
  code: 'CANONICAL_ID' | 'NOT_FOUND';
  /** The field of the answer the notice is about. */
  path: (string | number)[];
  message: string;
  requested?: string;
  canonical?: string;
}

const noticesByRequest = new WeakMap<object, Notice[]>();

/**
 * Records a notice for the request `context` belongs to. The answer is not kept by the response
 * cache, whose hits would come back without it.
 */
export function addNotice(context: object, info: GraphQLResolveInfo, notice: Omit<Notice, 'path'>): void {
  neverCache(info);
  const notices = noticesByRequest.get(context) ?? [];
  notices.push({ ...notice, path: responsePathAsArray(info.path) });
  noticesByRequest.set(context, notices);
}

/** The notices recorded for a request, in the order the fields were resolved. */
export function noticesOf(context: object): readonly Notice[] {
  return noticesByRequest.get(context) ?? [];
}
