import { describe, expect, it } from 'vitest';
import { foldForSearch } from '../../graph/text.js';
import { MAX_SEARCH_WORD_LENGTH, toLuceneQuery } from './lucene.js';

describe('foldForSearch', () => {
  it('folds Norwegian and Sami letters like the index does', () => {
    expect(foldForSearch('Bærum')).toBe('baerum');
    expect(foldForSearch('Tromsø')).toBe('tromso');
    expect(foldForSearch('Åfjord')).toBe('afjord');
    expect(foldForSearch('Kárášjohka')).toBe('karasjohka');
    expect(foldForSearch('Unjárga')).toBe('unjarga');
  });
});

describe('toLuceneQuery', () => {
  it('requires every word, whole, as a prefix or, from four letters, within one or two edits', () => {
    expect(toLuceneQuery('Kongsberg')).toBe('(kongsberg^2 OR kongsberg* OR kongsberg~2^0.1)');
    expect(toLuceneQuery('nce  systems')).toBe('(nce^2 OR nce*) AND (systems^2 OR systems* OR systems~1^0.1)');
  });

  it('keeps short words of names ("AS", "og", "i", "Å") and forgives no typo in them', () => {
    expect(toLuceneQuery('Kongsberg Maritime AS')).toContain('AND (as^2 OR as*)');
    expect(toLuceneQuery('Evje og Hornnes')).toContain('AND (og^2 OR og*) AND');
    expect(toLuceneQuery('Bø i Telemark')).toBe('(bo^2 OR bo*) AND (i^2 OR i*) AND (telemark^2 OR telemark* OR telemark~2^0.1)');
    expect(toLuceneQuery('Å')).toBe('(a^2 OR a*)');
  });

  it('matches a word over 40 letters whole or as a prefix only: the edit-distance automaton grows with the word', () => {
    const word = 'a'.repeat(60);
    expect(toLuceneQuery(word)).toBe(`(${word}^2 OR ${word}*)`);
  });

  it('never passes query syntax through', () => {
    expect(toLuceneQuery('name:"x" OR *:* AND (a')).toBe('(name^2 OR name* OR name~1^0.1) AND (x^2 OR x*) AND (or^2 OR or*) AND (and^2 OR and*) AND (a^2 OR a*)');
    expect(toLuceneQuery('"); MATCH (n) DETACH DELETE n //')).not.toMatch(/[;"/]/);
    expect(toLuceneQuery('  ** ')).toBeNull();
  });

  it('refuses a word longer than Lucene takes as a prefix with BAD_USER_INPUT', () => {
    expect(toLuceneQuery('a'.repeat(MAX_SEARCH_WORD_LENGTH))).toMatch(/^\(a+\^2 OR a+\*\)$/);
    expect(() => toLuceneQuery(`kongsberg ${'a'.repeat(1001)}`)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'search' } }));
    expect(() => toLuceneQuery('b'.repeat(101), 'text')).toThrow(/at most 100 characters/);
  });
});

