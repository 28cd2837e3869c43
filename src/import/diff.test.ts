import { describe, expect, it } from 'vitest';
import { propertyChanges } from './diff.js';

describe('propertyChanges', () => {
  it('sets everything given on a new node, leaving out empty values', () => {
    expect(propertyChanges(null, { name: 'A', note: null, inferred: true })).toEqual({ name: 'A', inferred: true });
  });

  it('is empty when the stored node already holds the facts, so a second import writes nothing', () => {
    expect(propertyChanges({ name: 'A', aliases: ['B', 'C'], note: 'x | y' }, { name: 'A', aliases: ['C'], note: 'y' })).toEqual({});
  });

  it('merges as the seed loader does: lists united, notes joined, empty values keep the stored one', () => {
    expect(propertyChanges({ aliases: ['B'], note: 'x', rank: 3 }, { aliases: ['C'], note: 'y', rank: 2, score: null }))
      .toEqual({ aliases: ['B', 'C'], note: 'x | y', rank: 2 });
  });

  it('drops `inferred` once a source states the fact', () => {
    expect(propertyChanges({ inferred: true }, { inferred: null })).toEqual({ inferred: null });
    expect(propertyChanges({ inferred: null }, { inferred: true })).toEqual({});
  });
});
