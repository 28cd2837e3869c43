import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { describeRefusal, importFile, type ImportSummary } from '../src/import/index.js';
import { deleteUncitedSources, fixture } from './importSupport.js';
import { useTestApi } from './support/api.js';

/**
 * Kommune-NM tables and SSB JSON-stat against the seeded test graph. The Kommune-NM fixtures
 * use editions 2091–2094, which no seed or other test has, and the SSB import goes to an
 * indicator key of this run; only those are removed afterwards, with the sources they cited.
 */
const context = useTestApi();
const EDITIONS = [2091, 2092, 2093, 2094];
const INDICATOR = `zz-import-${randomUUID().slice(0, 8)}/higher-education-share`;
const cited = new Set<string>();

afterAll(async () => {
  const { db } = context;
  await db.write('MATCH (e:RankingEntry) WHERE e.edition IN $editions DETACH DELETE e', { editions: EDITIONS });
  await db.write('MATCH (i:Indicator {key: $key}) DETACH DELETE i', { key: INDICATOR });
  await deleteUncitedSources(db, [...cited]);
});

async function run(options: Parameters<typeof importFile>[1]): Promise<ImportSummary> {
  const summary = await importFile(context.db, { analyze: false, ...options });
  for (const id of summary.sourceIds) cited.add(id);
  return summary;
}

const counts = (summary: ImportSummary) => ({
  rows: summary.rows, created: summary.created, updated: summary.updated, unchanged: summary.unchanged, refused: summary.refusedCount,
});

const JSON_STAT = {
  indicator: INDICATOR, indicatorName: 'Residents 16+ with higher education (test)', higherIsBetter: true,
  filters: { Nivaa: ['03a', '04a'] }, sumOver: ['Nivaa'],
};

