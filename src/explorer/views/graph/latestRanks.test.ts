import { describe, expect, it } from 'vitest';
import type { KommuneRank } from '../../lib/queries';
import { latestRanks } from './latestRanks';

const TOTAL = { key: 'kommune-nm/total', name: 'Kommune-NM: total' };
const KOMPETANSE = { key: 'kommune-nm/kompetanse', name: 'Kommune-NM: Kompetanse' };

function rank(indicator: KommuneRank['indicator'], edition: number, value: number, scope: KommuneRank['scope'] = 'NATIONAL'): KommuneRank {
  return { id: `${indicator.key}-${edition}-${scope}`, edition, rank: value, scope, scopeName: scope === 'NATIONAL' ? 'Norge' : 'Viken', derived: false, indicator };
}

describe('latestRanks', () => {
  it('keeps the newest edition of each index with its national rank first', () => {
    const latest = latestRanks([
      rank(TOTAL, 2022, 2, 'FYLKE'), rank(TOTAL, 2022, 8), rank(KOMPETANSE, 2021, 1), rank(TOTAL, 2021, 8), rank(TOTAL, 2017, 11),
    ]);
    expect(latest.map((entry) => [entry.indicator.key, entry.edition, entry.ranks.map((r) => `${r.rank} ${r.scopeName}`)])).toEqual([
      ['kommune-nm/kompetanse', 2021, ['1 Norge']],
      ['kommune-nm/total', 2022, ['8 Norge', '2 Viken']],
    ]);
  });

  it('gives nothing for a kommune without published ranks', () => {
    expect(latestRanks([])).toEqual([]);
  });
});
