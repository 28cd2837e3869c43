import seedrandom from 'seedrandom';

/** A uniform random number in [0, 1). */
export type Random = () => number;

/**
 * One independent stream per purpose (`seed:companies`, `seed:events`, …), so the values a
 * phase draws do not depend on how many another phase drew, nor on batch sizes.
 */
export function randomStream(seed: string, purpose: string): Random {
  return seedrandom.alea(`${seed}:${purpose}`);
}

export function randomInt(random: Random, min: number, maxInclusive: number): number {
  return min + Math.floor(random() * (maxInclusive - min + 1));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.floor(random() * items.length)]!;
}

/** Fisher–Yates on a copy. */
export function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** A standard normal draw (Box–Muller). */
export function normal(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Draws indices with probability proportional to their weight in O(1) per draw (Walker's
 * alias method), which matters when a million companies each draw a kommune.
 */
export class WeightedSampler {
  private readonly probability: Float64Array;
  private readonly alias: Int32Array;

  constructor(weights: readonly number[]) {
    const n = weights.length;
    const total = weights.reduce((sum, w) => sum + w, 0);
    if (n === 0 || !(total > 0) || weights.some((w) => !(w >= 0))) {
      throw new Error('WeightedSampler needs non-negative weights with a positive sum');
    }
    this.probability = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = weights.map((w) => (w * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.probability[s] = scaled[s]!;
      this.alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      (scaled[l]! < 1 ? small : large).push(l);
    }
    for (const i of [...small, ...large]) this.probability[i] = 1;
  }

  get size(): number {
    return this.probability.length;
  }

  next(random: Random): number {
    const column = Math.floor(random() * this.probability.length);
    return random() < this.probability[column]! ? column : this.alias[column]!;
  }
}
