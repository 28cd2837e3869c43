import { linearRegression, sampleCorrelation } from 'simple-statistics';
import ranks from '@stdlib/stats-ranks';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import MultivariateLinearRegression from 'ml-regression-multivariate-linear';
import { pearsonInterval, spearmanInterval, type ConfidenceInterval } from './intervals.js';
import { EXACT_PERMUTATION_MAX_N, MONTE_CARLO_MAX_N, permutationPValue } from './permutation.js';

/**
 * Below this many points no p-value is given: with 4 points the smallest two-sided exact
 * p-value is 2/24 ≈ 0.083, so no test can say anything; from 5 on (2/120) it can.
 */
export const MIN_SAMPLE_FOR_INFERENCE = 5;

/** How a p-value was obtained, as the schema's `PValueMethod`. */
export type PValueMethod = 'EXACT_PERMUTATION' | 'MONTE_CARLO_PERMUTATION' | 'T_APPROXIMATION';

/** Which series is constant, when one is (then nothing correlates). */
export type ConstantSeries = 'x' | 'y' | null;

export interface Coefficients {
  n: number;
  pearson: number | null;
  spearman: number | null;
  pValue: number | null;
  spearmanPValue: number | null;
  /** How both p-values were obtained (null without p-values). */
  pValueMethod: PValueMethod | null;
  /** Permutations a permutation p-value rests on (null for the t approximation). */
  permutations: number | null;
  pearsonInterval: ConfidenceInterval | null;
  spearmanInterval: ConfidenceInterval | null;
  slope: number | null;
  intercept: number | null;
  /** Points that share their value with another point, per series (0: no ties). */
  tiedX: number;
  tiedY: number;
  constant: ConstantSeries;
  /** Why the coefficients are null, when they are. */
  note: string | null;
}

function isConstant(values: readonly number[]): boolean {
  return values.every((v) => v === values[0]);
}

/** How many values occur more than once (each occurrence counted). */
export function tiedCount(values: readonly number[]): number {
  const seen = new Map<number, number>();
  for (const v of values) seen.set(v, (seen.get(v) ?? 0) + 1);
  return [...seen.values()].filter((c) => c > 1).reduce((a, b) => a + b, 0);
}

/** Two-sided p-value of a correlation coefficient under H0: ρ = 0, t-test with `df` degrees of freedom. */
export function correlationPValue(r: number, df: number): number | null {
  if (df <= 0 || !Number.isFinite(r)) return null;
  if (Math.abs(r) >= 1) return 0;
  const t = r * Math.sqrt(df / (1 - r * r));
  return 2 * tCdf(-Math.abs(t), df);
}

/**
 * The p-values of r (on the values) and ρ (on the ranks): below MIN_SAMPLE_FOR_INFERENCE none;
 * up to EXACT_PERMUTATION_MAX_N an exact permutation test; up to MONTE_CARLO_MAX_N a seeded Monte
 * Carlo permutation test; above, the t approximation with n − 2 degrees of freedom.
 */
function pValues(x: readonly number[], y: readonly number[], rx: readonly number[], ry: readonly number[], pearson: number, spearman: number) {
  const n = x.length;
  if (n < MIN_SAMPLE_FOR_INFERENCE) return { pValue: null, spearmanPValue: null, pValueMethod: null, permutations: null };
  if (n <= MONTE_CARLO_MAX_N) {
    const onValues = permutationPValue(x, y);
    const onRanks = permutationPValue(rx, ry);
    return {
      pValue: onValues.pValue, spearmanPValue: onRanks.pValue,
      pValueMethod: n <= EXACT_PERMUTATION_MAX_N ? 'EXACT_PERMUTATION' as const : 'MONTE_CARLO_PERMUTATION' as const,
      permutations: onValues.permutations,
    };
  }
  return { pValue: correlationPValue(pearson, n - 2), spearmanPValue: correlationPValue(spearman, n - 2), pValueMethod: 'T_APPROXIMATION' as const, permutations: null };
}

/**
 * Pearson, Spearman (average ranks for ties), their confidence intervals at `level`, p-values
 * (see `pValues`) and the least-squares line.
 */
