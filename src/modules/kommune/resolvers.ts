import type { Resolvers } from '../../generated/graphql.js';
import { firstRelatedOf, relatedOf } from '../entity/related.js';
import { sourcesField } from '../entity/resolvers.js';
import { toLuceneQuery } from '../common/lucene.js';
import { emptyConnection, listKey, pageOf, toConnection } from '../common/pagination.js';
import { selectionOf } from '../common/selection.js';
import { COMPANIES_PAGE, companyList, companyPageRequest } from './lookahead.js';
import { addNotice } from '../common/notices.js';
import { checkIndicatorArguments } from '../ranking/indicatorArguments.js';
import { subjectRankingProperties } from '../ranking/mappers.js';
import { findKommuneByAnyNr, fylkeFilter, otherEraReason, primeFylke } from './lookup.js';
import { mapFylke, mapKommune, populationIn, primarySuccessor } from './mappers.js';
import { countKommuner, findFylker, listKommuner } from './repository.js';

export const kommuneResolvers: Resolvers = {
  Query: {
    kommune: async (_parent, { nr }, ctx, info) => {
      // The nested fields selected are read in the lookup's statement. A number of the current
      // era is the kommune's key; for one of another era the reads keyed by id are left unused.
      const reads = ctx.lookahead(info, 'Kommune', `Kommune:${nr}`);
      const kommune = await findKommuneByAnyNr(ctx.db, nr, 'nr', { loaders: ctx.loaders, reads });
      if (!kommune) {
        addNotice(ctx, info, { code: 'NOT_FOUND', requested: nr, message: `No kommune has had the number ${nr}: not in 2020–2023, before 2020 (SSB's changes since 2011) nor from 2024; see Query.kommuner.` });
      } else if (kommune.nr !== nr) {
        addNotice(ctx, info, { code: 'CANONICAL_ID', requested: nr, canonical: kommune.id, message: otherEraReason(kommune, nr) });
      }
      return kommune;
    },
    kommuner: async (_parent, { fylke, search, orderBy, first, after, last, before }, ctx) => {
      const order = orderBy ?? 'NR';
      const page = pageOf({ first, after, last, before }, listKey('kommuner', { fylke, search, orderBy: order }), 50);
      const kommuneIds = fylke ? (await fylkeFilter(ctx.db, fylke)).kommuneIds : null;
      const filter = { kommuneIds, lucene: search ? toLuceneQuery(search) : null };
      if (search && !filter.lucene) return emptyConnection(page);
      const rows = await listKommuner(ctx.db, filter, order, page);
      return toConnection(
        rows.map((row) => {
          const kommune = mapKommune(row.node);
          primeFylke(ctx.loaders, kommune.id, row.fylke);
          return { ...kommune, sortValue: row.sortValue };
        }),
        page,
        (kommune) => ({ sortValue: kommune.sortValue, id: kommune.id }),
        () => countKommuner(ctx.db, filter),
      );
    },
    fylker: async (_parent, _args, ctx) => (await findFylker(ctx.db)).map(mapFylke),
  },
  Fylke: {
    ...sourcesField,
    kommuner: (fylke, _args, ctx) => relatedOf(ctx, 'Fylke.kommuner', fylke.id, 'Kommune'),
    rankings: async (fylke, { indicator, edition }, ctx, info) => {
      const entries = (await ctx.loaders.rankingsBySubject.load({ subjectId: fylke.id, properties: subjectRankingProperties([selectionOf(info)]) }))
        .filter((entry) => (!indicator || entry.indicatorKey === indicator) && (!edition || entry.edition === edition));
      // Only an empty answer can hide a wrong argument; it is checked then, at no cost otherwise.
      if (entries.length === 0) await checkIndicatorArguments(ctx, 'RANK', indicator, edition, 'edition');
      return entries;
    },
  },
  Kommune: {
    ...sourcesField,
    fylke: async (kommune, _args, ctx) => {
      const fylke = await firstRelatedOf(ctx, 'Kommune.fylke', kommune.id, 'Fylke');
      if (!fylke) throw new Error(`Kommune ${kommune.id} has no fylke`);
      return fylke;
    },
    population: (kommune, { year }) => populationIn(kommune, year),
    nr2024: (kommune) => primarySuccessor(kommune),
    successors: (kommune) => kommune.nr2024.map((nr, i) => ({ nr, name: kommune.names2024[i] ?? kommune.name })),
    location: (kommune) => (kommune.lat === null || kommune.lon === null ? null : { lat: kommune.lat, lon: kommune.lon }),
    commutingRegion: (kommune, _args, ctx) => firstRelatedOf(ctx, 'Kommune.commutingRegion', kommune.id, 'CommutingRegion'),
    companies: async (kommune, { first, after, last, before }, ctx, info) => {
      const page = pageOf({ first, after, last, before }, companyList(kommune.id), COMPANIES_PAGE);
      const items = await ctx.loaders.companyPage.load({ kommuneId: kommune.id, ...companyPageRequest(page.limit, page.cursor, page.backward, selectionOf(info)) });
      const memberships = ctx.loaders.related('Company.memberships');
      const companies = items.map((item) => {
        if (item.memberships) memberships.prime(item.company.id, item.memberships);
        return item.company;
      });
      return toConnection(companies, page, (company) => ({ sortValue: company.name, id: company.id }),
        () => ctx.loaders.companyCount.load(kommune.id));
    },
    clusters: (kommune, _args, ctx) => relatedOf(ctx, 'Kommune.clusters', kommune.id, 'Cluster'),
    schools: (kommune, _args, ctx) => relatedOf(ctx, 'Kommune.schools', kommune.id, 'School'),
    events: (kommune, _args, ctx) => relatedOf(ctx, 'Kommune.events', kommune.id, 'Event'),
    initiatives: (kommune, _args, ctx) => relatedOf(ctx, 'Kommune.initiatives', kommune.id, 'Initiative'),
    collaborations: (kommune, _args, ctx) => relatedOf(ctx, 'Kommune.collaborations', kommune.id, 'Collaboration'),
    rankings: async (kommune, { indicator, edition }, ctx, info) => {
      const entries = (await ctx.loaders.rankingsBySubject.load({ subjectId: kommune.id, properties: subjectRankingProperties([selectionOf(info)]) }))
        .filter((entry) => (!indicator || entry.indicatorKey === indicator) && (!edition || entry.edition === edition));
      // Only an empty answer can hide a wrong argument; it is checked then, at no cost otherwise.
      if (entries.length === 0) await checkIndicatorArguments(ctx, 'RANK', indicator, edition, 'edition');
      return entries;
    },
    values: async (kommune, { indicator, year }, ctx) => {
      const values = (await ctx.loaders.valuesByKommune.load(kommune.id))
        .filter((value) => (!indicator || value.indicatorKey === indicator) && (!year || value.year === year));
      if (values.length === 0) await checkIndicatorArguments(ctx, 'VALUE', indicator, year, 'year');
      return values;
    },
  },
  CommutingRegion: {
    ...sourcesField,
    kommuner: (region, _args, ctx) => relatedOf(ctx, 'CommutingRegion.kommuner', region.id, 'Kommune'),
  },
  Collaboration: {
    ...sourcesField,
    members: (collaboration, _args, ctx) => relatedOf(ctx, 'Collaboration.members', collaboration.id, 'Kommune'),
  },
};
