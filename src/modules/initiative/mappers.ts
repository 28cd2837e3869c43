import { baseFields, str, type BaseRecord, type RawNode } from '../common/records.js';

export interface InitiativeRecord extends BaseRecord { type: 'Initiative'; description: string | null }

export function mapInitiative(raw: RawNode): InitiativeRecord {
  return Object.assign(baseFields('Initiative', raw), { type: 'Initiative' as const, description: str(raw.description) });
}
