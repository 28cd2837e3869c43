import type { Resolvers } from '../../generated/graphql.js';
import { badInput } from '../../errors.js';
import { FYLKE_FIELDS, KOMMUNE_FIELDS, mapRankedSubject } from '../kommune/mappers.js';
import { childrenNamed, selectedProperties } from '../common/projection.js';
import { type Selection, selectionOf } from '../common/selection.js';
import { sourcesOf } from '../entity/related.js';
import { sourcesField } from '../entity/resolvers.js';
import { addNotice } from '../common/notices.js';
import { fylkeFilter } from '../kommune/lookup.js';
import { checkIndicatorKey, checkYearHeld } from './indicatorArguments.js';
import { listKey, pageOf, toConnection } from '../common/pagination.js';
import { mapIndicator, mapRankingEntry, RANKING_ENTRY_FIELDS } from './mappers.js';
import { countRanking, findIndicators, findRankingPage } from './repository.js';

/**
 * What a ranking page reads of its entries and of the kommuner or fylker they rank: only the
 * properties the client selected under `edges.node` (all aliases), or every one when a field
 * needs the whole node.
 */
function rankingPageProperties(selection: Selection, level: 'Kommune' | 'Fylke'): { entry: string[] | null; subject: string[] | null } {
  const nodes = childrenNamed(selection, 'edges').flatMap((edges) => childrenNamed(edges, 'node'));
  const subjects = nodes.flatMap((node) => childrenNamed(node, level === 'Kommune' ? 'kommune' : 'rankedFylke'));
  return {
    entry: selectedProperties(nodes, RANKING_ENTRY_FIELDS, ['edition', 'rank']),
    subject: selectedProperties(subjects, level === 'Kommune' ? KOMMUNE_FIELDS : FYLKE_FIELDS, ['nr']),
  };
}

export const rankingResolvers: Resolvers = {
  Query: {
    indicators: async (_parent, _args, ctx) => (await findIndicators(ctx.db, null)).map(mapIndicator),
    indicator: async (_parent, { key }, ctx, info) => {
      const indicator = await ctx.loaders.indicator.load(key);
      if (!indicator) addNotice(ctx, info, { code: 'NOT_FOUND', requested: key, message: `No indicator has the key "${key.slice(0, 80)}"; see Query.indicators.` });
      return indicator;
    },
    ranking: async (_parent, { indicator, edition, fylke, level, first, after, last, before }, ctx, info) => {
      if (fylke && level === 'FYLKE') throw badInput('`fylke` picks kommuner; `level: FYLKE` ranks the fylker themselves. Leave one out.', 'fylke');
      const page = pageOf({ first, after, last, before }, listKey('ranking', { indicator, edition, fylke, level: level ?? 'KOMMUNE' }), 50);
      const kommuneIds = fylke ? (await fylkeFilter(ctx.db, fylke)).kommuneIds : null;
      const query = { indicator, edition, kommuneIds, level: level === 'FYLKE' ? 'Fylke' as const : 'Kommune' as const };
      const properties = rankingPageProperties(selectionOf(info), query.level);
      // The check and the page are independent reads: one wave, not two. (The indicator lookup
      // shares its batch with `Query.indicator` when the same request asks for it.)
      const [known, rows] = await Promise.all([ctx.loaders.indicator.load(indicator), findRankingPage(ctx.db, query, page, properties)]);
      if (known?.kind !== 'RANK') await checkIndicatorKey(ctx, indicator, 'RANK');
      // An edition not held gives no rows; only then is it worth a round trip to say which are.
      if (rows.length === 0) await checkYearHeld(ctx, edition, 'RANK', indicator, 'edition');
      const entries = rows.map((row) => {
        const subject = mapRankedSubject(row.subject);
        if (properties.subject !== null) return Object.assign(mapRankingEntry(row.entry), { subject });
        // A whole node: `kommune` / `rankedFylke` of each entry then come from the cache.
        ctx.loaders.node.prime(row.subject.id, subject);
        return mapRankingEntry(row.entry);
      });
      return toConnection(entries, page, (entry) => ({ sortValue: entry.rank, id: entry.id }), () => countRanking(ctx.db, query));
    },
  },
  Indicator: {
    ...sourcesField,
    key: (indicator) => indicator.key,
    years: (indicator, _args, ctx) => ctx.loaders.indicatorYears.load(indicator.key),
  },
  RankingEntry: {
    ...sourcesField,
    indicator: async (entry, _args, ctx) => {
      const indicator = await ctx.loaders.indicator.load(entry.indicatorKey);
      if (!indicator) throw new Error(`Ranking entry ${entry.id} has no indicator`);
      return indicator;
    },
    kommune: async (entry, _args, ctx) => {
      const subject = entry.subject ?? await ctx.loaders.node.load(entry.subjectId);
      return subject?.type === 'Kommune' ? subject : null;
    },
    rankedFylke: async (entry, _args, ctx) => {
      const subject = entry.subject ?? await ctx.loaders.node.load(entry.subjectId);
      return subject?.type === 'Fylke' ? subject : null;
    },
    scopeFylke: async (entry, _args, ctx) => {
      if (!entry.scopeFylkeNr) return null;
      const fylke = await ctx.loaders.node.load(`Fylke:${entry.scopeFylkeNr}`);
      return fylke?.type === 'Fylke' ? fylke : null;
    },
  },
  IndicatorValue: {
    indicator: async (value, _args, ctx) => {
      const indicator = await ctx.loaders.indicator.load(value.indicatorKey);
      if (!indicator) throw new Error(`Value of ${value.kommuneId} has no indicator ${value.indicatorKey}`);
      return indicator;
    },
    kommune: async (value, _args, ctx) => {
      const kommune = await ctx.loaders.node.load(value.kommuneId);
      if (kommune?.type !== 'Kommune') throw new Error(`Value has no kommune ${value.kommuneId}`);
      return kommune;
    },
    sources: (value, _args, ctx) => sourcesOf(ctx, value.sourceIds),
  },
};
