import { linearRegression, sampleCorrelation } from 'simple-statistics';
import ranks from '@stdlib/stats-ranks';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import MultivariateLinearRegression from 'ml-regression-multivariate-linear';

export interface Coefficients {
  n: number;
  pearson: number | null;
  spearman: number | null;
  pValue: number | null;
  spearmanPValue: number | null;
  slope: number | null;
  intercept: number | null;
  /** Why the coefficients are null, when they are. */
  note: string | null;
}

function isConstant(values: readonly number[]): boolean {
  return values.every((v) => v === values[0]);
}

/** Two-sided p-value of a correlation coefficient under H0: ρ = 0, t-test with `df` degrees of freedom. */
function correlationPValue(r: number, df: number): number | null {
  if (df <= 0 || !Number.isFinite(r)) return null;
  if (Math.abs(r) >= 1) return 0;
  const t = r * Math.sqrt(df / (1 - r * r));
  return 2 * tCdf(-Math.abs(t), df);
}

/** Pearson, Spearman (average ranks for ties), their p-values and the least-squares line. */
export function correlate(x: readonly number[], y: readonly number[]): Coefficients {
  const n = x.length;
  const empty = { n, pearson: null, spearman: null, pValue: null, spearmanPValue: null, slope: null, intercept: null };
  if (n < 3) return { ...empty, note: `Only ${n} kommune(r) have both values; at least 3 are needed.` };
  if (isConstant(x)) return { ...empty, note: 'The cooperation metric is the same for every kommune here, so it cannot correlate with anything.' };
  if (isConstant(y)) return { ...empty, note: 'The indicator is the same for every kommune here, so it cannot correlate with anything.' };
  const pearson = sampleCorrelation([...x], [...y]);
  const spearman = sampleCorrelation(ranks([...x]), ranks([...y]));
  const line = linearRegression(x.map((xi, i) => [xi, y[i]!]));
  return {
    n,
    pearson,
    spearman,
    pValue: correlationPValue(pearson, n - 2),
    spearmanPValue: correlationPValue(spearman, n - 2),
    slope: line.m,
    intercept: line.b,
    note: null,
  };
}

/** Residuals of `values` after least squares on the covariate columns (with an intercept). */
function residualise(values: readonly number[], covariates: readonly (readonly number[])[]): number[] {
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
  pValue: number | null;
  note: string | null;
}

/**
 * Partial correlation of x and y given covariates: both residualised on the covariates;
 * Spearman's version residualises the ranks. The p-value uses n − 2 − k degrees of freedom.
 */
export function partialCorrelate(x: readonly number[], y: readonly number[], covariates: readonly (readonly number[])[]): Partial {
  const n = x.length;
  const k = covariates[0]?.length ?? 0;
  if (n < k + 3) return { n, pearson: null, spearman: null, pValue: null, note: `Only ${n} kommune(r) have every value; at least ${k + 3} are needed with ${k} covariate(s).` };
  const rx = residualise(x, covariates);
  const ry = residualise(y, covariates);
  const tiny = (values: number[]) => values.every((v) => Math.abs(v) < 1e-9);
  if (tiny(rx) || tiny(ry)) return { n, pearson: null, spearman: null, pValue: null, note: 'A series is fully explained by the covariates; nothing is left to correlate.' };
  const pearson = sampleCorrelation(rx, ry);
  const spearman = sampleCorrelation(residualise(ranks([...x]), covariates), residualise(ranks([...y]), covariates));
  return { n, pearson, spearman, pValue: correlationPValue(pearson, n - 2 - k), note: null };
}
