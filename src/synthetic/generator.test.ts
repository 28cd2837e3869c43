import { describe, expect, it } from 'vitest';
import { RELATIONSHIP_PATTERNS } from '../graph/index.js';
import { generateSyntheticGraph, type GeneratorInput, type KommuneInput, type SyntheticBatch } from './generator.js';
import { planSynthetic } from './plan.js';
import { SYNTHETIC_SOURCE } from './source.js';

/** Twelve kommuner in three fylker with very different sizes, like a small Norway. */
const KOMMUNER: KommuneInput[] = [
  [700_000, '03'], [290_000, '46'], [210_000, '50'], [145_000, '11'], [130_000, '30'], [80_000, '30'],
  [27_000, '30'], [14_000, '46'], [5_000, '50'], [2_000, '11'], [900, '46'], [400, '50'],
].map(([population, fylkeNr], i) => ({
  id: `Kommune:${String(1000 + i)}`,
  nr: String(1000 + i),
  name: `Sted ${i}`,
  fylkeNr: String(fylkeNr),
  fylkeName: `Fylke ${String(fylkeNr)}`,
  population: Number(population),
}));

function input(overrides: Partial<GeneratorInput> = {}): GeneratorInput {
  return { seed: 'test', plan: { ...planSynthetic(2000), collaborations: 10 }, kommuner: KOMMUNER, batchSize: 500, ...overrides };
}

function collect(options: GeneratorInput): SyntheticBatch[] {
  return [...generateSyntheticGraph(options)];
}

/** Every node and relationship, flattened, so batch boundaries do not matter. */
function flatten(batches: readonly SyntheticBatch[]) {
  return {
    nodes: batches.flatMap((b) => (b.kind === 'nodes' ? b.rows.map((row) => ({ label: b.label, ...row })) : [])),
    relationships: batches.flatMap((b) => (b.kind === 'relationships' ? b.rows.map((row) => ({ type: b.type, ...row })) : [])),
  };
}

describe('generateSyntheticGraph', () => {
  it('makes the same graph for the same seed, whatever the batch size', () => {
    const first = flatten(collect(input()));
    expect(flatten(collect(input()))).toEqual(first);
    const rebatched = flatten(collect(input({ batchSize: 137 })));
    expect(rebatched.nodes).toEqual(first.nodes);
    expect([...rebatched.relationships].sort(byEnds)).toEqual([...first.relationships].sort(byEnds));
  });

  it('makes another graph for another seed', () => {
    const a = flatten(collect(input()));
    const b = flatten(collect(input({ seed: 'other' })));
    expect(b.nodes.map((n) => n.props.name)).not.toEqual(a.nodes.map((n) => n.props.name));
  });

  it('puts companies where people are, more than in proportion (population^1.2)', () => {
    const { nodes } = flatten(collect(input({ plan: { ...planSynthetic(20_000), collaborations: 0 } })));
    const perKommune = new Map<string, number>();
    for (const node of nodes) if (node.label === 'Company') perKommune.set(node.locatedIn!, (perKommune.get(node.locatedIn!) ?? 0) + 1);
    const weights = KOMMUNER.map((k) => k.population ** 1.2);
    const total = weights.reduce((a, b) => a + b, 0);
    KOMMUNER.forEach((kommune, i) => {
      const expected = (20_000 * weights[i]!) / total;
      const seen = perKommune.get(kommune.id) ?? 0;
      // Binomial noise: within 5 standard deviations plus one.
      expect(Math.abs(seen - expected)).toBeLessThan(5 * Math.sqrt(expected) + 1);
    });
    const largest = perKommune.get(KOMMUNER[0]!.id)! / 20_000;
    const populationShare = KOMMUNER[0]!.population / KOMMUNER.reduce((sum, k) => sum + k.population, 0);
    expect(largest).toBeGreaterThan(populationShare);
  });

  it('labels every node and relationship synthetic with the synthetic source', () => {
    const batches = collect(input());
    for (const batch of batches) {
      if (batch.kind === 'nodes') {
        for (const row of batch.rows) {
          expect(row.props.synthetic).toBe(true);
          expect(row.props.sourceIds).toEqual([SYNTHETIC_SOURCE.id]);
        }
      } else {
        expect(batch.props).toEqual({ synthetic: true, sourceIds: [SYNTHETIC_SOURCE.id] });
      }
    }
    expect(SYNTHETIC_SOURCE.title).toBe('Synthetic benchmark data (generated, not real)');
  });

  it('follows the data model: ids, keys, search text, allowed relationship types', () => {
    const batches = collect(input());
    const ids = new Set<string>();
    for (const batch of batches) {
      if (batch.kind === 'nodes') {
        for (const { props } of batch.rows) {
          expect(props.id).toBe(`${batch.label}:${String(props.key)}`);
          expect(ids.has(String(props.id))).toBe(false);
          ids.add(String(props.id));
          if (batch.label === 'RankingEntry') expect(props.searchText).toBeUndefined();
          else expect(String(props.searchText)).toContain(String(props.name));
        }
      } else {
        const { from, to } = RELATIONSHIP_PATTERNS[batch.type as keyof typeof RELATIONSHIP_PATTERNS];
        expect(from).toContain(batch.fromLabel);
        expect(to).toContain(batch.toLabel);
      }
    }
  });

  it('writes nodes before the relationships that need them', () => {
    const written = new Set([...KOMMUNER.map((k) => k.id), 'Cluster:real']);
    for (const batch of collect(input({ existingClusterIds: ['Cluster:real'] }))) {
      if (batch.kind === 'nodes') {
        for (const row of batch.rows) written.add(String(row.props.id));
      } else {
        for (const row of batch.rows) {
          if (batch.toLabel !== 'Indicator') expect(written.has(row.to)).toBe(true);
          expect(written.has(row.from)).toBe(true);
        }
      }
    }
  });

  it('ranks every kommune once per indicator and edition, around the published ranks', () => {
    const published = [{ indicatorKey: 'kommune-nm/total', edition: 2022, kommuneId: KOMMUNER[5]!.id, rank: 1 }];
    const { nodes } = flatten(collect(input({ publishedRanks: published })));
    const table = nodes.filter((n) => n.label === 'RankingEntry' && n.props.edition === 2022 && String(n.props.key).startsWith('kommune-nm/total/'));
    expect(table).toHaveLength(KOMMUNER.length - 1);
    expect(table.map((n) => n.props.rank).sort((a, b) => Number(a) - Number(b))).toEqual(KOMMUNER.slice(1).map((_, i) => i + 2));
    expect(nodes.filter((n) => n.label === 'RankingEntry')).toHaveLength(6 * 5 * KOMMUNER.length - 1);
  });
});

function byEnds(a: { type: string; from: string; to: string }, b: { type: string; from: string; to: string }): number {
  const x = `${a.type}|${a.from}|${a.to}`;
  const y = `${b.type}|${b.from}|${b.to}`;
  return x < y ? -1 : x > y ? 1 : 0;
}
