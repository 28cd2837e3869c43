/**
 * Multiple-comparison adjustments of a family of p-values, as R's `p.adjust` defines them. Null
 * entries (pairs without a p-value) are not part of the family and stay null.
 */

function family(pValues: readonly (number | null)[]): { index: number; p: number }[] {
  return pValues.flatMap((p, index) => (p === null || !Number.isFinite(p) ? [] : [{ index, p }]));
}

/** Benjamini–Hochberg: p₍ᵢ₎ · m / i, made monotone from the largest down, capped at 1. */
export function adjustBenjaminiHochberg(pValues: readonly (number | null)[]): (number | null)[] {
  const tested = family(pValues).sort((a, b) => b.p - a.p);
  const m = tested.length;
  const adjusted: (number | null)[] = pValues.map(() => null);
  let running = 1;
  tested.forEach(({ index, p }, position) => {
    running = Math.min(running, (p * m) / (m - position));
    adjusted[index] = running;
  });
  return adjusted;
}

/** Holm: p₍ᵢ₎ · (m − i + 1), made monotone from the smallest up, capped at 1. */
export function adjustHolm(pValues: readonly (number | null)[]): (number | null)[] {
  const tested = family(pValues).sort((a, b) => a.p - b.p);
  const m = tested.length;
  const adjusted: (number | null)[] = pValues.map(() => null);
  let running = 0;
  tested.forEach(({ index, p }, position) => {
    running = Math.max(running, Math.min(1, p * (m - position)));
    adjusted[index] = running;
  });
  return adjusted;
}
