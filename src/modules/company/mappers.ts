import type { FieldProperties } from '../common/projection.js';
import { baseFields, str, type BaseRecord, type RawNode } from '../common/records.js';

export interface CompanyRecord extends BaseRecord { type: 'Company'; orgnr: string | null }

export function mapCompany(raw: RawNode): CompanyRecord {
  return Object.assign(baseFields('Company', raw), { type: 'Company' as const, orgnr: str(raw.orgnr) });
}

/** The properties behind each field of `Company` (see `selectedProperties`); `network` reads the analyze job's measures, so it needs the whole node. */
export const COMPANY_FIELDS: FieldProperties = {
  id: [], orgnr: ['orgnr'], name: [], sources: ['sourceIds'], kommune: [], memberships: [], events: [], schoolPartners: [], projects: [],
};
