import { baseFields, num, str, type BaseRecord, type RawNode } from '../common/records.js';
import type { ClusterKind } from '../../generated/graphql.js';

export interface ClusterRecord extends BaseRecord {
  type: 'Cluster';
  kind: ClusterKind;
  programmeLevel: string | null;
  statusYear: number | null;
  hostPlace: string | null;
}

export function mapCluster(raw: RawNode): ClusterRecord {
  return Object.assign(baseFields('Cluster', raw), {
    type: 'Cluster' as const,
    kind: (str(raw.kind) ?? 'INDUSTRY_NETWORK') as ClusterKind,
    programmeLevel: str(raw.programmeLevel),
    statusYear: num(raw.statusYear),
    hostPlace: str(raw.hostPlace),
  });
}
