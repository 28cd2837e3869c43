import type { RankingLoaders } from './loaders.js';
import type { RawNode } from '../common/records.js';
import type { NestedRule } from '../entity/lookahead.js';
import { mapIndicator, mapRankingEntry, subjectRankingProperties } from './mappers.js';
import { collectSubjectRankings } from './repository.js';

/**
 * A kommune's or fylke's rankings read with it: the entries in `findRankingsBySubject`'s order,
 * with the properties the field's selection reads, and each indicator they rank on once, primed
 * into the loaders `rankings { indicator }` reads.
 */
const subjectRankings: NestedRule<{ loaders: RankingLoaders }> = ({ loaders }, _parentId, field) => {
  const properties = subjectRankingProperties([field]);
  const { entries, indicators, decode } = collectSubjectRankings('n', properties);
  return {
    expression: `{entries: ${entries}, indicators: ${indicators}}`,
    params: {},
    prime: (subjectId, value) => {
      const read = value as { entries: unknown[]; indicators: RawNode[] };
      for (const indicator of read.indicators) loaders.indicator.prime(String(indicator.key), mapIndicator(indicator));
      loaders.rankingsBySubject.prime({ subjectId, properties }, read.entries.map((entry) => mapRankingEntry(decode(entry))));
    },
  };
};

/** Fields of the ranking domain that a lookup can read along with their kommune or fylke. */
export const rankingRules: Record<string, NestedRule<{ loaders: RankingLoaders }>> = {
  'Kommune.rankings': subjectRankings,
  'Fylke.rankings': subjectRankings,
};
