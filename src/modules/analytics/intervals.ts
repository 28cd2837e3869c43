import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** A two-sided confidence interval of a correlation coefficient. */
export interface ConfidenceInterval {
  lower: number;
  upper: number;
  /** The confidence level, e.g. 0.95. */
  level: number;
  /** How it was computed, as the schema's `IntervalMethod`. */
  method: 'FISHER_Z' | 'FISHER_Z_BONETT_WRIGHT';
}

export const DEFAULT_CONFIDENCE_LEVEL = 0.95;

/**
 * Fisher's z interval, tanh(atanh(r) ± z₁₋α/₂ · se). For Pearson (and partial Pearson with k
 * covariates) se = 1 / √(n − 3 − k): what R's cor.test and SciPy's pearsonr report. For Spearman
 * the Bonett–Wright (2000) standard error √((1 + ρ²/2) / (n − 3 − k)) widens it for the rank
 * statistic's larger variance. Null when n − 3 − k < 1 or r is undefined; ±1 stays ±1.
 */
function fisherZInterval(r: number | null, n: number, level: number, k: number, spearman: boolean): ConfidenceInterval | null {
  const df = n - 3 - k;
  if (r === null || !Number.isFinite(r) || df < 1) return null;
  const method = spearman ? 'FISHER_Z_BONETT_WRIGHT' : 'FISHER_Z';
  if (Math.abs(r) >= 1) return { lower: r, upper: r, level, method };
  const se = spearman ? Math.sqrt((1 + (r * r) / 2) / df) : 1 / Math.sqrt(df);
  const z = normalQuantile(1 - (1 - level) / 2, 0, 1);
  const centre = Math.atanh(r);
  return { lower: Math.tanh(centre - z * se), upper: Math.tanh(centre + z * se), level, method };
}

export function pearsonInterval(r: number | null, n: number, level: number, covariates = 0): ConfidenceInterval | null {
  return fisherZInterval(r, n, level, covariates, false);
}

export function spearmanInterval(rho: number | null, n: number, level: number, covariates = 0): ConfidenceInterval | null {
  return fisherZInterval(rho, n, level, covariates, true);
}
