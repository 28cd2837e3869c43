/**
 * Text rules of the graph: keys, stored search text and the folding of query words. One folding
 * table serves the search text the writers store and the words `search` sends, so both sides of a
 * match are folded alike.
 */

/**
 * Letters that Unicode decomposition leaves alone, folded as Lucene's ASCIIFoldingFilter (the
 * `standard-folding` analyzer of the full-text index) folds them. Letters with marks (á, č, ö)
 * lose the mark by decomposition instead.
 */
const FOLDED: Readonly<Record<string, string>> = {
  æ: 'ae', ø: 'o', å: 'a', œ: 'oe', đ: 'd', ð: 'd', ŋ: 'n', ŧ: 't', ʒ: 'z', þ: 'th', ß: 'ss',
};
/** How people type Norwegian letters without them: Tromsø → Tromsoe, Ålesund → Aalesund. */
const TRANSLITERATED: Readonly<Record<string, string>> = { ...FOLDED, ø: 'oe', å: 'aa' };
const SPECIAL_LETTERS = new RegExp(`[${Object.keys(FOLDED).join('')}]`, 'giu');

/** Replaces the letters that Unicode decomposition leaves alone, keeping an initial capital. */
function replaceLetters(text: string, letters: Readonly<Record<string, string>>): string {
  return text.replace(SPECIAL_LETTERS, (letter) => {
    const lower = letter.toLowerCase();
    const ascii = letters[lower] ?? letter;
    return letter === lower ? ascii : ascii.charAt(0).toUpperCase() + ascii.slice(1);
  });
}

function stripMarks(text: string): string {
  return text.normalize('NFD').replace(/\p{Mn}/gu, '');
}

/**
 * Folds text the way the full-text index folds what it stores (lower case, ASCII folding), because
 * wildcard terms bypass the analyzer and must be folded before they are sent.
 */
export function foldForSearch(text: string): string {
  return stripMarks(replaceLetters(text.toLowerCase(), FOLDED));
}

/** The stable slug of a name: lowercase ASCII (æ → ae, ø → o, å → a), words joined by hyphens. */
export function slugify(text: string): string {
  return stripMarks(replaceLetters(text.toLowerCase(), FOLDED))
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * ASCII spellings people type for a Norwegian or Sami name: the one Lucene's folding gives
 * (Tromsø → Tromso) and the transliteration (Tromsø → Tromsoe, Ålesund → Aalesund).
 * Names that are ASCII already give none.
 */
export function asciiVariants(text: string): string[] {
  const variants = [FOLDED, TRANSLITERATED].map((letters) => stripMarks(replaceLetters(text, letters)));
  return [...new Set(variants)].filter((variant) => variant !== text);
}

/**
 * What the full-text index reads for an entity: every name given, then their ASCII spellings,
 * separated so that Lucene sees separate words, leaving out words an earlier name had. A word
 * repeated across names
 * ("Kongsberg | bo- og arbeidsmarkedsregion Kongsberg") would count twice in the relevance score
 * and rank a region named after a kommune above the kommune itself.
 */
export function buildSearchText(names: readonly (string | null | undefined)[]): string {
  const given = names.map((name) => name?.trim()).filter((name): name is string => Boolean(name));
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const name of new Set([...given, ...given.flatMap(asciiVariants)])) {
    const words = name.split(/\s+/);
    const fresh = words.filter((word) => !seen.has(word.toLowerCase()));
    for (const word of words) seen.add(word.toLowerCase());
    if (fresh.length > 0) parts.push(fresh.join(' '));
  }
  return parts.join(' | ');
}

/** Splits a list as the sources write it ("a, b , c" or "a;b"), dropping empty parts. */
export function splitList(text: string, separator: string | RegExp = ','): string[] {
  return text.split(separator).map((part) => part.trim()).filter((part) => part.length > 0);
}
