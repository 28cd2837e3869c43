import { baseFields, str, type BaseRecord, type RawNode } from '../common/records.js';

export interface EventRecord extends BaseRecord { type: 'Event'; startDate: string | null; endDate: string | null }

export function mapEvent(raw: RawNode): EventRecord {
  return Object.assign(baseFields('Event', raw), { type: 'Event' as const, startDate: str(raw.startDate), endDate: str(raw.endDate) });
}
