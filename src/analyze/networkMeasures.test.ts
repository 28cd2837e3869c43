import { describe, expect, it } from 'vitest';
import { computeMeasures } from './networkMeasures.js';

// Two triangles joined by a bridge c–d:  a–b–c–a  and  d–e–f–d, plus c–d.
const nodes = ['a', 'b', 'c', 'd', 'e', 'f', 'lonely'];
const edges = [
  { source: 'a', target: 'b' }, { source: 'b', target: 'c' }, { source: 'c', target: 'a' },
  { source: 'd', target: 'e' }, { source: 'e', target: 'f' }, { source: 'f', target: 'd' },
  { source: 'c', target: 'd' }, { source: 'd', target: 'c' },
];

describe('computeMeasures', () => {
  const byId = new Map(computeMeasures(nodes, edges).map((m) => [m.id, m]));

  it('counts distinct neighbours once (parallel and reverse edges merge)', () => {
    expect(byId.get('c')!.degree).toBe(3);
    expect(byId.get('a')!.degree).toBe(2);
    expect(byId.get('lonely')!.degree).toBe(0);
  });

  it('gives the bridge ends the highest betweenness', () => {
    // By hand: c lies on the one shortest path of each of the 6 pairs {a,b}×{d,e,f};
    // normalised for an undirected graph by (n−1)(n−2)/2 = 15 with n = 7 nodes.
    const c = byId.get('c')!.betweenness!;
    const d = byId.get('d')!.betweenness!;
    expect(c).toBeCloseTo(d, 12);
    expect(c).toBeCloseTo(6 / 15, 12);
    expect(byId.get('a')!.betweenness).toBe(0);
  });

  it('ranks the bridge ends above the others and sums PageRank to 1', () => {
    const total = [...byId.values()].reduce((sum, m) => sum + m.pageRank, 0);
    expect(total).toBeCloseTo(1, 6);
    expect(byId.get('c')!.pageRank).toBeGreaterThan(byId.get('a')!.pageRank);
  });

  it('puts each triangle in its own community, the same on every run', () => {
    expect(byId.get('a')!.community).toBe(byId.get('b')!.community);
    expect(byId.get('d')!.community).toBe(byId.get('e')!.community);
    expect(byId.get('a')!.community).not.toBe(byId.get('e')!.community);
    const again = new Map(computeMeasures(nodes, edges).map((m) => [m.id, m.community]));
    expect([...again.entries()]).toEqual([...byId.entries()].map(([id, m]) => [id, m.community]));
  });
});
