import { MAX_TEXT, textProblem } from '../graph/validation.js';

/**
 * Field parsers shared by the formats. Each returns the value or the reason, worded for the
 * refused-rows report (`rank "abc" is not a whole number from 1 to 1000`).
 */

type Parsed<T> = { value: T } | { refused: string };

export function wholeNumber(text: string | null, column: string, min: number, max: number): Parsed<number> {
  if (text === null) return { refused: `${column} is empty` };
  const n = /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) return { refused: `${column} "${text.slice(0, 40)}" is not a whole number from ${min} to ${max}` };
  return { value: n };
}

/** A decimal number; a decimal comma (Norwegian spreadsheets) is read as a point. */
export function decimalNumber(text: string | null, column: string): Parsed<number | null> {
  if (text === null) return { value: null };
  const normal = text.replace(/\s/g, '').replace(/^([+-]?\d*),(\d+)$/, '$1.$2');
  const n = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(normal) ? Number(normal) : Number.NaN;
  if (!Number.isFinite(n)) return { refused: `${column} "${text.slice(0, 40)}" is not a number` };
  return { value: n };
}

/** Free text (a note, not a document), by the rule every writer shares. */
export function text(value: string | null, column: string): Parsed<string | null> {
  if (value === null) return { value: null };
  const problem = textProblem(value, column, { max: MAX_TEXT, multiline: true });
  return problem === null ? { value } : { refused: problem };
}
