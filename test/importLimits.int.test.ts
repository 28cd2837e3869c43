import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRefusal, importFile, type ImportSummary } from '../src/import/index.js';
import { withCheckDigit } from '../src/import/syntheticRegister.js';
import { deleteUncitedSources, fixture } from './importSupport.js';
import { useTestApi } from './support/api.js';

/**
 * Nothing unrepresentable is stored (issue: "an import can store Infinity", "one stray Latin-1
 * byte ~100 KB into a UTF-8 register file", "importers accept 5,000-character names and control
 * characters the API refuses"). Companies get organisasjonsnumre from a base of this run, the
 * SSB values an indicator key of this run; only those are removed afterwards.
 */
const context = useTestApi();
const RUN = randomUUID().slice(0, 8);
const INDICATOR = `zz-limits-${RUN}/higher-education-share`;
const BASE = 70_000_000 + Math.floor(Math.random() * 9_000_000);
const orgnrs: string[] = [];
const cited = new Set<string>();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'import-limits-'));
});

afterAll(async () => {
  const { db } = context;
  await db.write('MATCH (c:Company) WHERE c.id IN $ids DETACH DELETE c', { ids: orgnrs.map((n) => `Company:${n}`) });
  await db.write('MATCH (i:Indicator) WHERE i.key STARTS WITH $prefix DETACH DELETE i', { prefix: `zz-limits-${RUN}` });
  await db.write('MATCH (a:AuditEntry) WHERE a.who = $who DELETE a', { who: `test-actor-${RUN}` });
  await deleteUncitedSources(db, [...cited]);
  await rm(dir, { recursive: true, force: true });
});

async function run(options: Parameters<typeof importFile>[1]): Promise<ImportSummary> {
  const summary = await importFile(context.db, { analyze: false, ...options });
  for (const id of summary.sourceIds) cited.add(id);
  return summary;
}

/** The next organisasjonsnummer of this run's range. */
let next = BASE;
function freshOrgnr(): string {
  for (;;) {
    const orgnr = withCheckDigit(next++);
    if (orgnr) {
      orgnrs.push(orgnr);
      return orgnr;
    }
  }
}

const HEADER = '"organisasjonsnummer","navn","organisasjonsform.kode","antallAnsatte","forretningsadresse.kommune","forretningsadresse.kommunenummer","forretningsadresse.landkode","vedtektsfestetFormaal"';
/** A column the importer does not read, long as the register's purpose texts are: ~100 KB is then about a hundred companies, not a thousand. */
const PURPOSE = 'Utvikling og salg av programvare og tilknyttede tjenester, samt det som naturlig hører sammen med dette. '.repeat(8);
const row = (orgnr: string, name: string) => Buffer.from(`"${orgnr}","${name}","AS","3","KONGSBERG","3303","NO","${PURPOSE}"\n`, 'utf8');

async function storedNames(ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await context.db.read<{ id: string; name: string }>('MATCH (c:Company) WHERE c.id IN $ids RETURN c.id AS id, c.name AS name', { ids });
  return new Map(rows.map((r) => [r.id, r.name]));
}

