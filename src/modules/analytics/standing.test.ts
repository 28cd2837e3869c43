import { describe, expect, it } from 'vitest';
import { standingOf } from './standing.js';

// Reference: pandas 2 — s.rank(method='min', ascending=False), s.rank(pct=True), s.quantile([.25, .5, .75]).
describe('standingOf', () => {
  const values = [3, 7, 7, 1, 9, 4];

  it('ranks 1 = highest with ties sharing the best rank, mid-rank percentile, type 7 quartiles', () => {
    const standing = standingOf(7, values, true);
    expect(standing).toMatchObject({ n: 6, rank: 2, min: 1, max: 9 });
    // pandas: pd.Series([3,7,7,1,9,4]).rank(pct=True)[1] == 0.75
    expect(standing.percentile).toBeCloseTo(75, 12);
    // pandas quantile: 0.25 → 3.25, 0.5 → 5.5, 0.75 → 7.0
    expect(standing.q1).toBeCloseTo(3.25, 12);
    expect(standing.median).toBeCloseTo(5.5, 12);
    expect(standing.q3).toBeCloseTo(7, 12);
  });

  it('reads lower as better for ranks', () => {
    expect(standingOf(1, values, false)).toMatchObject({ rank: 1 });
    expect(standingOf(1, values, false).percentile).toBeCloseTo(100 * 6 / 6, 12);
    expect(standingOf(9, values, false)).toMatchObject({ rank: 6 });
  });

  it('gives the distribution without a rank for an unmeasured kommune, and nothing for an empty set', () => {
    expect(standingOf(null, values, true)).toMatchObject({ n: 6, rank: null, percentile: null, median: 5.5 });
    expect(standingOf(null, [], true)).toMatchObject({ n: 0, median: null });
  });
});
