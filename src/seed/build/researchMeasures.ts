/**
 * The per-kommune Horizon 2020 measures, counted from participations alone so that they can be
 * checked on a hand-made set. Every measure is cumulative by contract start year: the value for
 * year Y counts the projects whose contract starts in or before Y.
 */

/** Contract start years of the programme's projects in the Research Council's file. */
export const H2020_YEARS: readonly number[] = [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022];

/** Indicator keys of the measures (seeds/indicators.csv). */
export const H2020_MEASURES = {
  participations: 'rcn/h2020/participations',
  projects: 'rcn/h2020/projects',
  grantedEur: 'rcn/h2020/granted-eur',
  partnerOrganisations: 'rcn/h2020/partner-organisations',
  partnerKommuner: 'rcn/h2020/partner-kommuner',
  businessResearchProjects: 'rcn/h2020/business-research-projects',
} as const;

export type H2020Measure = keyof typeof H2020_MEASURES;

/** One organisation's part in one project. */
export interface H2020Participation {
  projectNr: string;
  participantId: string;
  /** Null for an organisation in no kommune (Svalbard, no address): it counts for no kommune, and as no partner. */
  kommuneNr: string | null;
  /** Null when the file gives no contract start: counted in no year. */
  startYear: number | null;
  grantedEur: number;
  /** COMPANY: business sector; RESEARCH: a university, college or research institute. */
  kind: 'COMPANY' | 'RESEARCH' | 'OTHER';
}

const FORMULAS: Record<H2020Measure, string> = {
  participations: 'count of (organisation, project) pairs with an organisation located in the kommune',
  projects: 'count of distinct projects with an organisation located in the kommune',
  grantedEur: 'sum of the EUR granted to the organisations located in the kommune',
  partnerOrganisations: 'count of distinct organisations located in another kommune that share a project with an organisation located in the kommune',
  partnerKommuner: 'count of distinct other kommuner with an organisation sharing a project with an organisation located in the kommune',
  businessResearchProjects: 'count of distinct projects with an organisation located in the kommune and at least one Company and at least one School or RESEARCH_INSTITUTE Organisation (anywhere in Norway)',
};

/** The note of a derived value: its formula and the year cut. */
export function measureNote(measure: H2020Measure, year: number): string {
  return `derived: ${FORMULAS[measure]}, over the H2020 projects whose contract starts in or before ${year} (cumulative)`;
}

/** Values per measure, kommune and year (in the order of `years`); every kommune of `kommuneNrs` gets a value for every year. */
export function computeH2020Measures(
  participations: readonly H2020Participation[], kommuneNrs: readonly string[], years: readonly number[],
): Record<H2020Measure, Map<string, number[]>> {
  const byProject = new Map<string, H2020Participation[]>();
  for (const p of participations) byProject.set(p.projectNr, [...(byProject.get(p.projectNr) ?? []), p]);
  const businessResearch = new Set([...byProject].filter(([, members]) => members.some((m) => m.kind === 'COMPANY') && members.some((m) => m.kind === 'RESEARCH')).map(([nr]) => nr));
  const byKommune = new Map<string, H2020Participation[]>();
  for (const p of participations) if (p.kommuneNr !== null) byKommune.set(p.kommuneNr, [...(byKommune.get(p.kommuneNr) ?? []), p]);

  const result = Object.fromEntries(Object.keys(H2020_MEASURES).map((measure) => [measure, new Map<string, number[]>()])) as Record<H2020Measure, Map<string, number[]>>;
  for (const nr of kommuneNrs) {
    const own = byKommune.get(nr) ?? [];
    for (const measure of Object.keys(result) as H2020Measure[]) result[measure].set(nr, []);
    for (const year of years) {
      const counted = own.filter((p) => p.startYear !== null && p.startYear <= year);
      const projects = new Set(counted.map((p) => p.projectNr));
      const partners = new Set<string>();
      const partnerKommuner = new Set<string>();
      for (const projectNr of projects) {
        for (const other of byProject.get(projectNr)!) {
          if (other.kommuneNr === null || other.kommuneNr === nr) continue;
          partners.add(other.participantId);
          partnerKommuner.add(other.kommuneNr);
        }
      }
      const granted = Math.round(counted.reduce((sum, p) => sum + p.grantedEur, 0) * 100) / 100;
      result.participations.get(nr)!.push(counted.length);
      result.projects.get(nr)!.push(projects.size);
      result.grantedEur.get(nr)!.push(granted);
      result.partnerOrganisations.get(nr)!.push(partners.size);
      result.partnerKommuner.get(nr)!.push(partnerKommuner.size);
      result.businessResearchProjects.get(nr)!.push([...projects].filter((projectNr) => businessResearch.has(projectNr)).length);
    }
  }
  return result;
}