describe('a UTF-8 register file with one stray Latin-1 byte ~100 KB in', () => {
  let file: string;
  let lines: { orgnr: string; name: string; line: number }[];
  let strayLine: number;

  beforeAll(async () => {
    lines = [];
    const parts: Buffer[] = [Buffer.from(`${HEADER}\n`, 'utf8')];
    let bytes = parts[0]!.length;
    let line = 2;
    while (bytes < 120 * 1024) {
      const orgnr = freshOrgnr();
      const name = `ZZLIM ${RUN} BÆRUM VERKTØY ${line} AS`;
      const stray = strayLine === undefined && bytes > 100 * 1024;
      // Windows-1252's Æ (0xC6) where UTF-8 would have C3 86: the one byte that is not UTF-8.
      const part = stray ? Buffer.concat([Buffer.from(`"${orgnr}","ZZLIM ${RUN} B`, 'utf8'), Buffer.from([0xc6]), Buffer.from(`RUM ${line} AS","AS","3","KONGSBERG","3303","NO","${PURPOSE}"\n`, 'utf8')]) : row(orgnr, name);
      if (stray) strayLine = line;
      lines.push({ orgnr, name, line });
      parts.push(part);
      bytes += part.length;
      line += 1;
    }
    file = path.join(dir, 'register-stray-byte.csv');
    await writeFile(file, Buffer.concat(parts));
  });

  it('is refused whole with --strict: nothing written', async () => {
    const summary = await run({ format: 'brreg', file, strict: true });
    expect(summary.written).toBe(false);
    expect(summary.refused.map(describeRefusal)).toEqual([`line ${strayLine}: text that is not valid in the file's encoding (U+FFFD); name the encoding with --encoding`]);
    expect((await storedNames(lines.map((l) => `Company:${l.orgnr}`))).size).toBe(0);
  });

  it('is read as UTF-8 otherwise: the line with the byte refused, every other name as written, never re-decoded as Windows-1252', async () => {
    const summary = await run({ format: 'brreg', file, actor: `test-actor-${RUN}` });
    expect(summary.encoding).toBe('utf-8');
    expect(summary.refusedCount).toBe(1);
    expect(summary.refused[0]!.line).toBe(strayLine);
    expect(summary.created).toBe(lines.length - 1);
    const names = await storedNames(lines.map((l) => `Company:${l.orgnr}`));
    expect(names.size).toBe(lines.length - 1);
    for (const l of lines) {
      if (l.line === strayLine) expect(names.has(`Company:${l.orgnr}`)).toBe(false);
      else expect(names.get(`Company:${l.orgnr}`)).toBe(l.name);
    }
  });

  it('leaves one audit entry naming who ran it, with the counts before and after', async () => {
    const entries = await context.db.read<{ operation: string; entityId: string; before: string; after: string }>(
      'MATCH (a:AuditEntry {who: $who}) RETURN a.operation AS operation, a.entityId AS entityId, a.before AS before, a.after AS after',
      { who: `test-actor-${RUN}` },
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ operation: 'import brreg', entityId: 'Import:brreg/register-stray-byte.csv' });
    const before = JSON.parse(entries[0]!.before) as Record<string, number>;
    const after = JSON.parse(entries[0]!.after) as Record<string, number>;
    expect(after).toMatchObject({ created: lines.length - 1, refused: 1 });
    expect(after.Company! - before.Company!).toBeGreaterThanOrEqual(lines.length - 1);
  });
});

describe('register rows the API would refuse', () => {
  it('are refused with their line: a 5,000-character name, control characters; the rest land', async () => {
    const [good, long, control, tab] = [freshOrgnr(), freshOrgnr(), freshOrgnr(), freshOrgnr()];
    const file = path.join(dir, 'register-limits.csv');
    await writeFile(file, Buffer.concat([
      Buffer.from(`${HEADER}\n`, 'utf8'),
      row(good, `ZZLIM ${RUN} GOOD AS`),
      row(long, `ZZLIM ${'X'.repeat(5000)}`),
      row(control, `ZZLIM ${RUN} BELL\u0007 AS`),
      row(tab, `ZZLIM ${RUN}\tTAB AS`),
    ]));
    const summary = await run({ format: 'brreg', file });
    expect(summary.refused.map(describeRefusal)).toEqual([
      'line 3: name may be at most 200 characters; got 5006',
      'line 4: name contains control characters',
      'line 5: name contains control characters',
    ]);
    expect([...(await storedNames([good, long, control, tab].map((n) => `Company:${n}`))).keys()]).toEqual([`Company:${good}`]);
  });
});

