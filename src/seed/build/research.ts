import type { H2020Row } from '../files.js';
import { type GraphBuilder, GraphFactError, type NodeLabel, type Properties, slugify } from '../../graph/index.js';
import type { KommuneNumbers } from '../kommuneNumbers.js';
import { computeH2020Measures, H2020_MEASURES, H2020_YEARS, type H2020Participation, measureNote } from './researchMeasures.js';

export type OrganisationKind = 'RESEARCH_INSTITUTE' | 'HOSPITAL' | 'PUBLIC_BODY' | 'OTHER';

/** The LOCATED_IN note of every H2020 organisation: the file gives one address per organisation number. */
export const H2020_PLACEMENT_NOTE = "placed at the organisation's address; a head office takes its branches' projects";

/** What an organisation outside business and higher education is, from its R&D sector (`FoU sektor`) and category. */
export function organisationKind(sector: H2020Row['sector'], category: string): OrganisationKind {
  if (sector === 'Instituttsektor') return 'RESEARCH_INSTITUTE';
  if (sector === 'Helseforetak') return 'HOSPITAL';
  if (sector === 'Norges forskningsråd') return 'PUBLIC_BODY';
  if (sector === 'Øvrige' && category === 'Øvrige offentlige') return 'PUBLIC_BODY';
  return 'OTHER';
}

/** A university or college's kind from its category in the UoH sector; every category names one. */
export function schoolKind(category: string): 'UNIVERSITY' | 'UNIVERSITY_COLLEGE' {
  if (category === 'Universiteter') return 'UNIVERSITY';
  if (['Vitenskapelige høyskoler', 'Statlige høyskoler', 'Andre høyskoler'].includes(category)) return 'UNIVERSITY_COLLEGE';
  throw new GraphFactError(`H2020: unknown UoH category "${category}"`);
}

interface Participant {
  id: string;
  label: NodeLabel;
  kommuneNr: string | null;
  measureKind: H2020Participation['kind'];
}

/**
 * Horizon 2020 projects and their Norwegian participants (Research Council of Norway). Companies
 * (`FoU sektor` Næringsliv) are `Company:<orgnr>` and merge with companies already seeded under
 * that number; universities and colleges are the `School` with the same `orgnr` or a new one;
 * everyone else is an `Organisation` with a `kind`. Each is placed at its address kommune; one
 * without a kommune of 2020–2023 (Svalbard, or no address) keeps its participations but no
 * LOCATED_IN, and the build notes it. Then the per-kommune indicators `rcn/h2020/*`.
 */
export function addResearch(graph: GraphBuilder, rows: readonly H2020Row[], numbers: KommuneNumbers, kommuneNrs: readonly string[]): void {
  const rcn = graph.sources('rcn-h2020-participations');
  const derived = [...rcn, ...graph.sources('rcn-h2020-derived')];
  const participants = new Map<string, Participant>();
  const notPlaced: string[] = [];
  const schoolsByOrgnr = graph.idsByProperty('School', 'orgnr');

  for (const row of rows) {
    const orgKey = row.orgnr ?? `unknown-${row.projectNr}-${row.participantNr}`;
    if (participants.has(orgKey)) continue;
    const participant = addParticipant(graph, row, orgKey, rcn, schoolsByOrgnr);
    const nr = row.kommuneNr?.padStart(4, '0') ?? null;
    if (nr !== null && numbers.kommune(nr)) {
      graph.relationship('LOCATED_IN', participant.id, `Kommune:${nr}`, { note: H2020_PLACEMENT_NOTE }, rcn);
      participants.set(orgKey, { ...participant, kommuneNr: nr });
    } else {
      notPlaced.push(`${participant.id} ${row.orgName} (${nr === null ? 'no address kommune' : `${nr} ${row.kommuneName ?? ''}`.trim()})`);
      participants.set(orgKey, participant);
    }
  }

  const participations = new Map<string, { rows: H2020Row[]; participant: Participant }>();
  for (const row of rows) {
    const participant = participants.get(row.orgnr ?? `unknown-${row.projectNr}-${row.participantNr}`)!;
    const key = `${participant.id}|${row.projectNr}`;
    const entry = participations.get(key) ?? { rows: [], participant };
    entry.rows.push(row);
    participations.set(key, entry);
  }

  const projectIds = new Set<string>();
  const measured: H2020Participation[] = [];
  for (const { rows: same, participant } of participations.values()) {
    const first = same[0]!;
    const projectId = addProject(graph, first, rcn);
    projectIds.add(projectId);
    const grantedEur = roundCents(same.reduce((sum, row) => sum + row.grantedEur, 0));
    graph.relationship('PARTICIPATES_IN_PROJECT', participant.id, projectId, {
      role: same.some((row) => row.role === 'COORDINATOR') ? 'COORDINATOR' : 'PARTICIPANT',
      grantedEur,
      participantNrs: same.map((row) => row.participantNr),
      note: same.length > 1 ? `listed ${same.length} times in the file (participant numbers ${same.map((row) => row.participantNr).join(', ')}); grants summed` : null,
    }, rcn);
    measured.push({
      projectNr: first.projectNr,
      participantId: participant.id,
      kommuneNr: participant.kommuneNr,
      startYear: first.startDate === null ? null : Number(first.startDate.slice(0, 4)),
      grantedEur,
      kind: participant.measureKind,
    });
  }

  const values = computeH2020Measures(measured, kommuneNrs, H2020_YEARS);
  for (const [measure, key] of Object.entries(H2020_MEASURES) as [keyof typeof H2020_MEASURES, string][]) {
    if (!graph.hasNode(`Indicator:${key}`)) throw new GraphFactError(`indicator ${key} is not in seeds/indicators.csv`);
    for (const nr of kommuneNrs) {
      H2020_YEARS.forEach((year, index) => {
        graph.relationship('HAS_VALUE', `Kommune:${nr}`, `Indicator:${key}`, {
          year, value: values[measure].get(nr)![index]!, derived: true, note: measureNote(measure, year),
        }, derived);
      });
    }
  }

  const undated = [...new Set(rows.filter((row) => row.startDate === null).map((row) => `${row.projectNr} ${row.acronym}`))];
  graph.note(`H2020: ${measured.length} participations of ${participants.size} organisations in ${projectIds.size} projects.`);
  const unplacedParticipations = measured.filter((p) => p.kommuneNr === null).length;
  graph.note(`H2020: ${notPlaced.length} organisations with ${unplacedParticipations} participations not placed in a kommune (the participations are kept, without LOCATED_IN, and count in no kommune): ${notPlaced.join('; ')}.`);
  if (undated.length > 0) graph.note(`H2020: projects without a contract start date count in no year of the rcn/h2020 indicators: ${undated.join(', ')}.`);
}

