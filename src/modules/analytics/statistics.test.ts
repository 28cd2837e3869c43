import { describe, expect, it } from 'vitest';
import { correlate, partialCorrelate } from './statistics.js';

// Expected values computed independently with SciPy 1.17 (stats.pearsonr, stats.spearmanr,
// stats.linregress) and NumPy least squares for the partial correlation.
const x = [0, 1, 1, 2, 3, 5, 8, 2, 0, 4];
const y = [210, 180, 200, 150, 120, 90, 40, 160, 220, 100];
const logPopulation = [1000, 3000, 2500, 5000, 9000, 20000, 60000, 4000, 800, 12000].map((p) => [Math.log(p)]);

describe('correlate', () => {
  it('matches SciPy on Pearson, Spearman (tied ranks), p-values and the line', () => {
    const result = correlate(x, y);
    expect(result.n).toBe(10);
    expect(result.pearson).toBeCloseTo(-0.9769494180944723, 12);
    expect(result.pValue).toBeCloseTo(1.201273021311626e-06, 12);
    expect(result.spearman).toBeCloseTo(-0.9908673886137245, 12);
    expect(result.spearmanPValue).toBeCloseTo(3.010166323417489e-08, 14);
    expect(result.slope).toBeCloseTo(-22.907801418439718, 10);
    expect(result.intercept).toBeCloseTo(206.56028368794327, 10);
    expect(result.note).toBeNull();
  });

  it('gives null coefficients and a note for fewer than 3 points or a constant series', () => {
    expect(correlate([1, 2], [3, 4])).toMatchObject({ n: 2, pearson: null, spearman: null, pValue: null, note: expect.stringContaining('at least 3') });
    expect(correlate([1, 1, 1], [3, 4, 5])).toMatchObject({ pearson: null, note: expect.stringContaining('cooperation metric is the same') });
    expect(correlate([1, 2, 3], [7, 7, 7])).toMatchObject({ pearson: null, note: expect.stringContaining('indicator is the same') });
  });
});

describe('partialCorrelate', () => {
  it('matches least-squares residual correlation on log population', () => {
    const result = partialCorrelate(x, y, logPopulation);
    expect(result.n).toBe(10);
    expect(result.pearson).toBeCloseTo(-0.41410137120786, 10);
    expect(result.pValue).toBeCloseTo(0.267840886796268, 10);
    expect(result.spearman).not.toBeNull();
  });

  it('needs more points than covariates', () => {
    expect(partialCorrelate([1, 2, 3], [3, 1, 2], [[1], [2], [4]])).toMatchObject({ pearson: null, note: expect.stringContaining('at least 4') });
  });
});
