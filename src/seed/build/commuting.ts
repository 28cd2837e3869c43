import { DirectedGraph } from 'graphology';
import pagerankModule from 'graphology-metrics/centrality/pagerank.js';
import { COMMUTING_YEARS, type CommutingFlowRow, type CommutingTotal, type CommutingTotalRow, type NeighbourRow, type SeedLine } from '../files.js';
import { type GraphBuilder, GraphFactError } from '../../graph/index.js';

// CommonJS with `export default` typings: see src/analyze/networkMeasures.ts.
const pagerank = pagerankModule as unknown as (typeof pagerankModule)['default'];

/** A flow counts a kommune as a commuting partner from this many employed people (either direction). */
export const PARTNER_MIN_EMPLOYED = 50;
/** PageRank parameters of `ssb/commuting/pagerank`, stated in its notes. */
export const COMMUTING_PAGERANK = { alpha: 0.85, tolerance: 1e-10, maxIterations: 1000 } as const;

/** One kommune's totals of SSB 03321 for a year, ages 15–74. */
export interface CommutingTotals {
  residents: number;
  employedResidents: number;
  jobs: number;
}

/** What the flows and totals of one year say about one kommune; shares in per cent. */
export interface CommutingMeasures {
  /** Σ flows with home = k (everyone employed who lives in k and works in one of the kommuner). */
  employedByFlows: number;
  /** Σ flows with work = k. */
  jobsByFlows: number;
  workInOwnKommune: number;
  outShare: number | null;
  inShare: number | null;
  jobsPerEmployedResident: number | null;
  partnerKommuner: number;
  pageRank: number;
}

type Flow = Pick<CommutingFlowRow, 'homeNr' | 'workNr' | 'employed'>;

/**
 * The commuting measures of every kommune in `kommuneNrs` for one year's flows (home → work,
 * people working in their own kommune included) and totals. Kommuner without flows still get
 * measures (zero flows; PageRank of a node without edges). A share whose denominator is zero is null.
 */
export function computeCommutingMeasures(
  kommuneNrs: readonly string[], flows: readonly Flow[], totals: ReadonlyMap<string, CommutingTotals>,
): Map<string, CommutingMeasures> {
  const fromHome = new Map<string, number>();
  const toWork = new Map<string, number>();
  const own = new Map<string, number>();
  const partners = new Map<string, Set<string>>(kommuneNrs.map((nr) => [nr, new Set<string>()]));
  const graph = new DirectedGraph({ allowSelfLoops: false, multi: false });
  for (const nr of kommuneNrs) graph.addNode(nr);
  for (const { homeNr, workNr, employed } of flows) {
    fromHome.set(homeNr, (fromHome.get(homeNr) ?? 0) + employed);
    toWork.set(workNr, (toWork.get(workNr) ?? 0) + employed);
    if (homeNr === workNr) {
      own.set(homeNr, employed);
      continue;
    }
    if (employed >= PARTNER_MIN_EMPLOYED) {
      partners.get(homeNr)?.add(workNr);
      partners.get(workNr)?.add(homeNr);
    }
    if (employed > 0 && graph.hasNode(homeNr) && graph.hasNode(workNr)) graph.addEdge(homeNr, workNr, { weight: employed });
  }
  const ranks = pagerank(graph, { ...COMMUTING_PAGERANK, getEdgeWeight: 'weight' });
  const share = (part: number, whole: number): number | null => (whole > 0 ? (100 * part) / whole : null);

  return new Map(kommuneNrs.map((nr) => {
    const employedByFlows = fromHome.get(nr) ?? 0;
    const jobsByFlows = toWork.get(nr) ?? 0;
    const workInOwnKommune = own.get(nr) ?? 0;
    const total = totals.get(nr);
    return [nr, {
      employedByFlows,
      jobsByFlows,
      workInOwnKommune,
      outShare: share(employedByFlows - workInOwnKommune, employedByFlows),
      inShare: share(jobsByFlows - workInOwnKommune, jobsByFlows),
      jobsPerEmployedResident: total && total.employedResidents > 0 ? total.jobs / total.employedResidents : null,
      partnerKommuner: partners.get(nr)!.size,
      pageRank: ranks[nr]!,
    }];
  }));
}