describe('kommune-nm', () => {
  it('loads a table as ranking entries that `ranking` returns at once, numbers of every era mapped', async () => {
    const summary = await run({ format: 'kommune-nm', file: fixture('kommune-nm/table-2091.csv') });
    expect(counts(summary)).toEqual({ rows: 10, created: 10, updated: 0, unchanged: 0, refused: 0 });

    const result = await context.api.query(`{
      ranking(indicator: "kommune-nm/total", edition: 2091, first: 10) { edges { node { kommune { nr } rank dataYear publishedNr mappingNote sources { title } } } }
    }`);
    expect(result.errors).toBeUndefined();
    const entries = result.data.ranking.edges.map((edge: any) => edge.node);
    expect(entries.map((e: any) => [e.kommune.nr, e.rank])).toEqual([['1124', 1], ['0301', 2], ['3024', 3], ['1103', 4], ['3006', 8]]);
    const kongsberg = entries.find((e: any) => e.kommune.nr === '3006');
    expect(kongsberg).toMatchObject({ dataYear: 2090, publishedNr: '0604', mappingNote: expect.stringContaining('pre-2020 number 0604') });
    expect(kongsberg.sources).toEqual([{ title: 'Kommune-NM (NHO), table-2091.csv' }]);
  });

  it('keeps the claims shape of the seeds: ranks within a fylke, fylker among fylker, a row\'s own source page', async () => {
    const rows = await context.db.read<{ id: string; scopeName: string; sources: string[] }>(
      `MATCH (e:RankingEntry {edition: 2091})
       WHERE e.scope = 'FYLKE' OR EXISTS { (e)-[:RANKS]->(:Fylke) } OR EXISTS { (e)-[:FOR_INDICATOR]->(:Indicator {key: 'kommune-nm/naeringsliv'}) }
       RETURN e.id AS id, e.scopeName AS scopeName, COLLECT { MATCH (s:Source) WHERE s.id IN e.sourceIds RETURN s.url } AS sources
       ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: 'RankingEntry:kommune-nm/naeringsliv/2091/3025/NATIONAL/1', scopeName: 'Norge', sources: ['https://example.org/kommune-nm-2091/naeringsliv'] },
      { id: 'RankingEntry:kommune-nm/total/2091/30/NATIONAL/1', scopeName: 'Norge', sources: [null] },
      { id: 'RankingEntry:kommune-nm/total/2091/3006/FYLKE/2', scopeName: 'Viken', sources: [null] },
    ]);
  });

  it('changes nothing when the same file is loaded again', async () => {
    const before = await context.db.read('MATCH (e:RankingEntry {edition: 2091}) RETURN e.id AS id, properties(e) AS props ORDER BY id');
    const summary = await run({ format: 'kommune-nm', file: fixture('kommune-nm/table-2091.csv') });
    expect(counts(summary)).toEqual({ rows: 10, created: 0, updated: 0, unchanged: 10, refused: 0 });
    expect(await context.db.read('MATCH (e:RankingEntry {edition: 2091}) RETURN e.id AS id, properties(e) AS props ORDER BY id')).toEqual(before);
  });

  it('with strict writes nothing when a row is refused, and a dry run writes nothing at all', async () => {
    const strict = await run({ format: 'kommune-nm', file: fixture('kommune-nm/broken-2092.csv'), strict: true });
    expect([strict.written, strict.refusedCount, strict.created]).toEqual([false, 11, 0]);
    const dry = await run({ format: 'kommune-nm', file: fixture('kommune-nm/bom-semicolon-2093.csv'), dryRun: true });
    expect(counts(dry)).toEqual({ rows: 4, created: 4, updated: 0, unchanged: 0, refused: 0 });
    expect(await context.db.read('MATCH (e:RankingEntry) WHERE e.edition IN [2092, 2093] RETURN e.id')).toEqual([]);
  });

  it('reports each refused row with its line and reason, and lands the good rows', async () => {
    const summary = await run({ format: 'kommune-nm', file: fixture('kommune-nm/broken-2092.csv') });
    expect(summary.refused.map(describeRefusal)).toEqual([
      "line 3: kommunenummer 9999 is not a kommune number of 2020–2023, 2024 or SSB's change list 2011–2020",
      'line 4: name "Bergen" does not match kommunenummer 3006 (Kongsberg)',
      'line 5: rank "tre" is not a whole number from 1 to 1000',
      'line 6: duplicate of line 2 (kommune-nm/total, edition 2092, Kommune:1124, NATIONAL)',
      'line 7: 1 field where the header has 10; it looks separated by ";", the header by ","',
      'line 8: index "Attraktivitet" is not a Kommune-NM area (Total, Næringsliv, Arbeidsmarked, Demografi, Kompetanse, Kommuneøkonomi)',
      'line 9: kommunenummer 1850 maps to several kommuner of 2020–2023 (1806 Narvik, 1875 Hamarøy); not guessed',
      'line 10: 2024 number 1580 (Haram) is one of the kommuner 1507 Ålesund was split into on 2024-01-01 (1508, 1580); a figure for the part is not one for 1507 Ålesund',
      'line 13: rank_scope "Buskerud" is neither Norge, Norge (fylker) nor a fylke of 2020–2023',
      'line 14: data_year 2090 does not fit edition 2092: an edition ranks the statistics of the year before (2091)',
      'line 15: source_url must be an http or https URL of at most 2000 characters',
    ]);
    expect(counts(summary)).toEqual({ rows: 13, created: 2, updated: 0, unchanged: 0, refused: 11 });
    const landed = await context.db.read<{ nr: string }>('MATCH (e:RankingEntry {edition: 2092})-[:RANKS]->(k) RETURN k.nr AS nr ORDER BY nr');
    expect(landed.map((row) => row.nr)).toEqual(['1124', '3024']);
  });

  it('detects a UTF-8 BOM, a Windows-1252 file and semicolons', async () => {
    const bom = await run({ format: 'kommune-nm', file: fixture('kommune-nm/bom-semicolon-2093.csv') });
    const latin = await run({ format: 'kommune-nm', file: fixture('kommune-nm/windows-1252-semicolon-2094.csv') });
    expect([bom.encoding, bom.delimiter, counts(bom).created]).toEqual(['utf-8', '";"', 4]);
    expect([latin.encoding, latin.delimiter, counts(latin).created]).toEqual(['windows-1252', '";"', 4]);
    const notes = await context.db.read<{ note: string }>(
      "MATCH (e:RankingEntry {edition: 2094})-[:RANKS]->(:Kommune {nr: '5430'}) RETURN e.note AS note",
    );
    expect(notes).toEqual([{ note: 'siste plass' }]);
  });

  it('refuses a file without a required column, or split by the wrong delimiter, before writing anything', async () => {
    await expect(run({ format: 'kommune-nm', file: fixture('kommune-nm/missing-rank-column.csv') })).rejects.toThrow('line 1: missing column rank');
    await expect(run({ format: 'kommune-nm', file: fixture('kommune-nm/bom-semicolon-2093.csv'), delimiter: ',' })).rejects.toThrow(
      'line 1: missing columns edition_year, data_year, scope, entity, kommunenummer_2020_2023, index, rank, rank_scope; '
      + 'the header looks separated by ";", not "," (pass --delimiter)',
    );
  });
});

describe('ssb-jsonstat', () => {
  it('creates the VALUE indicator and one value per kommune and year, citing the table', async () => {
    const summary = await run({ format: 'ssb-jsonstat', file: fixture('ssb/education-09429.json'), jsonStat: JSON_STAT });
    expect(counts(summary)).toEqual({ rows: 26, created: 16, updated: 0, unchanged: 0, refused: 4 });
    expect(summary.skipped).toEqual({ 'regions that are not kommuner (the country, fylker, Svalbard, unknown)': 4, 'cells without a value (SSB writes .. or :)': 2 });
    expect(summary.refused.map(describeRefusal)).toEqual([
      "line 48: region K-3999 (Ukjent kommune), 2021: kommunenummer 3999 is not a kommune number of 2020–2023, 2024 or SSB's change list 2011–2020",
      "line 48: region K-3999 (Ukjent kommune), 2022: kommunenummer 3999 is not a kommune number of 2020–2023, 2024 or SSB's change list 2011–2020",
      'line 49: region K-3025 (Bærum), 2021: name "Bærum" does not match kommunenummer 3025 (Asker)',
      'line 49: region K-3025 (Bærum), 2022: name "Bærum" does not match kommunenummer 3025 (Asker)',
    ]);

    const result = await context.api.query(`query($key: String!) {
      indicators { key name kind unit higherIsBetter years sources { title url publisher note } }
      kommune(nr: "3006") { values(indicator: $key) { year value } }
    }`, { key: INDICATOR });
    expect(result.errors).toBeUndefined();
    const indicator = result.data.indicators.find((i: any) => i.key === INDICATOR);
    expect(indicator).toEqual({
      key: INDICATOR, name: 'Residents 16+ with higher education (test)', kind: 'VALUE', unit: 'prosent', higherIsBetter: true, years: [2021, 2022],
      sources: [{
        title: 'Statistisk sentralbyrå table 09429: Utdanningsnivå, etter region, nivå, statistikkvariabel og år',
        url: 'https://www.ssb.no/statbank/table/09429',
        publisher: 'Statistisk sentralbyrå',
        note: 'updated 2023-06-19T06:00:00Z; nivå: 03a Universitets- og høgskolenivå, kort + 04a Universitets- og høgskolenivå, lang; statistikkvariabel: PersonerProsent Personer (prosent)',
      }],
    });
    expect(result.data.kommune.values).toEqual([{ year: 2021, value: 37.9 }, { year: 2022, value: 38.5 }]);
  });

  it('refuses pre-2020 regions that merged into one kommune, since a share cannot be added up', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'import-jsonstat-'));
    try {
      const regions = { 'K-0711': 'Svelvik (-2019)', 'K-0715': 'Holmestrand (2018-2019)', 'K-0713': 'Sande (Vestf.) (-2019)' };
      const file = path.join(dir, 'merged.json');
      await writeFile(file, JSON.stringify({
        version: '2.0', class: 'dataset', label: 'Test: shares by region', source: 'Statistisk sentralbyrå', updated: '2019-06-01T08:00:00Z',
        id: ['Region', 'Tid'], size: [3, 1], role: { geo: ['Region'], time: ['Tid'] },
        dimension: {
          Region: { category: { index: Object.keys(regions), label: regions } },
          Tid: { category: { index: ['2018'] } },
        },
        value: [30.1, 31.2, 29.8],
      }, null, 1));
      const summary = await run({ format: 'ssb-jsonstat', file, jsonStat: { indicator: INDICATOR, filters: {}, sumOver: [] } });
      expect(summary.refused.map((r) => r.reason)).toEqual([
        'region K-0715 (Holmestrand (2018-2019)), 2018: 3802 Holmestrand also gets a value from K-0713 in this table; add them up or filter them before importing',
        'region K-0713 (Sande (Vestf.) (-2019)), 2018: 3802 Holmestrand also gets a value from K-0715 in this table; add them up or filter them before importing',
      ]);
      const [svelvik] = await context.db.read<{ value: number; note: string }>(
        "MATCH (:Kommune {nr: '3005'})-[v:HAS_VALUE {year: 2018}]->(:Indicator {key: $key}) RETURN v.value AS value, v.note AS note", { key: INDICATOR },
      );
      expect(svelvik).toEqual({ value: 30.1, note: expect.stringMatching(/^published under the pre-2020 number 0711: 0711 Svelvik → 3005 Drammen/) });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("a researcher's session", () => {
  it('asks `correlation` of a cooperation metric against the new indicator at once, and a reload changes nothing', async () => {
    const query = `query($key: String!) {
      byValue: correlation(metric: COLLABORATIONS, indicator: $key, year: 2021) { n pearson points { kommune { nr } y } }
      byRank: correlation(metric: COLLABORATIONS, indicator: "kommune-nm/total", year: 2091) { n }
    }`;
    const first = await context.api.query(query, { key: INDICATOR });
    expect(first.errors).toBeUndefined();
    expect(first.data.byValue.n).toBe(8);
    expect(first.data.byValue.points.find((p: any) => p.kommune.nr === '0301').y).toBe(49.1);
    expect(first.data.byRank.n).toBe(5);

    const again = [
      await run({ format: 'kommune-nm', file: fixture('kommune-nm/table-2091.csv') }),
      await run({ format: 'ssb-jsonstat', file: fixture('ssb/education-09429.json'), jsonStat: JSON_STAT }),
    ];
    expect(again.map((summary) => [summary.created, summary.updated])).toEqual([[0, 0], [0, 0]]);
    expect(again.map((summary) => summary.unchanged)).toEqual([10, 16]);
    expect((await context.api.query(query, { key: INDICATOR })).data).toEqual(first.data);
  });
});

describe('npm run import', () => {
  const execFileAsync = promisify(execFile);
  const repo = fileURLToPath(new URL('..', import.meta.url));

  async function cli(args: string[], settings: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
    const connection = inject('neo4j');
    const env: NodeJS.ProcessEnv = { ...process.env, NEO4J_URI: connection.uri, NEO4J_USER: connection.user, NEO4J_DATABASE: connection.database, ...settings };
    if (connection.password === undefined) delete env.NEO4J_PASSWORD;
    else env.NEO4J_PASSWORD = connection.password;
    try {
      const { stdout, stderr } = await execFileAsync(process.execPath, ['--import', 'tsx', 'src/import/cli.ts', ...args], { cwd: repo, env });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('lists refused rows by line and exits 1 when any row was refused', async () => {
    const { code, stdout } = await cli(['kommune-nm', fixture('kommune-nm/broken-2092.csv'), '--no-analysis', '--quiet']);
    expect(code).toBe(1);
    expect(stdout).toContain('Refused 11 rows:\n  line 3: kommunenummer 9999 is not a kommune number');
    expect(stdout).toMatch(/unchanged +2\n/);
  });

  it('exits 2 and writes nothing when the file cannot be used, 0 when every row was taken', async () => {
    const missing = await cli(['kommune-nm', fixture('kommune-nm/missing-rank-column.csv'), '--quiet']);
    expect([missing.code, missing.stderr]).toEqual([2, 'npm run import: line 1: missing column rank\nNothing was written.\n']);
    const clean = await cli(['kommune-nm', fixture('kommune-nm/table-2091.csv'), '--no-analysis', '--quiet', '--dry-run']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/^Dry run, nothing written: kommune-nm /);
  });

  it('exits 2 naming a wrong setting, its value and what is allowed, before it reads the file', async () => {
    const wrong = await cli(['kommune-nm', fixture('kommune-nm/table-2091.csv'), '--quiet'], { JOB_READ_TIMEOUT_MS: 'soon' });
    expect([wrong.code, wrong.stderr]).toEqual([2, 'npm run import: The configuration has a problem:\n'
      + '  JOB_READ_TIMEOUT_MS is "soon"; allowed: a whole number of milliseconds from 100 to 3600000\nNothing was written.\n']);
  });
});
