import type { SourceRecord as StoredSource } from '../../graph/index.js';
import { str, type RawNode } from '../common/records.js';

/** A `Source` as the API reads it: the stored shape, tagged for the resolvers. */
export interface SourceRecord extends StoredSource {
  type: 'Source';
}

export function mapSource(raw: RawNode): SourceRecord {
  return {
    type: 'Source',
    id: String(raw.id),
    title: str(raw.title) ?? String(raw.id),
    url: str(raw.url),
    publisher: str(raw.publisher) ?? 'unknown',
    note: str(raw.note),
    licence: str(raw.licence),
  };
}

/** Whether a record's type implements the `Entity` interface (sources and ranking entries do not). */
export function isEntityType(type: string): boolean {
  return type !== 'Source' && type !== 'RankingEntry';
}
