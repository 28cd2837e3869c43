import DataLoader from 'dataloader';
import type { Database } from '../../db/database.js';
import { mapCompany, type CompanyRecord } from '../company/mappers.js';
import { mapCluster, type ClusterRecord } from '../cluster/mappers.js';
import { propertiesKey } from '../common/projection.js';
import { mapKommune, type KommuneRecord } from './mappers.js';
import { countCompaniesByKommune, findCompanyPagesByKommune, findKommunerProjected, type CompanyPageRequest, type CompanyPageRow } from './repository.js';

/** A company of a kommune's page, with its memberships when the request asked for them. */
export interface CompanyPageItem {
  company: CompanyRecord;
  memberships: ClusterRecord[] | null;
}

export interface KommuneLoaders {
  /** Keyed by the request (kommune, page size, cursor); one query per batch. */
  companyPage: DataLoader<CompanyPageRequest, CompanyPageItem[], string>;
  companyCount: DataLoader<string, number>;
  /**
   * A kommune read with at least the stored `properties` asked (see `selectedProperties`); null
   * when none has the id. Such a record answers only the fields it was read for, so it is
   * handed to their resolvers alone and never primed into the shared node loader.
   */
  projectedKommune: DataLoader<{ id: string; properties: readonly string[] }, KommuneRecord | null, string>;
}

export function toCompanyPageItem(row: CompanyPageRow): CompanyPageItem {
  return { company: mapCompany(row.company), memberships: row.memberships?.map(mapCluster) ?? null };
}

/** Independent of property order, so a page primed by the kommune lookup is found by the resolver. */
function companyPageKey(request: CompanyPageRequest): string {
  return JSON.stringify([request.kommuneId, request.limit, request.afterName, request.afterId, request.withMemberships, request.backward,
    propertiesKey(request.companyProperties)]);
}

export function createKommuneLoaders(db: Database): KommuneLoaders {
  return {
    // One statement per batch, whatever the property sets asked: it reads their union.
    projectedKommune: new DataLoader(async (asks) => {
      const properties = [...new Set(asks.flatMap((ask) => ask.properties))];
      const raws = await findKommunerProjected(db, [...new Set(asks.map((ask) => ask.id))], properties);
      const byId = new Map(raws.map((raw) => [raw.id, mapKommune(raw)]));
      return asks.map((ask) => byId.get(ask.id) ?? null);
    }, { cacheKeyFn: (ask) => `${ask.id}\n${propertiesKey(ask.properties)}` }),
    companyPage: new DataLoader(
      async (requests) => (await findCompanyPagesByKommune(db, requests)).map((page) => page.map(toCompanyPageItem)),
      { cacheKeyFn: companyPageKey },
    ),
    companyCount: new DataLoader(async (ids) => {
      const totals = await countCompaniesByKommune(db, ids);
      return ids.map((id) => totals.get(id) ?? 0);
    }),
  };
}
