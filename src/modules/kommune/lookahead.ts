import { checkPage, listKey, type Keyset, type PageArgs } from '../common/pagination.js';
import { childrenNamed, selectedProperties } from '../common/projection.js';
import { type Selection, selects } from '../common/selection.js';
import { COMPANY_FIELDS } from '../company/mappers.js';
import type { NestedRule } from '../entity/lookahead.js';
import { toCompanyPageItem, type KommuneLoaders } from './loaders.js';
import { collectCompanyPage, type CompanyPageRequest } from './repository.js';

/** The default size of `Kommune.companies`, as the schema's default of `first` says. */
export const COMPANIES_PAGE = 20;

/** The list `Kommune.companies` cursors belong to. */
export function companyList(kommuneId: string): string {
  return listKey('Kommune.companies', { kommune: kommuneId });
}

/**
 * The loader key of a page of a kommune's companies (one extra row tells if more follow). The one
 * function both the look-ahead and `Kommune.companies` build it with, so the page read ahead is
 * the page the field asks for.
 */
export function companyPageRequest(limit: number, cursor: Keyset | null, backward: boolean, selection: Selection): Omit<CompanyPageRequest, 'kommuneId'> {
  return {
    limit: limit + 1,
    backward,
    afterName: cursor === null ? null : String(cursor.sortValue),
    afterId: cursor?.id ?? null,
    withMemberships: selects(selection, ['edges', 'node', 'memberships']),
    companyProperties: selectedProperties(childrenNamed(selection, 'edges').flatMap((edges) => childrenNamed(edges, 'node')), COMPANY_FIELDS),
  };
}

/** Fields of the kommune domain that a lookup can read along with their kommune. */
export const kommuneRules: Record<string, NestedRule<{ loaders: KommuneLoaders }>> = {
  'Kommune.companies': ({ loaders }, _parentId, field, param) => {
    // Checked without the list: a lookup by a number of another era does not know the kommune's
    // id yet. Whether the cursor belongs to the kommune found is the field's own check (`pageOf`);
    // a page read for a cursor it refuses is simply not used.
    const check = checkPage(field.args as PageArgs, null, COMPANIES_PAGE);
    if (!check.ok) return null;
    const page = companyPageRequest(check.limit, check.cursor, check.backward, field);
    const read = collectCompanyPage(page, param);
    return {
      expression: read.expression,
      params: read.params,
      prime: (kommuneId, value) => {
        // Not read for the largest kommuner (null): the field's loader then reads the page alone.
        const rows = read.rows(value);
        if (rows) loaders.companyPage.prime({ kommuneId, ...page }, rows.map(toCompanyPageItem));
      },
    };
  },
};
