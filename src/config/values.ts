import { z } from 'zod';

/**
 * The kinds of value an environment variable may hold. Each kind parses the raw text with zod
 * and fails with one message saying what is allowed; `readConfig` adds the variable's name and
 * the value given.
 */

/** One environment variable: how its text is read and what it is for. */
export interface Variable<T> {
  /** Reads the raw text; unset and the empty string both mean "not set". */
  readonly schema: z.ZodType<T, string | undefined>;
  readonly description: string;
  /** A credential: an error names the variable and its length, never its value. */
  readonly secret: boolean;
}

/** Where a kind of value starts: the text as set, already known not to be empty. */
type Kind<T> = z.ZodType<T, string>;

interface Declaration<T> {
  description: string;
  /** When left out the variable is optional and reads as `undefined` when unset. */
  default?: T;
  secret?: boolean;
}

const unsetWhenEmpty = (raw: unknown) => (raw === '' ? undefined : raw);

export function variable<T>(kind: Kind<T>, declaration: Declaration<T> & { default: T }): Variable<T>;
export function variable<T>(kind: Kind<T>, declaration: Declaration<T>): Variable<T | undefined>;
export function variable<T>(kind: Kind<T>, declaration: Declaration<T>): Variable<T | undefined> {
  const fallback = declaration.default;
  const schema = z.preprocess(unsetWhenEmpty, kind.optional()).transform((value) => value ?? fallback);
  return { schema: schema as z.ZodType<T | undefined, string | undefined>, description: declaration.description, secret: declaration.secret ?? false };
}

export function text(): Kind<string> {
  return z.string();
}

/** A whole number within `min`…`max`; `unit` only words the message. */
export function wholeNumber(min: number, max: number = Number.MAX_SAFE_INTEGER, unit = ''): Kind<number> {
  const units = unit ? ` ${unit}` : '';
  const allowed = max === Number.MAX_SAFE_INTEGER
    ? `a whole number${units} of at least ${min}`
    : `a whole number${units} from ${min} to ${max}`;
  return z.string()
    .trim()
    .regex(/^-?\d+$/, { error: allowed })
    .transform(Number)
    .pipe(z.number().min(min, { error: allowed }).max(max, { error: allowed }));
}

const TRUE = ['true', '1', 'yes'] as const;
const FALSE = ['false', '0', 'no'] as const;

export function flag(): Kind<boolean> {
  return z.string()
    .trim()
    .toLowerCase()
    .pipe(z.enum([...TRUE, ...FALSE], { error: 'true or false (also 1 or 0, yes or no)' }))
    .transform((value) => (TRUE as readonly string[]).includes(value));
}

export function oneOf<const Values extends readonly [string, ...string[]]>(values: Values): Kind<Values[number]> {
  return z.enum(values, { error: `one of ${values.join(', ')}` }) as unknown as Kind<Values[number]>;
}

/** A URL whose scheme matches `protocol` (without the colon), e.g. /^https?$/. */
export function url(protocol: RegExp, allowed: string): Kind<string> {
  return z.url({ protocol, error: allowed });
}

/** Text of at least `bytes` bytes in UTF-8, handed on as those bytes. */
export function key(bytes: number, why: string): Kind<Uint8Array> {
  return z.string()
    .refine((value) => Buffer.byteLength(value, 'utf8') >= bytes, { error: `at least ${bytes} bytes; ${why}` })
    .transform((value) => new TextEncoder().encode(value));
}

const ORIGINS_ALLOWED = '`*` or a comma-separated list of origins such as https://app.example.org,http://127.0.0.1:5173 (scheme, host and port only)';

/**
 * Browser origins as the Origin header spells them: scheme, host and port, nothing after. A
 * trailing slash is forgiven; a path is refused, since a browser never sends one and the entry
 * would match nothing. `*` alone stands for every origin.
 */
export function origins(): Kind<readonly string[] | '*'> {
  return z.string().transform((raw, context) => {
    const entries = raw.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
    if (entries.length === 1 && entries[0] === '*') return '*' as const;
    const parsed = entries.map((entry) => {
      try {
        const url = new URL(entry);
        const bare = /^https?:$/.test(url.protocol) && url.pathname === '/' && !/[?#@]/.test(entry);
        return bare ? url.origin : undefined;
      } catch {
        return undefined;
      }
    });
    if (entries.length === 0 || parsed.includes(undefined)) {
      context.addIssue({ code: 'custom', message: ORIGINS_ALLOWED });
      return z.NEVER;
    }
    return [...new Set(parsed as string[])];
  });
}
