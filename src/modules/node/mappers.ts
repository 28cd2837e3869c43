import { mapCluster } from '../cluster/mappers.js';
import type { ConnectionRecord } from '../common/pagination.js';
import { type EntityTypeName, type RawNode, typeOfLabels } from '../common/records.js';
import { mapCompany } from '../company/mappers.js';
import { mapSource } from '../entity/mappers.js';
import { mapEvent } from '../event/mappers.js';
import { mapInitiative } from '../initiative/mappers.js';
import { mapCollaboration, mapCommutingRegion, mapFylke, mapKommune } from '../kommune/mappers.js';
import { mapIndicator, mapRankingEntry } from '../ranking/mappers.js';
import { mapOrganisation, mapProject } from '../research/mappers.js';
import { mapSchool } from '../school/mappers.js';

/**
 * The node registry: which domain's mapper turns a node of each type into its record. It sits
 * above the domains (it imports each of them) and below the modules that handle nodes of any
 * type (search, writes, graph views); the shared entity machinery below the domains receives
 * `mapNode` from the request context instead of importing it.
 */
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

/** The record of any node. */
export type AnyRecord = ReturnType<(typeof MAPPERS)[EntityTypeName]>;
/** Records of the types that implement the `Entity` interface (not sources, not ranking entries). */
export type EntityRecord = Exclude<AnyRecord, { type: 'Source' | 'RankingEntry' }>;

/** A page of entities of mixed types (`EntityConnection`), e.g. a cluster's members. */
export type EntityConnectionRecord = ConnectionRecord<EntityRecord>;

/** Maps any node returned as `n{.*, labels: labels(n)}` to the record of its type. */
export function mapNode(raw: RawNode): AnyRecord {
  const type = typeOfLabels(raw.labels ?? []) ?? (String(raw.id).split(':')[0] as EntityTypeName);
  const mapper = MAPPERS[type] as ((raw: RawNode) => AnyRecord) | undefined;
  if (!mapper) throw new Error(`No mapper for node ${String(raw.id)}`);
  return mapper(raw);
}
