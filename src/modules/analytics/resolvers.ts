import { badInput, notFound } from '../../errors.js';
import type { Database } from '../../db/database.js';
import type { Context } from '../../context.js';
import type { Resolvers } from '../../generated/graphql.js';
import { assertFylkeNr, findKommuneByAnyNr, fylkeFilter } from '../kommune/lookup.js';
import { childrenNamed, selectedProperties } from '../common/projection.js';
import { type Selection, selectionOf } from '../common/selection.js';
import { KOMMUNE_FIELDS } from '../kommune/mappers.js';
import { computeCorrelation } from './correlation.js';
import { DEFAULT_CONFIDENCE_LEVEL } from './intervals.js';
import { describeComputation, MEASURES } from './measures.js';
import { measureFigures } from './metrics.js';
import { computeProfile, computeResiduals, DEFAULT_PEER_FACTOR } from './profile.js';
import { computeScreening } from './screening.js';

/**
 * The fylke a statistic is limited to. Series are scoped by the 2020–2023 fylke their kommuner
 * were in, so a number of another era (Buskerud's 33 from 2024, covering part of Viken) cannot
 * be answered faithfully: it is refused with what it covers, and an unknown number with the list.
 */
async function statisticsFylke(db: Database, fylke: string | null | undefined): Promise<string | null> {
  if (!fylke) return null;
  assertFylkeNr(fylke);
  const found = await fylkeFilter(db, fylke);
  if (found.era === 'NOW') return fylke;
  const covered = found.fylker.map((f) => `${f.nr} ${f.name}`).join(', ');
  throw badInput(
    `Fylke "${fylke}" is a number of another era (its kommuner were in ${covered} in 2020–2023); statistics are limited by the 2020–2023 fylke: give ${found.fylker.map((f) => `"${f.nr}"`).join(' or ')}.`,
    'fylke',
  );
}

/**
 * What a correlation's points read of their kommuner: only the properties selected under
 * `points.kommune` (all aliases), or null when a field there needs the whole node or no point's
 * kommune is selected; the kommuner are then loaded by id.
 */
function pointKommuneProperties(selection: Selection): string[] | null {
  const kommuner = childrenNamed(selection, 'points').flatMap((points) => childrenNamed(points, 'kommune'));
  return kommuner.length > 0 ? selectedProperties(kommuner, KOMMUNE_FIELDS, ['nr']) : null;
}

/** A kommune by id through the node loader; an id of another type or none is a broken invariant. */
async function loadKommune(nodes: Context['loaders']['node'], id: string) {
  const kommune = await nodes.load(id);
  if (kommune?.type !== 'Kommune') throw new Error(`No kommune ${id}`);
  return kommune;
}

export const analyticsResolvers: Resolvers = {
  Query: {
    cooperation: async (_parent, { kommune }, ctx) => {
      const found = await findKommuneByAnyNr(ctx.db, kommune, 'kommune');
      return found ? ctx.loaders.cooperation.load(found.id) : null;
    },
    cooperationMeasures: () => [...MEASURES.values()].map((d) => ({
      metric: d.metric,
      description: d.description,
      universe: d.universe,
      cooperation: d.cooperation,
      years: [...d.years],
      computation: describeComputation(d.computation),
      indicatorKey: d.computation.kind === 'indicator' || d.computation.kind === 'perCapita' ? d.computation.key : null,
      source: d.source,
    })),
    correlation: async (_parent, { metric, indicator, year, metricYear, fylke, controlFor, confidenceLevel }, ctx, info) => {
      const fylkeNr = await statisticsFylke(ctx.db, fylke);
      const result = await computeCorrelation(ctx.loaders.statistics, {
        metric, indicator, year, metricYear: metricYear ?? null, fylkeNr, controlFor: controlFor ?? [],
        confidenceLevel: confidenceLevel ?? DEFAULT_CONFIDENCE_LEVEL,
      });
      // Up to 356 points: their kommuner are read with the selected properties only.
      const properties = pointKommuneProperties(selectionOf(info));
      if (properties === null) return result;
      const kommuner = await ctx.loaders.projectedKommune.loadMany(result.points.map((point) => ({ id: point.kommuneId, properties })));
      result.points.forEach((point, i) => {
        const kommune = kommuner[i];
        // Not found: the point's resolver loads it by id and says so.
        if (kommune && !(kommune instanceof Error)) point.kommune = kommune;
      });
      return result;
    },
    screening: async (_parent, { metrics, indicators, year, fylke, controlFor, statistic, confidenceLevel }, ctx) => {
      const fylkeNr = await statisticsFylke(ctx.db, fylke);
      return computeScreening(ctx.loaders.statistics, {
        metrics: metrics ?? null, indicators: indicators ?? null, year: year ?? null, fylkeNr,
        controlFor: controlFor ?? [], statistic: statistic ?? 'SPEARMAN', confidenceLevel: confidenceLevel ?? DEFAULT_CONFIDENCE_LEVEL,
      });
    },
    kommuneProfile: async (_parent, { kommune, year, peerFactor }, ctx) => {
      const found = await findKommuneByAnyNr(ctx.db, kommune, 'kommune');
      if (!found) throw notFound(`No kommune has the number "${kommune}"; see Query.kommuner.`);
      return computeProfile(ctx.loaders.statistics, found.id, year ?? null, peerFactor ?? DEFAULT_PEER_FACTOR);
    },
  },
  Kommune: {
    cooperation: async (kommune, _args, ctx) => {
      const metrics = await ctx.loaders.cooperation.load(kommune.id);
      if (!metrics) throw new Error(`No cooperation counts for ${kommune.id}`);
      return metrics;
    },
  },
  CooperationMetrics: {
    kommune: (metrics, _args, ctx) => loadKommune(ctx.loaders.node, metrics.kommuneId),
    measures: async (metrics, { metrics: wanted, year }, ctx) => {
      const values = await ctx.loaders.measureValues.load(metrics.kommuneId);
      return measureFigures(metrics, values, wanted ?? null, year ?? null);
    },
  },
  CorrelationResult: {
    fylke: async (result, _args, ctx) => {
      if (!result.fylkeNr) return null;
      const fylke = await ctx.loaders.node.load(`Fylke:${result.fylkeNr}`);
      return fylke?.type === 'Fylke' ? fylke : null;
    },
  },
  ScreeningResult: {
    fylke: async (result, _args, ctx) => {
      if (!result.fylkeNr) return null;
      const fylke = await ctx.loaders.node.load(`Fylke:${result.fylkeNr}`);
      return fylke?.type === 'Fylke' ? fylke : null;
    },
  },
  KommuneProfile: {
    kommune: (profile, _args, ctx) => loadKommune(ctx.loaders.node, profile.kommuneId),
    residuals: (profile, { metrics, indicators }) => computeResiduals(profile, metrics ?? null, indicators ?? null),
  },
  PeerGroup: {
    kommuneNrs: (group) => group.kommuneIds.map((id) => id.replace(/^Kommune:/, '')),
  },
  CorrelationPoint: {
    // Up to 356 points: one read with its point answers without a promise.
    kommune: (point, _args, ctx) => point.kommune ?? loadKommune(ctx.loaders.node, point.kommuneId),
  },
};
