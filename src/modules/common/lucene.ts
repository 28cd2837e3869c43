import { foldForSearch } from '../../graph/text.js';

/**
 * A Lucene query from free text: every word must match, either whole (scored higher) or as a
 * prefix, so "kongs" finds Kongsberg while a whole-word hit ranks first. Lucene's syntax
 * characters are dropped, so user text can never become query syntax. Null when no word is left.
 */
export function toLuceneQuery(text: string): string | null {
  const words = foldForSearch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 12);
  if (words.length === 0) return null;
  return words.map((word) => `(${word}^2 OR ${word}*)`).join(' AND ');
}
