/**
 * Folds text the way Lucene's `standard-folding` analyzer folds the index (lower case, ASCII
 * folding: æ → ae, ø → o, å → a, á → a, đ → d, ŋ → n, ŧ → t), because wildcard terms bypass
 * the analyzer and must be folded before they are sent.
 */
export function foldForSearch(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/œ/g, 'oe').replace(/ß/g, 'ss')
    .replace(/đ/g, 'd').replace(/ŋ/g, 'n').replace(/ŧ/g, 't').replace(/ð/g, 'd').replace(/þ/g, 'th')
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '');
}

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
