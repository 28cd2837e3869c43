import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { SEEDS_DIR } from '../src/paths.js';
import { loadSeeds } from '../src/seed/loadSeeds.js';
import { testDatabase } from './support/database.js';

// The measures are recomputed here from the seed files with a small computation of the test's
// own (plain splitting and a power iteration), not with the loader's code, and compared with
// what the loaded graph stores.

const YEARS = [2020, 2021, 2022];
const KONGSBERG = '3006';
const BAERUM = '3024';
const OSLO = '0301';
const NAMED = [KONGSBERG, BAERUM, OSLO];
const INDICATORS = [
  'residents', 'employed-residents', 'jobs', 'work-in-own-kommune', 'out-share', 'in-share', 'jobs-per-employed-resident', 'partner-kommuner', 'pagerank',
].map((name) => `ssb/commuting/${name}`);

function rowsOf(file: string): string[][] {
  const [, ...lines] = readFileSync(path.join(SEEDS_DIR, 'cooperation', file), 'utf8').trim().split('\n');
  return lines.map((line) => line.trim().split(','));
}

interface Flow { home: string; work: string; employed: number }

const flows2022: Flow[] = rowsOf('ssb03321_commuting_2022.csv').map(([work, home, , employed]) => ({ home: home!, work: work!, employed: Number(employed) }));
const totals2022 = new Map<string, number>(rowsOf('ssb_pendling_kommune_totals_2022.csv').map(([region, , , code, , value]) => [`${region}/${code}`, Number(value)]));
const kommuner = readFileSync(path.join(SEEDS_DIR, 'kommuner_2020_2023.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.slice(0, 4));

const sum = (list: readonly Flow[]): number => list.reduce((total, flow) => total + flow.employed, 0);

/** PageRank by power iteration over home → work flows between different kommuner, weights = employed. */
function pageRanks(nodes: readonly string[], flows: readonly Flow[], damping = 0.85): Map<string, number> {
  const between = flows.filter((flow) => flow.home !== flow.work);
  const outWeight = new Map<string, number>();
  for (const flow of between) outWeight.set(flow.home, (outWeight.get(flow.home) ?? 0) + flow.employed);
  const n = nodes.length;
  let rank = new Map(nodes.map((id) => [id, 1 / n]));
  for (let step = 0; step < 10_000; step += 1) {
    const dangling = nodes.filter((id) => !outWeight.has(id)).reduce((total, id) => total + rank.get(id)!, 0);
    const next = new Map(nodes.map((id) => [id, (1 - damping) / n + (damping * dangling) / n]));
    for (const flow of between) next.set(flow.work, next.get(flow.work)! + (damping * rank.get(flow.home)! * flow.employed) / outWeight.get(flow.home)!);
    const change = nodes.reduce((total, id) => total + Math.abs(next.get(id)! - rank.get(id)!), 0);
    rank = next;
    if (change < 1e-14) break;
  }
  return rank;
}

function expectedMeasures(nr: string, ranks: Map<string, number>): Record<string, number> {
  const fromHome = flows2022.filter((flow) => flow.home === nr);
  const toWork = flows2022.filter((flow) => flow.work === nr);
  const own = sum(fromHome.filter((flow) => flow.work === nr));
  const partners = new Set(flows2022.filter((flow) => flow.home !== flow.work && flow.employed >= 50 && (flow.home === nr || flow.work === nr))
    .map((flow) => (flow.home === nr ? flow.work : flow.home)));
  return {
    'ssb/commuting/residents': totals2022.get(`${nr}/BefolkningBosted`)!,
    'ssb/commuting/employed-residents': totals2022.get(`${nr}/SysselBosted`)!,
    'ssb/commuting/jobs': totals2022.get(`${nr}/SysselArbsted`)!,
    'ssb/commuting/work-in-own-kommune': own,
    'ssb/commuting/out-share': (100 * (sum(fromHome) - own)) / sum(fromHome),
    'ssb/commuting/in-share': (100 * (sum(toWork) - own)) / sum(toWork),
    'ssb/commuting/jobs-per-employed-resident': totals2022.get(`${nr}/SysselArbsted`)! / totals2022.get(`${nr}/SysselBosted`)!,
    'ssb/commuting/partner-kommuner': partners.size,
    'ssb/commuting/pagerank': ranks.get(nr)!,
  };
}

let db: Database;

beforeAll(async () => {
  db = testDatabase();
  await loadSeeds(db);
});

afterAll(async () => {
  await db.close();
});

describe('commuting flows (SSB 03321)', () => {
  it('stores 29,502 people living in Bærum and working in Oslo in 2022, with the SSB source', async () => {
    const rows = await db.read<{ employed: number; title: string }>(
      `MATCH (:Kommune {nr: $home})-[r:COMMUTES_TO {year: 2022}]->(:Kommune {nr: $work})
       MATCH (s:Source) WHERE s.id IN r.sourceIds
       RETURN r.employed AS employed, s.title AS title`,
      { home: BAERUM, work: OSLO },
    );
    expect(rows).toEqual([{ employed: 29502, title: expect.stringContaining('SSB table 03321') }]);
  });

  it('stores every 2022 flow to and from Kongsberg, Bærum and Oslo as in the file, and none within a kommune', async () => {
    const expected = flows2022.filter((flow) => flow.home !== flow.work && (NAMED.includes(flow.home) || NAMED.includes(flow.work)))
      .map((flow) => `${flow.home}>${flow.work}=${flow.employed}`).sort();
    const stored = await db.read<{ flow: string }>(
      `MATCH (a:Kommune)-[r:COMMUTES_TO {year: 2022}]->(b:Kommune) WHERE a.nr IN $nrs OR b.nr IN $nrs
       RETURN a.nr + '>' + b.nr + '=' + toString(r.employed) AS flow`,
      { nrs: NAMED },
    );
    expect(stored.map((row) => row.flow).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(600);
    const [loops] = await db.read<{ count: number }>('MATCH (k:Kommune)-[r:COMMUTES_TO]->(k) RETURN count(r) AS count');
    expect(loops!.count).toBe(0);
  });

  it('holds one relationship per flow between different kommuner of all three years', async () => {
    const between = YEARS.reduce((total, year) => total + rowsOf(`ssb03321_commuting_${year}.csv`).filter(([work, home]) => work !== home).length, 0);
    const rows = await db.read<{ year: number; count: number }>('MATCH (:Kommune)-[r:COMMUTES_TO]->(:Kommune) RETURN r.year AS year, count(r) AS count ORDER BY year');
    expect(rows.map((row) => row.year)).toEqual(YEARS);
    expect(rows.reduce((total, row) => total + row.count, 0)).toBe(between);
  });
});

describe('commuting values', () => {
  it('recomputes every measure of Kongsberg, Bærum and Oslo for 2022 from the seed files', async () => {
    const ranks = pageRanks(kommuner, flows2022);
    const stored = await db.read<{ nr: string; key: string; value: number; derived: boolean | null; note: string | null }>(
      `MATCH (k:Kommune)-[v:HAS_VALUE {year: 2022}]->(i:Indicator) WHERE k.nr IN $nrs AND i.key IN $keys
       RETURN k.nr AS nr, i.key AS key, v.value AS value, v.derived AS derived, v.note AS note`,
      { nrs: NAMED, keys: INDICATORS },
    );
    expect(stored).toHaveLength(NAMED.length * INDICATORS.length);
    for (const nr of NAMED) {
      const expected = expectedMeasures(nr, ranks);
      for (const key of INDICATORS) {
        const value = stored.find((row) => row.nr === nr && row.key === key);
        expect(value?.value, `${nr} ${key}`).toBeCloseTo(expected[key]!, key.endsWith('pagerank') ? 6 : 9);
      }
    }
    const baerumOut = stored.find((row) => row.nr === BAERUM && row.key === 'ssb/commuting/out-share')!;
    expect(baerumOut).toMatchObject({ derived: true, note: expect.stringContaining('SysselBosted is 67596') });
    expect(stored.find((row) => row.nr === OSLO && row.key === 'ssb/commuting/jobs')!.derived).toBeNull();
  });

  it('gives every one of the 356 kommuner every commuting value for 2020, 2021 and 2022', async () => {
    const rows = await db.read<{ key: string; year: number; kommuner: number; values: number }>(
      `MATCH (k:Kommune)-[v:HAS_VALUE]->(i:Indicator) WHERE i.key IN $keys
       RETURN i.key AS key, v.year AS year, count(DISTINCT k) AS kommuner, count(v) AS values ORDER BY key, year`,
      { keys: INDICATORS },
    );
    expect(rows).toHaveLength(INDICATORS.length * YEARS.length);
    expect(rows.every((row) => row.kommuner === 356 && row.values === 356)).toBe(true);
    expect(kommuner).toHaveLength(356);
  });

  it('sums the commuting PageRank of each year to 1', async () => {
    const rows = await db.read<{ year: number; total: number }>(
      `MATCH (:Kommune)-[v:HAS_VALUE]->(:Indicator {key: 'ssb/commuting/pagerank'}) RETURN v.year AS year, sum(v.value) AS total ORDER BY year`,
    );
    expect(rows.map((row) => row.year)).toEqual(YEARS);
    for (const row of rows) expect(row.total).toBeCloseTo(1, 6);
  });
});

describe('neighbouring kommuner (Artsdatabanken)', () => {
  it('holds the 896 pairs once each, from the lower number to the higher', async () => {
    const [row] = await db.read<{ pairs: number; upward: number; distinct: number }>(
      `MATCH (a:Kommune)-[r:NEIGHBOUR_OF]->(b:Kommune)
       RETURN count(r) AS pairs, count(CASE WHEN a.nr < b.nr THEN 1 END) AS upward, count(DISTINCT [a.nr, b.nr]) AS distinct`,
    );
    expect(row).toEqual({ pairs: 896, upward: 896, distinct: 896 });
    const oslo = await db.read<{ nr: string }>('MATCH (:Kommune {nr: $nr})-[:NEIGHBOUR_OF]-(n:Kommune) RETURN n.nr AS nr ORDER BY nr', { nr: OSLO });
    expect(oslo.map((n) => n.nr)).toContain(BAERUM);
  });
});

describe('loading the seeds again', () => {
  const fingerprint = `
    MATCH (a:Kommune)-[r:COMMUTES_TO|NEIGHBOUR_OF]->(b:Kommune)
    WITH count(r) AS relationships, sum(coalesce(r.employed, 0)) AS employed, sum(size(r.sourceIds)) AS sources
    MATCH (:Kommune)-[v:HAS_VALUE]->(i:Indicator) WHERE i.key STARTS WITH 'ssb/commuting/'
    RETURN relationships, employed, sources, count(v) AS values, sum(toInteger(round(v.value * 1000000))) AS total, sum(size(v.sourceIds)) AS valueSources`;

  it('changes nothing', async () => {
    const [before] = await db.read(fingerprint);
    const summary = await loadSeeds(db);
    const [after] = await db.read(fingerprint);
    expect(after).toEqual(before);
    expect(summary.relationships).toMatchObject({ NEIGHBOUR_OF: 896, COMMUTES_TO: (before as { relationships: number }).relationships - 896 });
  });
});