const TOTAL_FIELDS: Record<CommutingTotal, keyof CommutingTotals> = {
  BefolkningBosted: 'residents',
  SysselBosted: 'employedResidents',
  SysselArbsted: 'jobs',
};

function where(at: SeedLine): string {
  return `seeds/${at.file}${at.line === null ? '' : `:${at.line}`}`;
}

function requireKommune(graph: GraphBuilder, nr: string, at: SeedLine, what: string): string {
  const id = `Kommune:${nr}`;
  if (!graph.hasNode(id)) throw new GraphFactError(`${where(at)}: ${what} ${nr} is not a kommune of kommuner_2020_2023.csv`);
  return id;
}

/** Each kommune's three totals of `year`; every kommune of the graph must have all three. */
function totalsOf(graph: GraphBuilder, rows: readonly CommutingTotalRow[], kommuneNrs: readonly string[], year: number): Map<string, CommutingTotals> {
  const partial = new Map<string, Partial<CommutingTotals>>();
  for (const row of rows) {
    if (row.year !== year) continue;
    requireKommune(graph, row.kommuneNr, row, 'Region');
    partial.set(row.kommuneNr, { ...partial.get(row.kommuneNr), [TOTAL_FIELDS[row.measure]]: row.value });
  }
  const file = rows.find((row) => row.year === year)?.file ?? `the totals of ${year}`;
  return new Map(kommuneNrs.map((nr) => {
    const found = partial.get(nr);
    const missing = Object.entries(TOTAL_FIELDS).filter(([, field]) => found?.[field] === undefined).map(([code]) => code);
    if (missing.length > 0) throw new GraphFactError(`seeds/${file}: kommune ${nr} has no ${missing.join(', ')} for ${year}`);
    return [nr, found as CommutingTotals];
  }));
}

function defined(value: number | null, nr: string, year: number, what: string): number {
  if (value === null) throw new GraphFactError(`${what} of kommune ${nr} in ${year} is undefined: its denominator is 0 in SSB 03321`);
  return value;
}

/**
 * SSB 03321 commuting: `(home)-[:COMMUTES_TO {year, employed}]->(work)` between different
 * kommuner, and per kommune and year the `ssb/commuting/*` values (see indicators.csv), the
 * derived ones with `derived: true` and a note giving the formula and its numbers.
 */
