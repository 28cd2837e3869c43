import { describe, expect, it } from 'vitest';
import { adjustBenjaminiHochberg, adjustHolm } from './adjust.js';

// Reference values from the definitions in R's p.adjust (stats package); BH cross-checked with
// SciPy 1.17 stats.false_discovery_control(p, method='bh').
describe('p-value adjustments', () => {
  it('Benjamini–Hochberg: p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "BH") is 0.05 throughout', () => {
    adjustBenjaminiHochberg([0.01, 0.02, 0.03, 0.04, 0.05]).forEach((p) => expect(p).toBeCloseTo(0.05, 12));
  });

  it('Benjamini–Hochberg in input order, with ties (SciPy false_discovery_control)', () => {
    const adjusted = adjustBenjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.2, 0.04]);
    [0.03, 0.048, 0.048, 0.03, 0.2, 0.048].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 12));
  });

  it('Holm: p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "holm") = 0.05 0.08 0.09 0.09 0.09', () => {
    const adjusted = adjustHolm([0.01, 0.02, 0.03, 0.04, 0.05]);
    [0.05, 0.08, 0.09, 0.09, 0.09].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 12));
  });

  it('caps at 1 and leaves untested pairs out of the family', () => {
    expect(adjustHolm([0.5, null, 0.4])).toEqual([0.8, null, 0.8]);
    expect(adjustBenjaminiHochberg([0.5, null, 0.9])).toEqual([0.9, null, 0.9]);
    expect(adjustHolm([0.6, 0.7])).toEqual([1, 1]);
  });
});
