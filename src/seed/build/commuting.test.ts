import { describe, expect, it } from 'vitest';
import { GraphBuilder, type KeyedSource } from '../../graph/index.js';
import { COMMUTING_YEARS, type CommutingFlowRow, type CommutingTotalRow, type NeighbourRow } from '../files.js';
import { addCommuting, addNeighbours, computeCommutingMeasures, type CommutingTotals } from './commuting.js';

// Three kommuner, home → work:  A→A 10, A→B 60, A→C 5, B→B 100, B→A 40, C→C 20, C→B 30.
const flows = [
  { homeNr: 'A', workNr: 'A', employed: 10 }, { homeNr: 'A', workNr: 'B', employed: 60 }, { homeNr: 'A', workNr: 'C', employed: 5 },
  { homeNr: 'B', workNr: 'B', employed: 100 }, { homeNr: 'B', workNr: 'A', employed: 40 },
  { homeNr: 'C', workNr: 'C', employed: 20 }, { homeNr: 'C', workNr: 'B', employed: 30 },
];
// A's SysselBosted (80) is 5 more than its flows (75), as when residents work outside the kommuner.
const totals = new Map<string, CommutingTotals>([
  ['A', { residents: 200, employedResidents: 80, jobs: 50 }],
  ['B', { residents: 300, employedResidents: 140, jobs: 190 }],
  ['C', { residents: 90, employedResidents: 50, jobs: 25 }],
]);

describe('computeCommutingMeasures', () => {
  const measures = computeCommutingMeasures(['A', 'B', 'C'], flows, totals);
  const a = measures.get('A')!;
  const b = measures.get('B')!;
  const c = measures.get('C')!;

  it('takes the out-share over the flows from home and the in-share over the flows to work', () => {
    expect(a).toMatchObject({ employedByFlows: 75, jobsByFlows: 50, workInOwnKommune: 10 });
    expect(a.outShare).toBeCloseTo((100 * 65) / 75, 12);
    expect(a.inShare).toBeCloseTo((100 * 40) / 50, 12);
    expect(b.outShare).toBeCloseTo((100 * 40) / 140, 12);
    expect(b.inShare).toBeCloseTo((100 * 90) / 190, 12);
    expect(c.outShare).toBeCloseTo(60, 12);
    expect(c.inShare).toBeCloseTo(20, 12);
  });

  it('divides jobs by employed residents as published, not by the flows', () => {
    expect(a.jobsPerEmployedResident).toBeCloseTo(50 / 80, 12);
    expect(b.jobsPerEmployedResident).toBeCloseTo(190 / 140, 12);
  });

  it('counts a partner when one flow either way reaches 50, not when the two directions only add up to it', () => {
    // A→B is 60; B→A 40 alone would not count; C–B is 30 and A–C 5.
    expect([a.partnerKommuner, b.partnerKommuner, c.partnerKommuner]).toEqual([1, 1, 0]);
  });

  it('gives the weighted PageRank of the flows between different kommuner', () => {
    // The solution of p = 0.15/3 + 0.85·M·p with M from the weights (A→B 60/65, A→C 5/65, B→A 1, C→B 1).
    expect(a.pageRank).toBeCloseTo(0.44999495, 7);
    expect(b.pageRank).toBeCloseTo(0.4705823, 7);
    expect(c.pageRank).toBeCloseTo(0.07942275, 7);
    expect(a.pageRank + b.pageRank + c.pageRank).toBeCloseTo(1, 9);
  });

  it('leaves people working in their own kommune out of PageRank and the partners', () => {
    const more = computeCommutingMeasures(['A', 'B', 'C'], flows.map((f) => (f.homeNr === 'C' && f.workNr === 'C' ? { ...f, employed: 5000 } : f)), totals);
    expect(more.get('C')!.pageRank).toBeCloseTo(c.pageRank, 12);
    expect(more.get('C')!.partnerKommuner).toBe(0);
    expect(more.get('C')!.outShare).toBeCloseTo((100 * 30) / 5030, 12);
  });

  it('gives a kommune without flows no shares rather than zero', () => {
    const withD = computeCommutingMeasures(['A', 'B', 'C', 'D'], flows, totals);
    expect(withD.get('D')).toMatchObject({ employedByFlows: 0, workInOwnKommune: 0, outShare: null, inShare: null, jobsPerEmployedResident: null, partnerKommuner: 0 });
  });
});

const COMMUTING_SOURCES = COMMUTING_YEARS.flatMap((year) => [`ssb-03321-commuting-${year}`, `ssb-03321-commuting-totals-${year}`]);
const INDICATORS = ['residents', 'employed-residents', 'jobs', 'work-in-own-kommune', 'out-share', 'in-share', 'jobs-per-employed-resident', 'partner-kommuner', 'pagerank'];

