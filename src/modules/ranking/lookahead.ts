import type { RankingLoaders } from './loaders.js';
import type { RawNode } from '../common/records.js';
import type { NestedRule } from '../entity/lookahead.js';
import { mapIndicator, mapRankingEntry } from './mappers.js';
import { collectSubjectRankings } from './repository.js';

/**
 * A kommune's or fylke's rankings read with it: the entries in `findRankingsBySubject`'s order
 * and each indicator they rank on once, primed into the loaders `rankings { indicator }` reads.
 */
const subjectRankings: NestedRule<{ loaders: RankingLoaders }> = ({ loaders }) => {
  const { entries, indicators } = collectSubjectRankings('n');
  return {
    expression: `{entries: ${entries}, indicators: ${indicators}}`,
    params: {},
    prime: (subjectId, value) => {
      const read = value as { entries: RawNode[]; indicators: RawNode[] };
      for (const indicator of read.indicators) loaders.indicator.prime(String(indicator.key), mapIndicator(indicator));
      loaders.rankingsBySubject.prime(subjectId, read.entries.map(mapRankingEntry));
    },
  };
};

/** Fields of the ranking domain that a lookup can read along with their kommune or fylke. */
export const rankingRules: Record<string, NestedRule<{ loaders: RankingLoaders }>> = {
  'Kommune.rankings': subjectRankings,
  'Fylke.rankings': subjectRankings,
};