function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}

function addParticipant(
  graph: GraphBuilder, row: H2020Row, orgKey: string, sourceIds: string[], schoolsByOrgnr: ReadonlyMap<string, string[]>,
): Participant {
  const names = [row.orgName, ...(row.orgShortName ? [row.orgShortName] : [])];
  const aliases = names.filter((name) => name !== row.orgName);
  if (row.sector === 'Næringsliv') {
    if (row.orgnr === null) throw new GraphFactError(`${row.line}: a company without organisation number`);
    const id = `Company:${row.orgnr}`;
    // A company seeded from another file keeps its name; the Research Council's spelling becomes an alias.
    const props: Properties = graph.hasNode(id) ? { orgnr: row.orgnr, aliases: names } : { name: row.orgName, orgnr: row.orgnr, aliases };
    return { id: graph.node('Company', row.orgnr, props, sourceIds, { names }), label: 'Company', kommuneNr: null, measureKind: 'COMPANY' };
  }
  if (row.sector === 'UoH-sektor') {
    const matches = row.orgnr === null ? [] : (schoolsByOrgnr.get(row.orgnr) ?? []);
    if (matches.length > 1) throw new GraphFactError(`H2020: several schools have the organisation number ${row.orgnr}: ${matches.join(', ')}`);
    if (matches.length === 1) {
      const key = matches[0]!.slice('School:'.length);
      return { id: graph.node('School', key, { aliases: names }, sourceIds, { names }), label: 'School', kommuneNr: null, measureKind: 'RESEARCH' };
    }
    const key = slugify(row.orgName);
    if (graph.hasNode(`School:${key}`)) throw new GraphFactError(`H2020: School:${key} exists with another organisation number than ${row.orgnr}`);
    const id = graph.node('School', key, {
      name: row.orgName, orgnr: row.orgnr, kind: schoolKind(row.category), aliases,
      note: `From the Research Council's H2020 file (UoH-sektor, ${row.category}); not among the institutions of Difi Etatsbasen 2014.`,
    }, sourceIds, { names });
    return { id, label: 'School', kommuneNr: null, measureKind: 'RESEARCH' };
  }
  const kind = organisationKind(row.sector, row.category);
  const name = row.orgnr === null ? `Unknown organisation (project ${row.projectNr}, participant ${row.participantNr})` : row.orgName;
  const id = graph.node('Organisation', orgKey, {
    name,
    orgnr: row.orgnr,
    kind,
    sector: row.sector,
    category: row.category,
    aliases,
    note: row.orgnr === null ? 'The file names this participant "ukjent" (unknown) and gives no organisation number or address.' : null,
  }, sourceIds, { names: row.orgnr === null ? [name] : names });
  return { id, label: 'Organisation', kommuneNr: null, measureKind: kind === 'RESEARCH_INSTITUTE' ? 'RESEARCH' : 'OTHER' };
}

function addProject(graph: GraphBuilder, row: H2020Row, sourceIds: string[]): string {
  return graph.node('Project', row.projectNr, {
    number: row.projectNr,
    name: row.acronym,
    acronym: row.acronym,
    title: row.title,
    framework: 'H2020',
    programme: row.programme,
    programmeCode: row.programmeCode,
    topic: row.topic,
    topicCode: row.topicCode,
    actionType: row.actionType,
    contractStatus: row.contractStatus,
    startDate: row.startDate,
    endDate: row.endDate,
    note: row.startDate === null ? 'The file gives no contract start date, so the project counts in no year of the rcn/h2020 indicators.' : null,
  }, sourceIds, { names: [row.acronym, row.title, row.projectNr] });
}
