import { badInput } from '../../errors.js';
import { foldForSearch } from '../../graph/text.js';

/**
 * The longest word a search takes. Lucene turns a prefix into an automaton and refuses one of
 * about a thousand characters ("input automaton is too large"); no name in the graph has a word
 * near this length.
 */
export const MAX_SEARCH_WORD_LENGTH = 100;

/**
 * A Lucene query from free text: every word must match, either whole (scored higher) or as a
 * prefix, so "kongs" finds Kongsberg while a whole-word hit ranks first. Lucene's syntax
 * characters are dropped, so user text can never become query syntax. Null when no word is left;
 * a word longer than MAX_SEARCH_WORD_LENGTH is BAD_USER_INPUT on `argumentName`.
 */
export function toLuceneQuery(text: string, argumentName = 'search'): string | null {
  const words = foldForSearch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 12);
  const tooLong = words.find((word) => word.length > MAX_SEARCH_WORD_LENGTH);
  if (tooLong) {
    throw badInput(`A search word may have at most ${MAX_SEARCH_WORD_LENGTH} characters; one has ${tooLong.length}.`, argumentName);
  }
  if (words.length === 0) return null;
  return words.map((word) => `(${word}^2 OR ${word}*)`).join(' AND ');
}
