import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnalysis } from '../src/analyze/runAnalysis.js';
import { describeRefusal, ImportAbortedError, importFile, type ImportSummary } from '../src/import/index.js';
import { withCheckDigit } from '../src/import/syntheticRegister.js';
import { deleteUncitedSources, fixture } from './importSupport.js';
import { useTestApi } from './support/api.js';

/**
 * Enhetsregisteret files against the seeded test graph. Every unit has an organisasjonsnummer
 * from 912345xxx or 912346xxx, which no seed uses; those companies are removed afterwards,
 * with the sources the imports cited.
 */
const context = useTestApi();
const FIXTURE_ORGNRS = ['912345009', '912345017', '912345025', '912345068', '912345076', '912345084', '912345092', '912345106', '912345114'];
/** Fresh valid numbers for the files the tests write. */
const orgnrs = Array.from({ length: 60 }, (_, i) => withCheckDigit(91234600 + i)).filter((n): n is string => n !== null);
const cited = new Set<string>();
let dir: string;
let analysed = false;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'import-register-'));
});

afterAll(async () => {
  await context.db.write('MATCH (c:Company) WHERE c.orgnr IN $orgnrs OR c.id IN $ids DETACH DELETE c', {
    orgnrs: [...FIXTURE_ORGNRS, ...orgnrs], ids: [...FIXTURE_ORGNRS, ...orgnrs].map((n) => `Company:${n}`),
  });
  await deleteUncitedSources(context.db, [...cited]);
  await rm(dir, { recursive: true, force: true });
  // The import refreshed the network measures with these companies in the graph; leave them as the setup computed them.
  if (analysed) await runAnalysis(context.db);
});

async function run(options: Omit<Parameters<typeof importFile>[1], 'format'>): Promise<ImportSummary> {
  const summary = await importFile(context.db, { format: 'brreg', analyze: false, ...options });
  for (const id of summary.sourceIds) cited.add(id);
  return summary;
}

const HEADER = '"organisasjonsnummer","navn","organisasjonsform.kode","naeringskode1.kode","antallAnsatte","forretningsadresse.kommune","forretningsadresse.kommunenummer","forretningsadresse.landkode"';

async function registerFile(name: string, rows: string[][], encode: (text: string) => Buffer = (text) => Buffer.from(text, 'utf8')): Promise<string> {
  const file = path.join(dir, name);
  const text = `${[HEADER, ...rows.map((row) => row.map((cell) => `"${cell}"`).join(','))].join('\n')}\n`;
  await writeFile(file, encode(text));
  return file;
}

async function company(id: string) {
  const result = await context.api.query(`query($id: ID!) {
    node(id: $id) { ... on Company { name orgnr kommune { nr } sources { title publisher } } }
  }`, { id });
  expect(result.errors).toBeUndefined();
  return result.data.node;
}

