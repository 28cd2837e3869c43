import { edgeId } from '../../graph/ids.js';
import type { LinkType } from '../../generated/graphql.js';
import type { IndicatorRecord, RankingEntryRecord } from '../ranking/mappers.js';
import { str, strings } from '../common/records.js';

/** A relationship as `link` wrote it; the ends are loaded by id when asked for. */
export interface LinkRecord {
  id: string;
  type: LinkType;
  fromId: string;
  toId: string;
  note: string | null;
  date: string | null;
  inferred: boolean;
  sourceIds: string[];
}

interface ImportRankingsRecord {
  indicator: IndicatorRecord;
  edition: number;
  entries: RankingEntryRecord[];
  created: number;
  updated: number;
  unchanged: number;
  refused: { index: number; reason: string }[];
  written: boolean;
  dryRun: boolean;
}

/** Backs `ImportRankingsResult`, under the name codegen looks for. */
export type { ImportRankingsRecord as ImportRankingsResultRecord };

export interface AuditEntryRecord {
  id: string;
  at: string;
  who: string;
  operation: string;
  entityId: string;
  before: string | null;
  after: string | null;
}

export function mapLink(type: LinkType, fromId: string, toId: string, props: Record<string, unknown>): LinkRecord {
  return {
    id: edgeId(fromId, type, toId),
    type,
    fromId,
    toId,
    note: str(props.note),
    date: str(props.date),
    inferred: props.inferred === true,
    sourceIds: strings(props.sourceIds),
  };
}

export function mapAuditEntry(raw: Record<string, unknown>): AuditEntryRecord {
  return {
    id: String(raw.id),
    at: String(raw.at),
    who: String(raw.who),
    operation: String(raw.operation),
    entityId: String(raw.entityId),
    before: str(raw.before),
    after: str(raw.after),
  };
}
