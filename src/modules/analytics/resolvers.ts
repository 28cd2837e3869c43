import type { Resolvers } from '../../generated/graphql.js';
import { assertFylkeNr, findKommuneByAnyNr } from '../kommune/lookup.js';
import { computeCorrelation } from './correlation.js';

export const analyticsResolvers: Resolvers = {
  Query: {
    cooperation: async (_parent, { kommune }, ctx) => {
      const found = await findKommuneByAnyNr(ctx.db, kommune, 'kommune');
      return found ? ctx.loaders.cooperation.load(found.id) : null;
    },
    correlation: (_parent, { metric, indicator, year, fylke, controlFor }, ctx) => {
      if (fylke) assertFylkeNr(fylke);
      return computeCorrelation(ctx.db, { metric, indicator, year, fylkeNr: fylke ?? null, controlFor: controlFor ?? [] });
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
    kommune: async (metrics, _args, ctx) => {
      const kommune = await ctx.loaders.node.load(metrics.kommuneId);
      if (kommune?.type !== 'Kommune') throw new Error(`No kommune ${metrics.kommuneId}`);
      return kommune;
    },
  },
  CorrelationResult: {
    fylke: async (result, _args, ctx) => {
      if (!result.fylkeNr) return null;
      const fylke = await ctx.loaders.node.load(`Fylke:${result.fylkeNr}`);
      return fylke?.type === 'Fylke' ? fylke : null;
    },
  },
  CorrelationPoint: {
    kommune: async (point, _args, ctx) => {
      const kommune = await ctx.loaders.node.load(point.kommuneId);
      if (kommune?.type !== 'Kommune') throw new Error(`No kommune ${point.kommuneId}`);
      return kommune;
    },
  },
};
