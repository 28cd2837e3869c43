import type { Resolvers } from '../../generated/graphql.js';
import { badInput } from '../../errors.js';
import { mapNode } from '../node/mappers.js';
import { pageSize } from '../common/pagination.js';
import { enumOfType, typeOfEnum } from '../common/records.js';
import { toLuceneQuery } from '../common/lucene.js';
import { searchEntities } from './repository.js';

const MAX_SEARCH_TEXT = 200;

export const searchResolvers: Resolvers = {
  Query: {
    search: async (_parent, { text, types, first }, ctx) => {
      if (text.length > MAX_SEARCH_TEXT) throw badInput(`Search text may be at most ${MAX_SEARCH_TEXT} characters.`, 'text');
      const limit = pageSize(first, 20, 100);
      const lucene = toLuceneQuery(text, 'text');
      if (!lucene || limit === 0) return [];
      const labels = types && types.length > 0 ? types.map(typeOfEnum) : null;
      const hits = await searchEntities(ctx.db, lucene, labels, limit);
      return hits.map((hit) => ({ entity: mapNode(hit.node), score: hit.score }));
    },
  },
  SearchHit: {
    id: (hit) => hit.entity.id,
    type: (hit) => enumOfType(hit.entity.type) as never,
    label: (hit) => (hit.entity.type === 'Source' ? hit.entity.title : hit.entity.name),
    score: (hit) => hit.score,
    entity: (hit) => hit.entity,
  },
};
