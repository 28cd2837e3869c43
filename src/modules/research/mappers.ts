import { baseFields, num, str, type BaseRecord, type RawNode } from '../common/records.js';
import type { OrganisationKind, ProjectRole } from '../../generated/graphql.js';

export interface ProjectRecord extends BaseRecord {
  type: 'Project';
  number: string;
  acronym: string;
  title: string;
  framework: string;
  programme: string | null;
  programmeCode: string | null;
  topic: string | null;
  topicCode: string | null;
  actionType: string | null;
  contractStatus: string | null;
  startDate: string | null;
  endDate: string | null;
  note: string | null;
}

export interface OrganisationRecord extends BaseRecord {
  type: 'Organisation';
  orgnr: string | null;
  kind: OrganisationKind;
  sector: string | null;
  category: string | null;
  note: string | null;
}

/** One `PARTICIPATES_IN_PROJECT` relationship; its ends are loaded by id. */
export interface ProjectParticipationRecord {
  participantId: string;
  projectId: string;
  role: ProjectRole;
  grantedEur: number;
}

export function mapProject(raw: RawNode): ProjectRecord {
  const base = baseFields('Project', raw);
  return Object.assign(base, {
    type: 'Project' as const,
    number: str(raw.number) ?? base.key,
    acronym: str(raw.acronym) ?? base.name,
    title: str(raw.title) ?? base.name,
    framework: str(raw.framework) ?? 'H2020',
    programme: str(raw.programme),
    programmeCode: str(raw.programmeCode),
    topic: str(raw.topic),
    topicCode: str(raw.topicCode),
    actionType: str(raw.actionType),
    contractStatus: str(raw.contractStatus),
    startDate: str(raw.startDate),
    endDate: str(raw.endDate),
    note: str(raw.note),
  });
}

export function mapOrganisation(raw: RawNode): OrganisationRecord {
  return Object.assign(baseFields('Organisation', raw), {
    type: 'Organisation' as const,
    orgnr: str(raw.orgnr),
    kind: (str(raw.kind) ?? 'OTHER') as OrganisationKind,
    sector: str(raw.sector),
    category: str(raw.category),
    note: str(raw.note),
  });
}

export function mapParticipation(raw: Record<string, unknown>): ProjectParticipationRecord {
  return {
    participantId: String(raw.participantId),
    projectId: String(raw.projectId),
    role: str(raw.role) === 'COORDINATOR' ? 'COORDINATOR' : 'PARTICIPANT',
    grantedEur: num(raw.grantedEur) ?? 0,
  };
}
