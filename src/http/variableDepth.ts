import type { RequestHandler } from 'express';
import { ErrorCode } from '../errors.js';

/**
 * Nesting of a JSON value, counted without recursion: a value nested thousands deep must be
 * measured without the stack overflow it would cause in JSON.stringify or a recursive walk.
 * Stops counting once past `limit`.
 */
export function jsonDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const { value: current, depth } = pending.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    const level = depth + 1;
    deepest = Math.max(deepest, level);
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(current) ? current : Object.values(current)) pending.push({ value: child, depth: level });
  }
  return deepest;
}

function parsedQueryParameter(raw: unknown): unknown {
  if (typeof raw !== 'string') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    // Not JSON: Apollo refuses it with its own message.
    return undefined;
  }
}

/**
 * Refuses `variables` or `extensions` nested deeper than `maxDepth` before anything reads them:
 * the response cache's key (JSON.stringify) and graphql-js's coercion both recurse, so a
 * variable 5,000 deep, used or not, would otherwise overflow the stack and answer 500.
 */
export function boundVariableDepth(maxDepth: number): RequestHandler {
  return (req, res, next) => {
    const body = typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {};
    const candidates = req.method === 'GET'
      ? [parsedQueryParameter(req.query.variables), parsedQueryParameter(req.query.extensions)]
      : [body.variables, body.extensions];
    // The object itself is one level: { "a": { "b": 1 } } is two deep.
    if (candidates.some((value) => jsonDepth(value, maxDepth) > maxDepth)) {
      res.status(400).type('application/json').json({
        errors: [{
          message: `The variables (or extensions) are nested deeper than ${maxDepth} levels; no input of this schema needs that.`,
          extensions: { code: ErrorCode.BAD_USER_INPUT },
        }],
      });
      return;
    }
    next();
  };
}
