import { foldForSearch } from '../../graph/text.js';

/** Words shorter than this get no typo tolerance: "nes~1" would match "ness", "nesna", "ås"… */
const FUZZY_FROM_LENGTH = 4;
/** From this length two edits are forgiven ("kommuneokonmi"), below it one ("kongsbreg"). */
const TWO_EDITS_FROM_LENGTH = 8;
/** Longer words are matched whole or as a prefix only: Lucene's edit-distance automaton grows with the word. */
const FUZZY_UP_TO_LENGTH = 40;
/**
 * Longest word the index holds: Lucene's standard tokenizer cuts longer runs of letters into
 * pieces of this length, so a longer query word matches no name. It is not sent either: Lucene
 * fails on such terms instead of finding nothing.
 */
const MAX_WORD_LENGTH = 255;
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
 * dropped, so user text can never become query syntax. Null when no word is left, or when a word
is longer than any word a name can have (every word must match, so nothing can).
 */
export function toLuceneQuery(text: string): string | null {
  const words = foldForSearch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, 12);
  if (words.length === 0 || words.some((word) => word.length > MAX_WORD_LENGTH)) return null;
  return words.map(wordClause).join(' AND ');
}
