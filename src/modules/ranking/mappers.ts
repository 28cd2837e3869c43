import { selectedProperties, type FieldProperties } from '../common/projection.js';
import type { Selection } from '../common/selection.js';
import type { FylkeRecord, KommuneRecord } from '../kommune/mappers.js';
import { baseFields, num, str, strings, type BaseRecord, type RawNode } from '../common/records.js';
import { logger } from '../../logger.js';
import type { IndicatorKind, RankingScope } from '../../generated/graphql.js';

export interface IndicatorRecord extends BaseRecord {
  type: 'Indicator';
  kind: IndicatorKind;
  unit: string;
  higherIsBetter: boolean;
  description: string;
  publisher: string;
}

export interface RankingEntryRecord extends BaseRecord {
  type: 'RankingEntry';
  indicatorKey: string;
  /** Id of the ranked kommune or fylke. */
  subjectId: string;
  rank: number;
  edition: number;
  dataYear: number;
  scope: RankingScope;
  scopeName: string;
  scopeFylkeNr: string | null;
  score: number | null;
  publishedNr: string | null;
  mappingNote: string | null;
  derived: boolean;
  note: string | null;
  placeInFylke: number | null;
  /**
   * The ranked kommune or fylke, when the page read it with only the properties its selection
   * asks for: then it answers this entry's `kommune`/`rankedFylke` and no one else.
   */
  subject?: KommuneRecord | FylkeRecord;
}

export interface IndicatorValueRecord {
  indicatorKey: string;
  kommuneId: string;
  year: number;
  value: number;
  sourceIds: string[];
}

/**
 * The properties behind each field of `RankingEntry` (see `selectedProperties`); its indicator,
 * subject and place in the fylke come from the query itself.
 */
export const RANKING_ENTRY_FIELDS: FieldProperties = {
  id: [], rank: ['rank'], edition: ['edition'], scope: ['scope'], scopeName: ['scopeName'], score: ['score'], dataYear: ['dataYear', 'edition'],
  publishedNr: ['publishedNr'], mappingNote: ['mappingNote'], derived: ['derived'], note: ['note'], sources: ['sourceIds'],
  scopeFylke: ['scopeFylkeNr'], placeInFylke: [], indicator: [], kommune: [], rankedFylke: [],
};

/**
 * The properties of a kommune's or fylke's entries that a `rankings` selection reads (every one
 * when a field needs the whole entry); the field's `edition` argument filters on `edition`.
 */
export function subjectRankingProperties(selections: readonly Selection[]): string[] | null {
  return selectedProperties(selections, RANKING_ENTRY_FIELDS, ['edition', 'rank', 'scope']);
}

export function mapIndicator(raw: RawNode): IndicatorRecord {
  const kind = (str(raw.kind) ?? 'VALUE') as IndicatorKind;
  return Object.assign(baseFields('Indicator', raw), {
    type: 'Indicator' as const,
    kind,
    unit: str(raw.unit) ?? (kind === 'RANK' ? 'rank' : ''),
    higherIsBetter: kind === 'RANK' ? false : raw.higherIsBetter !== false,
    description: str(raw.description) ?? '',
    publisher: str(raw.publisher) ?? '',
  });
}

/** Expects the entry's properties plus `indicatorKey` and `subjectId` from the query. */
export function mapRankingEntry(raw: RawNode): RankingEntryRecord {
  const base = baseFields('RankingEntry', raw);
  const edition = num(raw.edition) ?? 0;
  return Object.assign(base, {
    type: 'RankingEntry' as const,
    name: `${str(raw.indicatorKey) ?? ''} ${edition} #${num(raw.rank) ?? '?'}`,
    indicatorKey: str(raw.indicatorKey) ?? '',
    subjectId: str(raw.subjectId) ?? '',
    rank: num(raw.rank) ?? 0,
    edition,
    dataYear: num(raw.dataYear) ?? edition - 1,
    scope: (str(raw.scope) ?? 'NATIONAL') as RankingScope,
    scopeName: str(raw.scopeName) ?? 'Norge',
    scopeFylkeNr: str(raw.scopeFylkeNr),
    score: num(raw.score),
    publishedNr: str(raw.publishedNr),
    mappingNote: str(raw.mappingNote),
    derived: raw.derived === true,
    note: str(raw.note),
    placeInFylke: num(raw.placeInFylke),
  });
}

/**
 * A stored value, or null when it is not a finite number: older imports could store Infinity
 * or NaN, which a GraphQL Float cannot carry. Such a value is left out of the answer (an
 * unmeasured value, not zero) and logged, so one bad value never fails a kommune's reads.
 */
export function mapIndicatorValue(raw: Record<string, unknown>): IndicatorValueRecord | null {
  const value = num(raw.value);
  if (value === null) {
    logger.warn({ indicator: raw.indicatorKey, kommune: raw.kommuneId, year: raw.year, value: String(raw.value) },
      'a stored indicator value is not a finite number; left out of the answer (re-import it to correct it)');
    return null;
  }
  return {
    indicatorKey: String(raw.indicatorKey),
    kommuneId: String(raw.kommuneId),
    year: num(raw.year) ?? 0,
    value,
    sourceIds: strings(raw.sourceIds),
  };
}
