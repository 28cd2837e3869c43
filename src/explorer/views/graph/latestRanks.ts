import type { KommuneRank } from '../../lib/queries';

export interface LatestRanks {
  indicator: KommuneRank['indicator'];
  edition: number;
  /** The national rank first, then ranks within a fylke, as published for that edition. */
  ranks: KommuneRank[];
}

/**
 * A kommune's newest published edition per index, with every rank of that edition. An index
 * whose newest edition is older than another's keeps its own year: the panel shows what was
 * published last, never a rank carried into a year it was not published for.
 */
export function latestRanks(rankings: readonly KommuneRank[]): LatestRanks[] {
  const byIndicator = new Map<string, LatestRanks>();
  for (const entry of rankings) {
    const latest = byIndicator.get(entry.indicator.key);
    if (!latest || entry.edition > latest.edition) byIndicator.set(entry.indicator.key, { indicator: entry.indicator, edition: entry.edition, ranks: [entry] });
    else if (entry.edition === latest.edition) latest.ranks.push(entry);
  }
  const scopeOrder = (rank: KommuneRank) => (rank.scope === 'NATIONAL' ? 0 : 1);
  return [...byIndicator.values()]
    .map((latest) => ({ ...latest, ranks: [...latest.ranks].sort((a, b) => scopeOrder(a) - scopeOrder(b) || a.rank - b.rank) }))
    .sort((a, b) => a.indicator.name.localeCompare(b.indicator.name, 'nb'));
}
