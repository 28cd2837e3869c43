import { describe, expect, it } from 'vitest';
import { permutationPValue } from './permutation.js';

// SciPy 1.17: stats.permutation_test((x,), lambda a: stats.pearsonr(a, y).statistic,
// permutation_type='pairings', n_resamples=np.inf, alternative='two-sided').pvalue
describe('permutationPValue', () => {
  it('n = 3 enumerates all 6 pairings', () => {
    expect(permutationPValue([1, 2, 3], [2, 1, 4])).toEqual({ pValue: expect.closeTo(0.6666666666666666, 12), exact: true, permutations: 6 });
    // On ranks (Spearman ρ = 0.5): SciPy gives 1.
    expect(permutationPValue([1, 2, 3], [2, 1, 3]).pValue).toBeCloseTo(1, 12);
  });

  it('n = 4: 2/24 for a perfect relation, 8/24 for ρ = 0.8 (R: cor.test(1:4, c(1,3,2,4), method = "spearman")$p.value = 0.3333)', () => {
    expect(permutationPValue([1, 2, 3, 4], [10, 20, 30, 40]).pValue).toBeCloseTo(0.08333333333333333, 12);
    expect(permutationPValue([1, 2, 3, 4], [1, 3, 2, 4]).pValue).toBeCloseTo(0.3333333333333333, 12);
  });

  it('draws a seeded Monte Carlo sample above 8 points', () => {
    const x = Array.from({ length: 12 }, (_, i) => i);
    const y = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8];
    const first = permutationPValue(x, y);
    expect(first).toMatchObject({ exact: false, permutations: 9999 });
    expect(permutationPValue(x, y)).toEqual(first);
    expect(first.pValue).toBeGreaterThan(0);
  });
});
