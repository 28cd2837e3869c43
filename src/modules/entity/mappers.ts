import { mapCluster } from '../cluster/mappers.js';
import { mapCompany } from '../company/mappers.js';
import { mapEvent } from '../event/mappers.js';
import { mapInitiative } from '../initiative/mappers.js';
import { mapCollaboration, mapCommutingRegion, mapFylke, mapKommune } from '../kommune/mappers.js';
import { mapIndicator, mapRankingEntry } from '../ranking/mappers.js';
import { mapSchool } from '../school/mappers.js';
import { mapOrganisation, mapProject } from '../research/mappers.js';
import type { ConnectionRecord } from '../common/pagination.js';
import { ENTITY_TYPES, str, type EntityTypeName, type RawNode } from '../common/records.js';
import type { SourceRecord as StoredSource } from '../../graph/index.js';

/** A `Source` as the API reads it: the seeds' shape, tagged for the resolvers. */
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

const MAPPERS = {
  Fylke: mapFylke,
  Kommune: mapKommune,
  CommutingRegion: mapCommutingRegion,
  Collaboration: mapCollaboration,
  Company: mapCompany,
  Cluster: mapCluster,
  School: mapSchool,
  Event: mapEvent,
  Initiative: mapInitiative,
  Indicator: mapIndicator,
  RankingEntry: mapRankingEntry,
  Project: mapProject,
  Organisation: mapOrganisation,
  Source: mapSource,
} satisfies Record<EntityTypeName, (raw: RawNode) => unknown>;

export type AnyRecord = ReturnType<(typeof MAPPERS)[EntityTypeName]>;
/** Records of the types that implement the `Entity` interface (not sources, not ranking entries). */
export type EntityRecord = Exclude<AnyRecord, { type: 'Source' | 'RankingEntry' }>;

/** A page of entities of mixed types (`EntityConnection`), e.g. a cluster's members. */
export type EntityConnectionRecord = ConnectionRecord<EntityRecord>;

export function isEntityRecord(record: AnyRecord): record is EntityRecord {
  return record.type !== 'Source' && record.type !== 'RankingEntry';
}

/** The GraphQL type of a node, from its labels (every node has exactly one type label). */
export function typeOfLabels(labels: readonly string[]): EntityTypeName | null {
  return ENTITY_TYPES.find((type) => labels.includes(type)) ?? null;
}

/** Maps any node returned as `n{.*, labels: labels(n)}` to the record of its type. */
export function mapNode(raw: RawNode): AnyRecord {
  const type = typeOfLabels(raw.labels ?? []) ?? (String(raw.id).split(':')[0] as EntityTypeName);
  const mapper = MAPPERS[type] as ((raw: RawNode) => AnyRecord) | undefined;
  if (!mapper) throw new Error(`No mapper for node ${String(raw.id)}`);
  return mapper(raw);
}