export function correlate(x: readonly number[], y: readonly number[], level = 0.95): Coefficients {
  const n = x.length;
  const tiedX = tiedCount(x);
  const tiedY = tiedCount(y);
  const empty = {
    n, pearson: null, spearman: null, pValue: null, spearmanPValue: null, pValueMethod: null, permutations: null,
    pearsonInterval: null, spearmanInterval: null, slope: null, intercept: null, tiedX, tiedY,
  };
  if (n < 3) return { ...empty, constant: null, note: `Only ${n} kommune(r) have both values; at least 3 are needed.` };
  if (isConstant(x)) return { ...empty, constant: 'x', note: 'The cooperation metric is the same for every kommune here, so it cannot correlate with anything.' };
  if (isConstant(y)) return { ...empty, constant: 'y', note: 'The indicator is the same for every kommune here, so it cannot correlate with anything.' };
  const rx = ranks([...x]);
  const ry = ranks([...y]);
  const pearson = sampleCorrelation([...x], [...y]);
  const spearman = sampleCorrelation(rx, ry);
  const line = linearRegression(x.map((xi, i) => [xi, y[i]!]));
  return {
    n,
    pearson,
    spearman,
    ...pValues(x, y, rx, ry, pearson, spearman),
    pearsonInterval: pearsonInterval(pearson, n, level),
    spearmanInterval: spearmanInterval(spearman, n, level),
    slope: line.m,
    intercept: line.b,
    tiedX,
    tiedY,
    constant: null,
    note: null,
  };
}

/** Residuals of `values` after least squares on the covariate columns (with an intercept). */
export function residualise(values: readonly number[], covariates: readonly (readonly number[])[]): number[] {
  const regression = new MultivariateLinearRegression(
    covariates.map((row) => [...row]),
    values.map((v) => [v]),
    { intercept: true },
  );
  const predicted = regression.predict(covariates.map((row) => [...row])) as number[][];
  return values.map((v, i) => v - predicted[i]![0]!);
}

export interface Partial {
  n: number;
  pearson: number | null;
  spearman: number | null;
  /** Two-sided p-value of the partial Pearson r (t, n − 2 − k degrees of freedom). */
  pValue: number | null;
  /** Two-sided p-value of the partial Spearman ρ (t, n − 2 − k degrees of freedom). */
  spearmanPValue: number | null;
  pearsonInterval: ConfidenceInterval | null;
  spearmanInterval: ConfidenceInterval | null;
  note: string | null;
}

/** Each column of a row-major matrix replaced by its average ranks. */
function rankColumns(rows: readonly (readonly number[])[]): number[][] {
  const k = rows[0]?.length ?? 0;
  const columns = Array.from({ length: k }, (_, j) => ranks(rows.map((row) => row[j]!)));
  return rows.map((_, i) => columns.map((column) => column[i]!));
}

/**
 * Partial correlation of x and y given k covariates: the correlation of the least-squares
 * residuals of x and of y on the covariates. Partial Spearman is the textbook one (as R's
 * ppcor::pcor.test with method "spearman"): x, y and every covariate are ranked first, then the
 * ranks are residualised on the covariates' ranks. p-values use the t approximation with
 * n − 2 − k degrees of freedom and are given from MIN_SAMPLE_FOR_INFERENCE + k points on;
 * intervals use Fisher's z with se 1/√(n − 3 − k) (Bonett–Wright for Spearman).
 */
export function partialCorrelate(x: readonly number[], y: readonly number[], covariates: readonly (readonly number[])[], level = 0.95): Partial {
  const n = x.length;
  const k = covariates[0]?.length ?? 0;
  const none = { n, pearson: null, spearman: null, pValue: null, spearmanPValue: null, pearsonInterval: null, spearmanInterval: null };
  if (n < k + 3) return { ...none, note: `Only ${n} kommune(r) have every value; at least ${k + 3} are needed with ${k} covariate(s).` };
  const rx = residualise(x, covariates);
  const ry = residualise(y, covariates);
  const tiny = (values: number[]) => values.every((v) => Math.abs(v) < 1e-9);
  if (tiny(rx) || tiny(ry)) return { ...none, note: 'A series is fully explained by the covariates; nothing is left to correlate.' };
  const pearson = sampleCorrelation(rx, ry);
  const rankedCovariates = rankColumns(covariates);
  const sx = residualise(ranks([...x]), rankedCovariates);
  const sy = residualise(ranks([...y]), rankedCovariates);
  const spearman = tiny(sx) || tiny(sy) ? null : sampleCorrelation(sx, sy);
  const testable = n >= MIN_SAMPLE_FOR_INFERENCE + k;
  return {
    n,
    pearson,
    spearman,
    pValue: testable ? correlationPValue(pearson, n - 2 - k) : null,
    spearmanPValue: testable && spearman !== null ? correlationPValue(spearman, n - 2 - k) : null,
    pearsonInterval: pearsonInterval(pearson, n, level, k),
    spearmanInterval: spearmanInterval(spearman, n, level, k),
    note: null,
  };
}
