import type { Resolvers } from '../../generated/graphql.js';
import { firstRelatedOf, relatedOf } from '../entity/related.js';
import { sourcesField } from '../entity/resolvers.js';
import { toLuceneQuery } from '../common/lucene.js';
import { checkPage, decodeCursor, pageSize, toConnection, type Keyset } from '../common/pagination.js';
import { childSelection, type Selection, selectionOf, selects } from '../common/selection.js';
import { assertFylkeNr, findKommuneByAnyNr, primeFylke } from './lookup.js';
import { mapFylke, mapKommune, populationIn, primarySuccessor } from './mappers.js';
import { countKommuner, findFylker, listKommuner, type CompanyPageRequest, type KommunePageParts } from './repository.js';

/** The default size of `Kommune.companies`, as the schema's default of `first` says. */
const COMPANIES_PAGE = 20;

/**
 * The loader key of a page of a kommune's companies (one extra row tells if more follow). The one
 * function both `Query.kommune`'s prefetch and `Kommune.companies` build it with, so the page the
 * lookup primes is the page the field asks for.
 */
function companyPageRequest(limit: number, cursor: Keyset | null, selection: Selection): Omit<CompanyPageRequest, 'kommuneId'> {
  return {
    limit: limit + 1,
    afterName: cursor === null ? null : String(cursor.sortValue),
    afterId: cursor?.id ?? null,
    withMemberships: selects(selection, ['edges', 'node', 'memberships']),
  };
}

/**
 * What `Query.kommune` reads along with the kommune: the parts of a kommune page the client
 * selected, so that rankings, hosted clusters and a page of companies with their memberships
 * come in the lookup's round trip. The fields' own resolvers then find them in the loaders;
 * anything not prefetched (a second alias with other arguments, say) they load as usual.
 */
function kommunePageParts(selection: Selection): KommunePageParts {
  const companies = childSelection(selection, 'companies');
  // A page the field would refuse is not prefetched: its resolver reports the error at its path.
  const check = companies ? checkPage(companies.args.first as number | null | undefined, companies.args.after as string | null | undefined, COMPANIES_PAGE) : null;
  return {
    rankings: childSelection(selection, 'rankings') !== null,
    clusters: childSelection(selection, 'clusters') !== null,
    companies: companies && check?.ok ? companyPageRequest(check.limit, check.cursor, companies) : null,
  };
}

export const kommuneResolvers: Resolvers = {
  Query: {
    kommune: (_parent, { nr }, ctx, info) => findKommuneByAnyNr(ctx.db, nr, 'nr', { loaders: ctx.loaders, parts: kommunePageParts(selectionOf(info)) }),
    kommuner: async (_parent, { fylke, search, orderBy, first, after }, ctx) => {
      if (fylke) assertFylkeNr(fylke);
      const limit = pageSize(first, 50);
      const cursor = decodeCursor(after);
      const filter = { fylkeNr: fylke ?? null, lucene: search ? toLuceneQuery(search) : null };
      if (search && !filter.lucene) return toConnection([], 0, () => ({ sortValue: null, id: '' }), cursor, async () => 0);
      const rows = await listKommuner(ctx.db, filter, orderBy ?? 'NR', limit, cursor);
      return toConnection(
        rows.map((row) => {
          const kommune = mapKommune(row.node);
          primeFylke(ctx.loaders, kommune.id, row.fylke);
          return { ...kommune, sortValue: row.sortValue };
        }),
        limit,
        (kommune) => ({ sortValue: kommune.sortValue, id: kommune.id }),
        cursor,
        () => countKommuner(ctx.db, filter),
      );
    },
    fylker: async (_parent, _args, ctx) => (await findFylker(ctx.db)).map(mapFylke),
  },
  Fylke: {
    ...sourcesField,
    kommuner: (fylke, _args, ctx) => relatedOf(ctx, 'Fylke.kommuner', fylke.id, 'Kommune'),
    rankings: async (fylke, { indicator, edition }, ctx) =>
      (await ctx.loaders.rankingsBySubject.load(fylke.id)).filter(
        (entry) => (!indicator || entry.indicatorKey === indicator) && (!edition || entry.edition === edition),
      ),
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
    companies: async (kommune, { first, after }, ctx, info) => {
      const limit = pageSize(first, COMPANIES_PAGE);
      const cursor = decodeCursor(after);
      const page = await ctx.loaders.companyPage.load({ kommuneId: kommune.id, ...companyPageRequest(limit, cursor, selectionOf(info)) });
      const memberships = ctx.loaders.related('Company.memberships');
      const companies = page.map((item) => {
        if (item.memberships) memberships.prime(item.company.id, item.memberships);
        return item.company;
      });
      return toConnection(companies, limit, (company) => ({ sortValue: company.name, id: company.id }), cursor,
        () => ctx.loaders.companyCount.load(kommune.id));
    },
    clusters: (kommune, _args, ctx) => relatedOf(ctx, 'Kommune.clusters', kommune.id, 'Cluster'),
    schools: (kommune, _args, ctx) => relatedOf(ctx, 'Kommune.schools', kommune.id, 'School'),
    events: (kommune, _args, ctx) => relatedOf(ctx, 'Kommune.events', kommune.id, 'Event'),
    initiatives: (kommune, _args, ctx) => relatedOf(ctx, 'Kommune.initiatives', kommune.id, 'Initiative'),
    collaborations: (kommune, _args, ctx) => relatedOf(ctx, 'Kommune.collaborations', kommune.id, 'Collaboration'),
    rankings: async (kommune, { indicator, edition }, ctx) =>
      (await ctx.loaders.rankingsBySubject.load(kommune.id)).filter(
        (entry) => (!indicator || entry.indicatorKey === indicator) && (!edition || entry.edition === edition),
      ),
    values: async (kommune, { indicator, year }, ctx) =>
      (await ctx.loaders.valuesByKommune.load(kommune.id)).filter(
        (value) => (!indicator || value.indicatorKey === indicator) && (!year || value.year === year),
      ),
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
