import { describe, expect, it } from 'vitest';
import { computeH2020Measures, type H2020Participation, measureNote } from './researchMeasures.js';

/**
 * A: company in 0001, B: institute in 0001, C: university in 0002, D: company in 0003, E: hospital
 * on Svalbard (no kommune). P1 (2015): A, C. P2 (2017): B, D, E. P3 (2017): A, B. P4 (no start): A, C.
 */
const P = (projectNr: string, participantId: string, kommuneNr: string | null, startYear: number | null, grantedEur: number, kind: H2020Participation['kind']): H2020Participation =>
  ({ projectNr, participantId, kommuneNr, startYear, grantedEur, kind });
const PARTICIPATIONS = [
  P('1', 'A', '0001', 2015, 100.005, 'COMPANY'), P('1', 'C', '0002', 2015, 50, 'RESEARCH'),
  P('2', 'B', '0001', 2017, 10, 'RESEARCH'), P('2', 'D', '0003', 2017, 20, 'COMPANY'), P('2', 'E', null, 2017, 30, 'OTHER'),
  P('3', 'A', '0001', 2017, 1, 'COMPANY'), P('3', 'B', '0001', 2017, 2, 'RESEARCH'),
  P('4', 'A', '0001', null, 1000, 'COMPANY'), P('4', 'C', '0002', null, 1000, 'RESEARCH'),
];
const YEARS = [2014, 2015, 2016, 2017];
const values = computeH2020Measures(PARTICIPATIONS, ['0001', '0002', '0003', '0004'], YEARS);

describe('computeH2020Measures', () => {
  it('counts cumulatively by contract start year, never a project without a start', () => {
    expect(values.participations.get('0001')).toEqual([0, 1, 1, 4]);
    expect(values.projects.get('0001')).toEqual([0, 1, 1, 3]);
    expect(values.grantedEur.get('0001')).toEqual([0, 100.01, 100.01, 113.01]);
  });

  it('counts partners in other kommuner only, and no partner without a kommune', () => {
    // 2017: C (0002, P1) and D (0003, P2); B shares P3 but sits in 0001; E has no kommune.
    expect(values.partnerOrganisations.get('0001')).toEqual([0, 1, 1, 2]);
    expect(values.partnerKommuner.get('0001')).toEqual([0, 1, 1, 2]);
    expect(values.partnerOrganisations.get('0003')).toEqual([0, 0, 0, 1]);
  });

  it('counts projects joining a company and a university, college or research institute', () => {
    // P1 (A + C), P2 (D + B), P3 (A + B): all three; P4 has no start.
    expect(values.businessResearchProjects.get('0001')).toEqual([0, 1, 1, 3]);
    expect(values.businessResearchProjects.get('0002')).toEqual([0, 1, 1, 1]);
    expect(values.businessResearchProjects.get('0003')).toEqual([0, 0, 0, 1]);
  });

  it('gives a measured zero to a kommune without organisations', () => {
    for (const measure of Object.values(values)) expect(measure.get('0004')).toEqual([0, 0, 0, 0]);
  });

  it('states the formula and the year cut in the note', () => {
    expect(measureNote('projects', 2019)).toMatch(/^derived: .*contract starts in or before 2019 \(cumulative\)$/);
  });
});
