import { describe, expect, it } from 'vitest';
import { randomStream, shuffled, WeightedSampler } from './random.js';

describe('randomStream', () => {
  it('repeats for a seed and purpose, and differs between purposes', () => {
    const draws = (purpose: string) => Array.from({ length: 5 }, randomStream('s', purpose));
    expect(draws('a')).toEqual(draws('a'));
    expect(draws('a')).not.toEqual(draws('b'));
  });
});

describe('WeightedSampler', () => {
  it('draws in proportion to the weights and never draws a zero weight', () => {
    const sampler = new WeightedSampler([1, 0, 3, 6]);
    const random = randomStream('s', 'weights');
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 100_000; i += 1) counts[sampler.next(random)]! += 1;
    expect(counts[1]).toBe(0);
    expect(counts[0]! / 100_000).toBeCloseTo(0.1, 2);
    expect(counts[2]! / 100_000).toBeCloseTo(0.3, 2);
    expect(counts[3]! / 100_000).toBeCloseTo(0.6, 2);
  });

  it('refuses weights that sum to nothing', () => {
    expect(() => new WeightedSampler([0, 0])).toThrow();
    expect(() => new WeightedSampler([])).toThrow();
  });
});

describe('shuffled', () => {
  it('is a permutation and leaves its input alone', () => {
    const items = [1, 2, 3, 4, 5, 6];
    const result = shuffled(randomStream('s', 'shuffle'), items);
    expect([...result].sort()).toEqual(items);
    expect(items).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
