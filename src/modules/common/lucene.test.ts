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
  it('requires every word, whole or as a prefix', () => {
    expect(toLuceneQuery('Kongsberg')).toBe('(kongsberg^2 OR kongsberg*)');
    expect(toLuceneQuery('nce  systems')).toBe('(nce^2 OR nce*) AND (systems^2 OR systems*)');
  });

  it('never passes query syntax through', () => {
    expect(toLuceneQuery('name:"x" OR *:* AND (a')).toBe('(name^2 OR name*) AND (x^2 OR x*) AND (or^2 OR or*) AND (and^2 OR and*) AND (a^2 OR a*)');
    expect(toLuceneQuery('"); MATCH (n) DETACH DELETE n //')).not.toMatch(/[;"/]/);
    expect(toLuceneQuery('  ** ')).toBeNull();
  });

  it('refuses a word longer than Lucene takes as a prefix with BAD_USER_INPUT', () => {
    expect(toLuceneQuery('a'.repeat(MAX_SEARCH_WORD_LENGTH))).toMatch(/^\(a+\^2 OR a+\*\)$/);
    expect(() => toLuceneQuery(`kongsberg ${'a'.repeat(1001)}`)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', argumentName: 'search' } }));
    expect(() => toLuceneQuery('b'.repeat(101), 'text')).toThrow(/at most 100 characters/);
  });
});

