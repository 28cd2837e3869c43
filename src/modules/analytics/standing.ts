/** Where one value stands among a set of values. */
export interface Standing {
  n: number;
  /** 1 = best; ties share the best rank (pandas `rank(method='min')` in the better direction). */
  rank: number | null;
  /** Mid-rank percentile in the better direction, 100 · (worse + (equal + 1) / 2) / n (pandas `rank(pct=True)`). */
  percentile: number | null;
  min: number | null;
  q1: number | null;
  median: number | null;
  q3: number | null;
  max: number | null;
}

/**
 * The standing of `value` among `values` (which include it when it is measured). Quartiles
 * interpolate linearly between order statistics, as pandas `quantile` and R's type 7 do.
 * Without a value only the distribution is given.
 */
export function standingOf(value: number | null, values: readonly number[], higherIsBetter: boolean): Standing {
  const n = values.length;
  if (n === 0) return { n, rank: null, percentile: null, min: null, q1: null, median: null, q3: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  const quartile = (p: number) => quantileType7(sorted, p);
  const distribution = { n, min: sorted[0]!, q1: quartile(0.25), median: quartile(0.5), q3: quartile(0.75), max: sorted.at(-1)! };
  if (value === null) return { ...distribution, rank: null, percentile: null };
  const better = values.filter((v) => (higherIsBetter ? v > value : v < value)).length;
  const equal = values.filter((v) => v === value).length;
  const worse = n - better - equal;
  return { ...distribution, rank: better + 1, percentile: (100 * (worse + (equal + 1) / 2)) / n };
}

/** R's type 7 quantile of sorted values, h = (n − 1)p interpolated (simple-statistics' quantileSorted picks another definition, so pandas and R would not agree with it). */
function quantileType7(sorted: readonly number[], p: number): number {
  if (sorted.length === 1) return sorted[0]!;
  const h = (sorted.length - 1) * p;
  const lower = Math.floor(h);
  const fraction = h - lower;
  const below = sorted[lower]!;
  return fraction === 0 ? below : below + fraction * (sorted[lower + 1]! - below);
}
