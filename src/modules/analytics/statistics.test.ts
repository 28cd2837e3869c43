import ranks from '@stdlib/stats-ranks';
import { describe, expect, it } from 'vitest';
import { correlate, partialCorrelate, tiedCount } from './statistics.js';

// Expected values computed independently with SciPy 1.17 / NumPy 2.4: stats.pearsonr,
// stats.spearmanr, stats.linregress, pearsonr(...).confidence_interval() (Fisher z), and
// stats.permutation_test(..., permutation_type='pairings', n_resamples=np.inf) for exact
// permutation p-values; partial correlations by NumPy least squares on stats.rankdata ranks of
// every variable (the definition of R's ppcor::pcor.test(method = "spearman")).
const x = [0, 1, 1, 2, 3, 5, 8, 2, 0, 4];
const y = [210, 180, 200, 150, 120, 90, 40, 160, 220, 100];
const population = [1200, 3000, 900, 5000, 2500, 20000, 60000, 9000, 800, 12000];
const medianAge = [41, 39, 45, 38, 40, 36, 35, 42, 44, 37];

describe('correlate', () => {
  it('matches SciPy on Pearson, Spearman (tied ranks), the line and the Fisher z interval', () => {
    const result = correlate(x, y);
    expect(result.n).toBe(10);
    expect(result.pearson).toBeCloseTo(-0.9769494180944723, 12);
    expect(result.spearman).toBeCloseTo(-0.9908673886137245, 12);
    expect(result.slope).toBeCloseTo(-22.907801418439718, 10);
    expect(result.intercept).toBeCloseTo(206.56028368794327, 10);
    // pearsonr(x, y).confidence_interval(0.95)
    expect(result.pearsonInterval).toMatchObject({ level: 0.95, method: 'FISHER_Z' });
    expect(result.pearsonInterval!.lower).toBeCloseTo(-0.9947140979943914, 10);
    expect(result.pearsonInterval!.upper).toBeCloseTo(-0.9024029411857952, 10);
    // tanh(atanh(ρ) ± norm.ppf(0.975) · sqrt((1 + ρ²/2) / (n − 3))), Bonett & Wright (2000)
    expect(result.spearmanInterval).toMatchObject({ method: 'FISHER_Z_BONETT_WRIGHT' });
    expect(result.spearmanInterval!.lower).toBeCloseTo(-0.9984982812098129, 10);
    expect(result.spearmanInterval!.upper).toBeCloseTo(-0.9455176746855176, 10);
    expect(result.note).toBeNull();
  });

  it('takes another confidence level', () => {
    const at99 = correlate(x, y, 0.99).pearsonInterval!;
    expect(at99.level).toBe(0.99);
    expect(at99.lower).toBeCloseTo(-0.9966782987564328, 10);
    expect(at99.upper).toBeCloseTo(-0.8489099194253346, 10);
    const at90 = correlate(x, y, 0.9).spearmanInterval!;
    expect(at90.lower).toBeCloseTo(-0.9979918638699664, 10);
    expect(at90.upper).toBeCloseTo(-0.9589855318613946, 10);
  });

  it('uses a seeded Monte Carlo permutation test from 9 to 29 points: never 0, the same every time', () => {
    const result = correlate(x, y);
    expect(result.pValueMethod).toBe('MONTE_CARLO_PERMUTATION');
    expect(result.permutations).toBe(9999);
    // The exact p is 16/10! = 4.4e-6 (NumPy enumeration); 9,999 draws resolve no better than 2/10,000.
    expect(result.pValue).toBeGreaterThanOrEqual(2 / 10000);
    expect(result.pValue).toBeLessThan(0.001);
    expect(result.spearmanPValue).toBeGreaterThanOrEqual(2 / 10000);
    expect(result.spearmanPValue).toBeLessThan(0.001);
    expect(correlate(x, y).pValue).toBe(result.pValue);
  });

  it('uses the t approximation from 30 points on', () => {
    const big = Array.from({ length: 40 }, (_, i) => i);
    const noisy = big.map((v) => v + ((v * 7) % 11));
    const result = correlate(big, noisy);
    expect(result.pValueMethod).toBe('T_APPROXIMATION');
    expect(result.permutations).toBeNull();
  });

  it('n = 4: exact permutation p-values as R cor.test(1:4, c(1,3,2,4), method = "spearman") and SciPy give', () => {
    const result = correlate([1, 2, 3, 4], [1, 3, 2, 4]);
    expect(result.pearson).toBeCloseTo(0.8, 12);
    expect(result.pValueMethod).toBeNull(); // below the minimum of 5 no p-value is given …
    expect(result.pValue).toBeNull();
    expect(result.pearsonInterval).not.toBeNull(); // … but the interval is (n − 3 = 1)
  });

  it('n = 3: coefficients, no interval (n − 3 = 0), no p-value', () => {
    const result = correlate([1, 2, 3], [2, 1, 4]);
    expect(result.pearson).toBeCloseTo(0.654653670707977, 12);
    expect(result.spearman).toBeCloseTo(0.5, 12);
    expect(result.pearsonInterval).toBeNull();
    expect(result.spearmanInterval).toBeNull();
    expect(result.pValue).toBeNull();
    expect(result.spearmanPValue).toBeNull();
  });

  it('exact permutation p-values up to 8 points, ties included (SciPy permutation_test, all 8! pairings)', () => {
    const result = correlate([3, 1, 4, 1, 5, 9, 2, 6], [2, 7, 1, 8, 2, 8, 1, 8]);
    expect(result.pValueMethod).toBe('EXACT_PERMUTATION');
    expect(result.permutations).toBe(40320);
    expect(result.pearson).toBeCloseTo(0.2096553190730121, 12);
    expect(result.spearman).toBeCloseTo(0.19885368120992467, 12);
    expect(result.pValue).toBeCloseTo(0.6357142857142857, 12);
    expect(result.spearmanPValue).toBeCloseTo(0.6309523809523809, 12);
    expect(result.tiedX).toBe(2);
    expect(result.tiedY).toBe(7);
  });

  it('ties at n = 6: twice the smaller tail, as SciPy, not |r| ≥ |r_obs| (0.0278)', () => {
    const result = correlate([1, 1, 2, 3, 3, 4], [5, 6, 6, 8, 9, 9]);
    expect(result.spearman).toBeCloseTo(0.909090909090909, 12);
    expect(result.pValue).toBeCloseTo(0.044444444444444446, 12);
    expect(result.spearmanPValue).toBeCloseTo(0.044444444444444446, 12);
  });

  it('a perfect monotone relation at n = 5 gives the exact 2/5! (R: cor.test(1:5, 1:5, method = "spearman")$p.value = 0.01667)', () => {
    const result = correlate([1, 2, 3, 4, 5], [10, 20, 30, 40, 50]);
    expect(result.spearmanPValue).toBeCloseTo(2 / 120, 12);
    expect(result.pearsonInterval).toMatchObject({ lower: 1, upper: 1 });
  });

  it('gives null coefficients, a note and which series is constant', () => {
    expect(correlate([1, 2], [3, 4])).toMatchObject({ n: 2, pearson: null, spearman: null, pValue: null, note: expect.stringContaining('at least 3') });
    expect(correlate([1, 1, 1], [3, 4, 5])).toMatchObject({ pearson: null, constant: 'x', pearsonInterval: null, note: expect.stringContaining('cooperation metric is the same') });
    expect(correlate([1, 2, 3, 4, 5, 6], [7, 7, 7, 7, 7, 7])).toMatchObject({ pearson: null, constant: 'y', pValue: null, tiedY: 6, note: expect.stringContaining('indicator is the same') });
  });

  it('counts tied values', () => {
    expect(tiedCount([1, 2, 3])).toBe(0);
    expect(tiedCount([1, 1, 2, 2, 2, 3])).toBe(5);
  });
});