describe('an SSB JSON-stat table whose label is longer than a name may be', () => {
  it('is refused before anything is written, saying how to name the indicator', async () => {
    const dataset = JSON.parse(await readFile(fixture('ssb/education-09429.json'), 'utf8')) as { label: string };
    dataset.label = `09429: ${'Utdanningsnivå '.repeat(20)}`;
    const file = path.join(dir, 'long-label.json');
    await writeFile(file, JSON.stringify(dataset));
    await expect(run({ format: 'ssb-jsonstat', file, jsonStat: { indicator: `${INDICATOR}-long`, filters: { Nivaa: ['03a', '04a'] }, sumOver: ['Nivaa'] } }))
      .rejects.toThrow(/name may be at most 200 characters; got \d+; name it with --indicator-name/);
    expect(await context.db.read('MATCH (i:Indicator {key: $key}) RETURN i', { key: `${INDICATOR}-long` })).toHaveLength(0);
  });
});

describe('an SSB JSON-stat table with 1e309 and an overflowing --sum-over', () => {
  it('refuses those cells, stores only finite values, and writes nothing of it with --strict', async () => {
    const dataset = JSON.parse(await readFile(fixture('ssb/education-09429.json'), 'utf8')) as { value: number[] };
    // Cells are (region, nivå, statistikkvariabel, år) with the year fastest: Kongsberg (region 1) 03a 2021 is 8,
    // Oslo (region 2) 03a and 04a of 2021 are 14 and 16.
    dataset.value[8] = 123456.125;
    dataset.value[14] = 1.7e308;
    dataset.value[16] = 1.7e308;
    const file = path.join(dir, 'infinity.json');
    await writeFile(file, JSON.stringify(dataset).replace('123456.125', '1e309'));
    const jsonStat = { indicator: INDICATOR, indicatorName: 'Higher education (limits test)', filters: { Nivaa: ['03a', '04a'] }, sumOver: ['Nivaa'] };

    const strict = await run({ format: 'ssb-jsonstat', file, jsonStat, strict: true });
    expect(strict.written).toBe(false);
    expect((await context.db.read('MATCH (i:Indicator {key: $key}) RETURN i', { key: INDICATOR }))).toHaveLength(0);

    const summary = await run({ format: 'ssb-jsonstat', file, jsonStat });
    const infinite = summary.refused.filter((r) => r.reason.includes('Infinity'));
    expect(infinite.map((r) => r.reason)).toEqual(['value is Infinity, not a finite number', 'value is Infinity, not a finite number']);
    expect(summary.created).toBe(14);
    const values = await context.db.read<{ value: number }>(
      'MATCH (:Kommune)-[v:HAS_VALUE]->(:Indicator {key: $key}) RETURN v.value AS value', { key: INDICATOR },
    );
    expect(values).toHaveLength(14);
    expect(values.every((v) => Number.isFinite(v.value))).toBe(true);
  });

  it('keeps reads up when such a value is stored already (by an older version): left out, not an error', async () => {
    await context.db.write(
      `MATCH (k:Kommune {id: 'Kommune:3006'}), (i:Indicator {key: $key})
       CREATE (k)-[:HAS_VALUE {year: 2019, value: 1.0 / 0.0, sourceIds: []}]->(i)`,
      { key: INDICATOR },
    );
    const result = await context.api.query('query($key: String!) { kommune(nr: "3006") { values(indicator: $key) { year value } } }', { key: INDICATOR });
    expect(result.errors).toBeUndefined();
    expect(result.data.kommune.values.map((v: { year: number }) => v.year)).not.toContain(2019);
    const correlation = await context.api.query(
      'query($key: String!) { correlation(metric: COMMUTING_PARTNERS, indicator: $key, year: 2019, metricYear: 2021) { n points { kommune { id } } } }', { key: INDICATOR },
    );
    expect(correlation.errors).toBeUndefined();
    expect(correlation.data.correlation.points.map((p: { kommune: { id: string } }) => p.kommune.id)).not.toContain('Kommune:3006');
  });
});
