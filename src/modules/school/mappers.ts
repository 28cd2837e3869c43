import { baseFields, str, type BaseRecord, type RawNode } from '../common/records.js';
import type { SchoolKind } from '../../generated/graphql.js';

export interface SchoolRecord extends BaseRecord {
  type: 'School';
  kind: SchoolKind;
  orgnr: string | null;
  nameEn: string | null;
  address: string | null;
}

export function mapSchool(raw: RawNode): SchoolRecord {
  const address = [str(raw.address), [str(raw.postalCode), str(raw.postalPlace)].filter(Boolean).join(' ')]
    .filter((part) => part !== null && part !== '')
    .join(', ');
  return Object.assign(baseFields('School', raw), {
    type: 'School' as const,
    kind: (str(raw.kind) ?? 'UNIVERSITY') as SchoolKind,
    orgnr: str(raw.orgnr),
    nameEn: str(raw.nameEn),
    address: address === '' ? null : address,
  });
}
