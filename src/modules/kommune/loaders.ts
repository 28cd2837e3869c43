import DataLoader from 'dataloader';
import type { Database } from '../../db/database.js';
import { mapCompany, type CompanyRecord } from '../company/mappers.js';
import { countCompaniesByKommune, findCompanyPagesByKommune, type CompanyPageRequest } from './repository.js';

export interface KommuneLoaders {
  /** Keyed by the request (kommune, page size, cursor); one query per batch. */
  companyPage: DataLoader<CompanyPageRequest, CompanyRecord[], string>;
  companyCount: DataLoader<string, number>;
}

export function createKommuneLoaders(db: Database): KommuneLoaders {
  return {
    companyPage: new DataLoader(
      async (requests) => (await findCompanyPagesByKommune(db, requests)).map((page) => page.map(mapCompany)),
      { cacheKeyFn: (request) => JSON.stringify(request) },
    ),
    companyCount: new DataLoader(async (ids) => {
      const totals = await countCompaniesByKommune(db, ids);
      return ids.map((id) => totals.get(id) ?? 0);
    }),
  };
}
