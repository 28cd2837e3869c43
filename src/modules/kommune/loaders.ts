import DataLoader from 'dataloader';
import type { Database } from '../../db/database.js';
import { mapCompany, type CompanyRecord } from '../company/mappers.js';
import { mapCluster, type ClusterRecord } from '../cluster/mappers.js';
import { countCompaniesByKommune, findCompanyPagesByKommune, type CompanyPageRequest, type CompanyPageRow } from './repository.js';

/** A company of a kommune's page, with its memberships when the request asked for them. */
export interface CompanyPageItem {
  company: CompanyRecord;
  memberships: ClusterRecord[] | null;
}

export interface KommuneLoaders {
  /** Keyed by the request (kommune, page size, cursor); one query per batch. */
  companyPage: DataLoader<CompanyPageRequest, CompanyPageItem[], string>;
  companyCount: DataLoader<string, number>;
}

export function toCompanyPageItem(row: CompanyPageRow): CompanyPageItem {
  return { company: mapCompany(row.company), memberships: row.memberships?.map(mapCluster) ?? null };
}

/** Independent of property order, so a page primed by the kommune lookup is found by the resolver. */
function companyPageKey(request: CompanyPageRequest): string {
  return JSON.stringify([request.kommuneId, request.limit, request.afterName, request.afterId, request.withMemberships, request.backward]);
}

export function createKommuneLoaders(db: Database): KommuneLoaders {
  return {
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