/** Kommuner `nrs` and, for commuting, the indicators, in a builder that knows the sources it will be asked for. */
function graphWith(nrs: readonly string[], of: 'commuting' | 'neighbours' = 'neighbours'): GraphBuilder {
  const keys = ['kommuner', ...(of === 'commuting' ? COMMUTING_SOURCES : ['artsdatabanken-kommune-2020'])];
  const graph = new GraphBuilder(keys.map((key): KeyedSource => ({ key, title: key, url: null, publisher: 'test', note: null, licence: null })));
  for (const nr of nrs) graph.node('Kommune', nr, { nr }, graph.sources('kommuner'));
  if (of === 'commuting') for (const key of INDICATORS) graph.node('Indicator', `ssb/commuting/${key}`, { key }, graph.sources('kommuner'));
  return graph;
}

function totalRows(nrs: readonly string[]): CommutingTotalRow[] {
  return COMMUTING_YEARS.flatMap((year) => nrs.flatMap((nr) => (['BefolkningBosted', 'SysselBosted', 'SysselArbsted'] as const).map((measure) => ({
    file: `totals_${year}.csv`, line: 2, kommuneNr: nr, measure, year, value: 10,
  }))));
}

describe('addCommuting', () => {
  const flow = (homeNr: string, workNr: string, employed: number, line = 2, year = 2020): CommutingFlowRow => ({
    file: `cooperation/flows_${year}.csv`, line, homeNr, workNr, year, employed,
  });

  it('links different kommuner only, and gives every kommune every value each year', () => {
    const graph = graphWith(['0001', '0002'], 'commuting');
    // Nobody both lives and works in 0002.
    const flows = COMMUTING_YEARS.flatMap((year) => [flow('0001', '0001', 7, 2, year), flow('0001', '0002', 3, 3, year), flow('0002', '0001', 4, 4, year)]);
    addCommuting(graph, { flows, totals: totalRows(['0001', '0002']) }, ['0001', '0002']);
    const built = graph.build();
    expect(built.relationships.COMMUTES_TO.filter((r) => r.props.year === 2020).map((r) => ({ ...r, sourceIds: [] }))).toEqual([
      { from: 'Kommune:0001', to: 'Kommune:0002', props: { year: 2020, employed: 3 }, sourceIds: [] },
      { from: 'Kommune:0002', to: 'Kommune:0001', props: { year: 2020, employed: 4 }, sourceIds: [] },
    ]);
    expect(built.relationships.COMMUTES_TO).toHaveLength(2 * COMMUTING_YEARS.length);
    expect(built.relationships.HAS_VALUE).toHaveLength(2 * INDICATORS.length * COMMUTING_YEARS.length);
    const own = built.relationships.HAS_VALUE.filter((r) => r.to === 'Indicator:ssb/commuting/work-in-own-kommune' && r.props.year === 2020);
    expect(own.map((r) => [r.from, r.props.value, r.props.note === null])).toEqual([['Kommune:0001', 7, true], ['Kommune:0002', 0, false]]);
    expect(built.relationships.HAS_VALUE.find((r) => r.to === 'Indicator:ssb/commuting/residents')!.props.derived).toBeUndefined();
    const out = built.relationships.HAS_VALUE.find((r) => r.from === 'Kommune:0001' && r.to === 'Indicator:ssb/commuting/out-share' && r.props.year === 2020)!;
    expect(out.props).toMatchObject({ value: 30, derived: true, note: expect.stringContaining('= 3 / 10 × 100') });
  });

  it('names an unknown kommune with its file and line', () => {
    const unknown = graphWith(['0001', '0002'], 'commuting');
    expect(() => addCommuting(unknown, { flows: [flow('0001', '0002', 3), flow('0001', '4444', 9, 17)], totals: totalRows(['0001', '0002']) }, ['0001', '0002']))
      .toThrow('seeds/cooperation/flows_2020.csv:17: work_kommune 4444 is not a kommune of kommuner_2020_2023.csv');
  });

  it('refuses a year without totals for a kommune', () => {
    const graph = graphWith(['0001', '0002'], 'commuting');
    expect(() => addCommuting(graph, { flows: [], totals: totalRows(['0001']) }, ['0001', '0002'])).toThrow(/kommune 0002 has no BefolkningBosted, SysselBosted, SysselArbsted for 2020/);
  });
});

describe('addNeighbours', () => {
  const row = (kommuneNr: string, neighbourNrs: string[]): NeighbourRow => ({ file: 'cooperation/n.json', line: null, kommuneNr, name: kommuneNr, neighbourNrs });

  it('stores each pair once, from the lower number to the higher', () => {
    const graph = graphWith(['0001', '0002', '0003']);
    addNeighbours(graph, [row('0002', ['0001', '0003']), row('0001', ['0002']), row('0003', ['0002'])]);
    const built = graph.build();
    expect(built.relationships.NEIGHBOUR_OF.map((r) => `${r.from}>${r.to}`).sort()).toEqual(['Kommune:0001>Kommune:0002', 'Kommune:0002>Kommune:0003']);
  });

  it('refuses a neighbour that does not list the kommune back, or that is no kommune', () => {
    expect(() => addNeighbours(graphWith(['0001', '0002']), [row('0001', ['0002']), row('0002', [])])).toThrow('0001 lists 0002 as a neighbour, but 0002 does not list 0001');
    expect(() => addNeighbours(graphWith(['0001']), [row('0001', ['0009'])])).toThrow(/0009 is not a kommune/);
  });
});
