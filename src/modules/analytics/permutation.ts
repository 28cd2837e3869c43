import seedrandom from 'seedrandom';

/** Up to this many points every permutation is enumerated (8! = 40,320). */
export const EXACT_PERMUTATION_MAX_N = 8;
/** From EXACT_PERMUTATION_MAX_N + 1 up to this n, a seeded Monte Carlo permutation test; above it, the t approximation. */
export const MONTE_CARLO_MAX_N = 29;
/** Random permutations of the Monte Carlo test. */
export const MONTE_CARLO_PERMUTATIONS = 9999;
/** The seed of the Monte Carlo test, so the same data always give the same p-value. */
export const MONTE_CARLO_SEED = 'correlation-permutation-test';

/**
 * Pearson's r of the centred series: x is fixed, y permuted, so only Σ xᵢ yᵢ changes between
 * permutations and r is monotone in it. Returns the statistic as a function of a permutation.
 */
function dotProductStatistic(x: readonly number[], y: readonly number[]): (order: readonly number[]) => number {
  const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(x);
  const my = mean(y);
  const cx = x.map((v) => v - mx);
  const cy = y.map((v) => v - my);
  return (order) => {
    let sum = 0;
    for (let i = 0; i < cx.length; i++) sum += cx[i]! * cy[order[i]!]!;
    return sum;
  };
}

/** Every permutation of 0..n−1 (Heap's algorithm), passed to `visit` in turn. */
function forEachPermutation(n: number, visit: (order: readonly number[]) => void): void {
  const order = Array.from({ length: n }, (_, i) => i);
  const c = new Array<number>(n).fill(0);
  visit(order);
  let i = 1;
  while (i < n) {
    if (c[i]! < i) {
      const j = i % 2 === 0 ? 0 : c[i]!;
      [order[j], order[i]] = [order[i]!, order[j]!];
      visit(order);
      c[i]! += 1;
      i = 1;
    } else {
      c[i] = 0;
      i += 1;
    }
  }
}

export interface PermutationTest {
  pValue: number;
  /** True when every permutation was enumerated; false for the Monte Carlo test. */
  exact: boolean;
  /** Permutations the p-value rests on (n! when exact). */
  permutations: number;
}

/**
 * Two-sided permutation p-value of the correlation of x and y (give ranks for Spearman): twice
 * the smaller one-sided tail, capped at 1, as SciPy's `permutation_test` and R's exact
 * `cor.test` define it. With ties the null distribution need not be symmetric, so this is not
 * the same as counting |r| ≥ |r_obs|. Exact up to EXACT_PERMUTATION_MAX_N points; otherwise
 * MONTE_CARLO_PERMUTATIONS seeded random permutations with p = (1 + hits) / (1 + B), which is
 * never 0. Compares with a relative tolerance so ties in the statistic count as hits.
 */
export function permutationPValue(x: readonly number[], y: readonly number[]): PermutationTest {
  const n = x.length;
  const statistic = dotProductStatistic(x, y);
  const observed = statistic(x.map((_, i) => i));
  const tolerance = 1e-9 * Math.max(1, Math.abs(observed));
  let atMost = 0;
  let atLeast = 0;
  const count = (value: number) => {
    if (value <= observed + tolerance) atMost += 1;
    if (value >= observed - tolerance) atLeast += 1;
  };
  if (n <= EXACT_PERMUTATION_MAX_N) {
    let total = 0;
    forEachPermutation(n, (order) => { total += 1; count(statistic(order)); });
    return { pValue: Math.min(1, (2 * Math.min(atMost, atLeast)) / total), exact: true, permutations: total };
  }
  const random = seedrandom.alea(MONTE_CARLO_SEED);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let b = 0; b < MONTE_CARLO_PERMUTATIONS; b++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    count(statistic(order));
  }
  const tail = (hits: number) => (1 + hits) / (1 + MONTE_CARLO_PERMUTATIONS);
  return { pValue: Math.min(1, 2 * Math.min(tail(atMost), tail(atLeast))), exact: false, permutations: MONTE_CARLO_PERMUTATIONS };
}