describe('partialCorrelate', () => {
  const logPopulation = population.map((p) => [Math.log(p)]);

  it('partial Pearson: residuals on log population, t with n − 3 df, Fisher z with se 1/√(n − 4)', () => {
    const result = partialCorrelate(x, y, logPopulation);
    expect(result.n).toBe(10);
    expect(result.pearson).toBeCloseTo(-0.8534436391694808, 10);
    expect(result.pValue).toBeCloseTo(0.0034276321761551104, 10);
    expect(result.pearsonInterval!.lower).toBeCloseTo(-0.968582205582015, 10);
    expect(result.pearsonInterval!.upper).toBeCloseTo(-0.4370215985478841, 10);
  });

  it('partial Spearman ranks every variable, the covariate too (ppcor definition)', () => {
    const result = partialCorrelate(x, y, logPopulation);
    expect(result.spearman).toBeCloseTo(-0.9572849473554068, 10);
    expect(result.spearmanPValue).toBeCloseTo(5.0862224169182534e-05, 10);
    expect(result.spearmanInterval!.lower).toBeCloseTo(-0.9937001551117631, 10);
    expect(result.spearmanInterval!.upper).toBeCloseTo(-0.7380355176050902, 10);
    // Ranking the covariate changes the answer: residualising ranks on raw log population does not give it.
    expect(ranks(logPopulation.map((row) => row[0]!))).not.toEqual(logPopulation.map((row) => row[0]));
  });

  it('two covariates: n − 4 degrees of freedom, n − 5 in the interval', () => {
    const rows = population.map((p, i) => [Math.log(p), medianAge[i]!]);
    const result = partialCorrelate(x, y, rows);
    expect(result.pearson).toBeCloseTo(-0.8826110556799258, 10);
    expect(result.pValue).toBeCloseTo(0.0036964073454749625, 10);
    expect(result.pearsonInterval!.lower).toBeCloseTo(-0.9786256740930979, 10);
    expect(result.spearman).toBeCloseTo(-0.9829709354815775, 10);
    expect(result.spearmanPValue).toBeCloseTo(1.2188466544273072e-05, 10);
    expect(result.spearmanInterval!.upper).toBeCloseTo(-0.8645932102007667, 10);
  });

  it('needs more points than covariates, and gives no p-value below 5 + k', () => {
    expect(partialCorrelate([1, 2, 3], [3, 1, 2], [[1], [2], [4]])).toMatchObject({ pearson: null, note: expect.stringContaining('at least 4') });
    const five = partialCorrelate([1, 2, 3, 4, 5], [2, 1, 4, 3, 6], [[1], [3], [2], [5], [4]]);
    expect(five.pearson).not.toBeNull();
    expect(five.pValue).toBeNull();
  });
});