export function addCommuting(
  graph: GraphBuilder, commuting: { flows: readonly CommutingFlowRow[]; totals: readonly CommutingTotalRow[] }, kommuneNrs: readonly string[],
): void {
  for (const year of COMMUTING_YEARS) {
    const flowSource = graph.sources(`ssb-03321-commuting-${year}`);
    const totalSource = graph.sources(`ssb-03321-commuting-totals-${year}`);
    const flows = commuting.flows.filter((flow) => flow.year === year);
    for (const flow of flows) {
      const home = requireKommune(graph, flow.homeNr, flow, 'home_kommune');
      const work = requireKommune(graph, flow.workNr, flow, 'work_kommune');
      if (home !== work) graph.relationship('COMMUTES_TO', home, work, { year, employed: flow.employed }, flowSource);
    }
    const totals = totalsOf(graph, commuting.totals, kommuneNrs, year);
    const measures = computeCommutingMeasures(kommuneNrs, flows, totals);

    for (const nr of kommuneNrs) {
      const m = measures.get(nr)!;
      const t = totals.get(nr)!;
      const value = (indicator: string, amount: number, sources: string[], note: string | null = null, derived = false): void => {
        graph.relationship('HAS_VALUE', `Kommune:${nr}`, `Indicator:ssb/commuting/${indicator}`, {
          year, value: amount, note, ...(derived ? { derived: true } : {}),
        }, sources);
      };
      const gap = t.employedResidents - m.employedByFlows;
      value('residents', t.residents, totalSource);
      value('employed-residents', t.employedResidents, totalSource);
      value('jobs', t.jobs, totalSource);
      value('work-in-own-kommune', m.workInOwnKommune, flowSource,
        flows.some((flow) => flow.homeNr === nr && flow.workNr === nr) ? null : 'No row in the SSB 03321 file, which keeps only flows above 0: nobody lives and works here.');
      value('out-share', defined(m.outShare, nr, year, 'out-share'), [...flowSource, ...totalSource],
        `derived: (Σ flows home = ${nr}, work ≠ ${nr}) / (Σ flows home = ${nr}) × 100 = ${m.employedByFlows - m.workInOwnKommune} / ${m.employedByFlows} × 100, `
        + `SSB 03321 flows. SysselBosted is ${t.employedResidents}`
        + (gap === 0 ? ', the same.' : `: ${gap} employed ${gap === 1 ? 'resident has' : 'residents have'} no work kommune among the flows and are left out.`), true);
      value('in-share', defined(m.inShare, nr, year, 'in-share'), [...flowSource, ...totalSource],
        `derived: (Σ flows work = ${nr}, home ≠ ${nr}) / (Σ flows work = ${nr}) × 100 = ${m.jobsByFlows - m.workInOwnKommune} / ${m.jobsByFlows} × 100, `
        + `SSB 03321 flows. SysselArbsted is ${t.jobs}${m.jobsByFlows === t.jobs ? ', the same.' : `, not ${m.jobsByFlows}.`}`, true);
      value('jobs-per-employed-resident', defined(m.jobsPerEmployedResident, nr, year, 'jobs-per-employed-resident'), totalSource,
        `derived: SysselArbsted / SysselBosted = ${t.jobs} / ${t.employedResidents}, SSB 03321.`, true);
      value('partner-kommuner', m.partnerKommuner, flowSource,
        `derived: other kommuner with a flow of at least ${PARTNER_MIN_EMPLOYED} employed to or from ${nr} (either direction), SSB 03321 flows.`, true);
      value('pagerank', m.pageRank, flowSource,
        `derived: weighted PageRank of the ${year} flows between different kommuner (directed home → work, weight = employed, no self-loops), `
        + `damping ${COMMUTING_PAGERANK.alpha}, tolerance ${COMMUTING_PAGERANK.tolerance} per node, all ${kommuneNrs.length} kommuner as nodes; sums to 1 (graphology-metrics).`, true);
    }
  }
}

/** `(Kommune)-[:NEIGHBOUR_OF]->(Kommune)` once per pair, from the lower number to the higher; each side must list the other. */
export function addNeighbours(graph: GraphBuilder, neighbours: readonly NeighbourRow[]): void {
  const source = graph.sources('artsdatabanken-kommune-2020');
  const listed = new Map(neighbours.map((row) => [row.kommuneNr, new Set(row.neighbourNrs)]));
  for (const row of neighbours) {
    requireKommune(graph, row.kommuneNr, row, `${row.name}: autorkode`);
    for (const nr of row.neighbourNrs) {
      requireKommune(graph, nr, row, `a neighbour of ${row.kommuneNr} ${row.name}:`);
      if (nr === row.kommuneNr) throw new GraphFactError(`${where(row)}: ${nr} lists itself as a neighbour`);
      if (!listed.get(nr)?.has(row.kommuneNr)) {
        throw new GraphFactError(`${where(row)}: ${row.kommuneNr} lists ${nr} as a neighbour, but ${nr} does not list ${row.kommuneNr}`);
      }
      if (row.kommuneNr < nr) graph.relationship('NEIGHBOUR_OF', `Kommune:${row.kommuneNr}`, `Kommune:${nr}`, {}, source);
    }
  }
}
