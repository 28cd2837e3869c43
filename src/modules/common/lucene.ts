import { badInput } from '../../errors.js';
import { foldForSearch } from '../../graph/text.js';

/** Words shorter than this get no typo tolerance: "nes~1" would match "ness", "nesna", "ås"… */
const FUZZY_FROM_LENGTH = 4;
/** From this length two edits are forgiven ("kommuneokonmi"), below it one ("kongsbreg"). */
const TWO_EDITS_FROM_LENGTH = 8;
/** Longer words are matched whole or as a prefix only: Lucene's edit-distance automaton grows with the word. */
const FUZZY_UP_TO_LENGTH = 40;
/**
 * The longest word a search takes. Lucene turns a prefix into an automaton and refuses one of
 * about a thousand characters ("input automaton is too large"); no name in the graph has a word
 * near this length, so a longer one is refused rather than silently matching nothing.
 */
export const MAX_SEARCH_WORD_LENGTH = 100;
/**
 * A typo match scores a tenth of a whole-word match, so exact and prefix hits rank above it: a
 * prefix clause scores its boost (1), a whole word about 2 × its idf (several points).
 */
const FUZZY_BOOST = 0.1;

function wordClause(word: string): string {
  const clauses = [`${word}^2`, `${word}*`];
  if (word.length >= FUZZY_FROM_LENGTH && word.length <= FUZZY_UP_TO_LENGTH) {
    clauses.push(`${word}~${word.length >= TWO_EDITS_FROM_LENGTH ? 2 : 1}^${FUZZY_BOOST}`);
  }
  return `(${clauses.join(' OR ')})`;
}

/**
 * A Lucene query from free text: every word must match, whole (scored highest), as a prefix, or
 * within an edit distance of one or two for words of four letters and more (scored lowest), so
 * "kongs" and "Kongsbreg" find Kongsberg while a whole-word hit ranks first. Short words such as
 * "AS", "og" and "i" are kept: the index drops no stop words. Lucene's syntax characters are
 * dropped, so user text can never become query syntax. Null when no word is left; a word longer
 * than MAX_SEARCH_WORD_LENGTH is BAD_USER_INPUT on `argumentName`.
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
  return words.map(wordClause).join(' AND ');
}