describe('brreg', () => {
  it('loads the CSV download as companies located in kommuner, refusing bad rows by line', async () => {
    const summary = await run({ file: fixture('brreg/enheter.csv') });
    expect(summary.refused.map(describeRefusal)).toEqual([
      'line 7: name "OSLO" does not match kommunenummer 3303 (3006 Kongsberg in 2020–2023)',
      'line 8: organisasjonsnummer "912345670" is not nine digits with a valid mod-11 check digit',
      'line 9: duplicate of line 2 (912345009)',
      'line 10: antallAnsatte "mange" is not a whole number from 0 to 10000000',
      "line 11: kommunenummer 9999 is not a kommune number of 2020–2023, 2024 or SSB's change list 2011–2020",
    ]);
    expect([summary.created, summary.unchanged, summary.refusedCount]).toEqual([4, 0, 5]);
    expect(summary.skipped).toEqual({ 'units without a business address in a Norwegian kommune': 2 });

    expect(await company('Company:912345009')).toEqual({
      name: 'ZZIMPORT TESTVERK AS', orgnr: '912345009', kommune: { nr: '3006' },
      sources: [{ title: 'Enhetsregisteret (Brønnøysundregistrene), enheter.csv', publisher: 'Brønnøysundregistrene' }],
    });
    // Haram's 2024 number lies inside Ålesund 1507 of 2020–2023; the link says how it was placed.
    const [haram] = await context.db.read<{ nr: string; publishedNr: string; note: string }>(
      "MATCH (:Company {id: 'Company:912345025'})-[r:LOCATED_IN]->(k) RETURN k.nr AS nr, r.publishedNr AS publishedNr, r.note AS note",
    );
    expect(haram).toMatchObject({ nr: '1507', publishedNr: '1580', note: expect.stringContaining('split into on 2024-01-01') });
    const [unstated] = await context.db.read("MATCH (c:Company {id: 'Company:912345092'}) RETURN c.industryCode AS industryCode, c.employees AS employees");
    expect(unstated).toEqual({ industryCode: null, employees: 1 });
  });

  it('loads the JSON download, naming a refused unit by line and element', async () => {
    const summary = await run({ file: fixture('brreg/enheter.json') });
    expect(summary.refused.map(describeRefusal)).toEqual([
      'line 19 (element 2): organisasjonsnummer "91234511" is not nine digits with a valid mod-11 check digit',
    ]);
    expect([summary.created, summary.refusedCount]).toEqual([2, 1]);
    expect(await company('Company:912345106')).toMatchObject({ name: 'ZZIMPORT JSON TRONDHEIM AS', kommune: { nr: '5001' } });
  });

  it('changes nothing when the same files are loaded again', async () => {
    const again = [await run({ file: fixture('brreg/enheter.csv') }), await run({ file: fixture('brreg/enheter.json') })];
    expect(again.map((s) => [s.created, s.updated, s.unchanged])).toEqual([[0, 0, 4], [0, 0, 2]]);
  });

  it('reads a gzipped Windows-1252 file with semicolons', async () => {
    const rows = [[orgnrs[0]!, 'ZZIMPORT BÆRUM SØM AS', 'AS', '13.921', '2', 'BÆRUM', '3201', 'NO']];
    const text = `${[HEADER.replaceAll(',', ';'), ...rows.map((row) => row.map((cell) => `"${cell}"`).join(';'))].join('\r\n')}\r\n`;
    const file = path.join(dir, 'enheter-latin.csv.gz');
    await writeFile(file, gzipSync(iconv.encode(text, 'win1252')));
    const summary = await run({ file });
    expect([summary.encoding, summary.delimiter, summary.created]).toEqual(['windows-1252', '";"', 1]);
    expect(await company(`Company:${orgnrs[0]}`)).toMatchObject({ name: 'ZZIMPORT BÆRUM SØM AS', kommune: { nr: '3024' } });
  });

  it('keeps a curated name and adds the register\'s as an alias; follows a unit the register moved', async () => {
    const [curated, moving] = [orgnrs[1]!, orgnrs[2]!];
    const curatedSource = { id: `Source:zz-curated-${curated}`, title: 'zz curated', url: null, publisher: 'zz test', note: null, licence: null };
    await context.db.write(
      `CREATE (:Source {id: $source.id, title: $source.title, publisher: $source.publisher})
       CREATE (:Entity:Company {id: $id, key: $orgnr, orgnr: $orgnr, name: 'Zzkurert Navn', searchText: 'Zzkurert Navn', sourceIds: [$source.id]})`,
      { id: `Company:${curated}`, orgnr: curated, source: curatedSource },
    );
    cited.add(curatedSource.id);
    await run({ file: await registerFile('snapshot-1.csv', [
      [curated, 'ZZKURERT REGISTERNAVN AS', 'AS', '62.010', '5', 'OSLO', '0301', 'NO'],
      [moving, 'ZZFLYTTER AS', 'AS', '62.010', '5', 'OSLO', '0301', 'NO'],
    ]) });
    const moved = await run({ file: await registerFile('snapshot-2.csv', [
      [curated, 'ZZKURERT REGISTERNAVN AS', 'AS', '62.010', '5', 'OSLO', '0301', 'NO'],
      [moving, 'ZZFLYTTER NYTT NAVN AS', 'AS', '62.010', '7', 'BERGEN', '4601', 'NO'],
    ]) });
    expect([moved.created, moved.updated]).toEqual([0, 2]);

    const [kept] = await context.db.read<{ name: string; aliases: string[]; sourceIds: string[] }>(
      'MATCH (c:Company {id: $id}) RETURN c.name AS name, c.aliases AS aliases, c.sourceIds AS sourceIds', { id: `Company:${curated}` },
    );
    expect(kept!.name).toBe('Zzkurert Navn');
    expect(kept!.aliases).toEqual(['ZZKURERT REGISTERNAVN AS']);
    expect(kept!.sourceIds).toHaveLength(3);
    expect(await company(`Company:${moving}`)).toMatchObject({ name: 'ZZFLYTTER NYTT NAVN AS', kommune: { nr: '4601' } });
    const locations = await context.db.read('MATCH (:Company {id: $id})-[:LOCATED_IN]->(k) RETURN k.nr AS nr', { id: `Company:${moving}` });
    expect(locations).toEqual([{ nr: '4601' }]);
  });

  it('ends with the same graph after an import stopped half way and run again as after one clean run', async () => {
    const batch = orgnrs.slice(10, 17);
    const places = [['OSLO', '0301'], ['KONGSBERG', '3303'], ['BERGEN', '4601'], ['HARAM', '1580']];
    const file = await registerFile('stopped.csv', batch.map((orgnr, i) => [orgnr, `ZZAVBRUTT ${i} AS`, 'AS', '62.010', String(i), ...places[i % places.length]!, 'NO']));
    const snapshot = () => context.db.read(
      `MATCH (c:Company) WHERE c.orgnr IN $batch
       OPTIONAL MATCH (c)-[r:LOCATED_IN]->(k)
       RETURN properties(c) AS company, properties(r) AS link, k.id AS kommune ORDER BY c.id`,
      { batch },
    );

    const controller = new AbortController();
    await expect(run({
      file, batchSize: 2, signal: controller.signal,
      onProgress: (progress) => {
        if (progress.written >= 2) controller.abort();
      },
    })).rejects.toBeInstanceOf(ImportAbortedError);
    const partial = await snapshot();
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(batch.length);
    const resumed = await run({ file, batchSize: 2 });
    expect(resumed.created + resumed.unchanged).toBe(batch.length);
    const afterResume = await snapshot();

    await context.db.write('MATCH (c:Company) WHERE c.orgnr IN $batch DETACH DELETE c', { batch });
    const clean = await run({ file });
    expect(clean.created).toBe(batch.length);
    expect(await snapshot()).toEqual(afterResume);
  });

  it('refreshes the network measures after writing', async () => {
    const file = await registerFile('measured.csv', [[orgnrs[20]!, 'ZZMÅLT AS', 'AS', '62.010', '1', 'KONGSBERG', '3303', 'NO']]);
    analysed = true;
    const summary = await importFile(context.db, { format: 'brreg', file });
    for (const id of summary.sourceIds) cited.add(id);
    expect(summary.analysis?.nodes).toBeGreaterThan(0);
    const [measured] = await context.db.read('MATCH (c:Company {id: $id}) RETURN c.networkDegree AS degree', { id: `Company:${orgnrs[20]}` });
    expect(measured).toEqual({ degree: 1 });
  });
});
