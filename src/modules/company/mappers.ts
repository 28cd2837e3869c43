import { baseFields, str, type BaseRecord, type RawNode } from '../common/records.js';

export interface CompanyRecord extends BaseRecord { type: 'Company'; orgnr: string | null }

export function mapCompany(raw: RawNode): CompanyRecord {
  return Object.assign(baseFields('Company', raw), { type: 'Company' as const, orgnr: str(raw.orgnr) });
}
