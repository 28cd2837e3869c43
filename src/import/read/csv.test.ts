import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileError } from '../summary.js';
import { detectDelimiter, locateColumns, readCsv, rowShapeProblem, type CsvRow } from './csv.js';
import { openTextFile } from './decode.js';

describe('detectDelimiter', () => {
  it('picks the delimiter the header uses outside quotes', () => {
    expect(detectDelimiter('a,b,c')).toBe(',');
    expect(detectDelimiter('"a,b";c;d')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('single')).toBe(',');
  });
});

describe('readCsv', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'import-csv-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function rowsOf(text: string) {
    const file = path.join(dir, `${Math.random()}.csv`);
    await writeFile(file, text);
    const table = await readCsv(await openTextFile(file));
    const rows = [];
    for await (const chunk of table.rows) rows.push(...chunk);
    return { table, rows };
  }

  it('numbers rows by the line they start on, across quoted line breaks and blank lines', async () => {
    const { table, rows } = await rowsOf('a;b\n1;2\n\n3;"x\ny"\n4;5\n');
    expect(table.delimiter).toBe(';');
    expect(rows).toEqual([
      { line: 2, fields: ['1', '2'] },
      { line: 4, fields: ['3', 'x\ny'] },
      { line: 6, fields: ['4', '5'] },
    ]);
  });

  it('refuses a record whose quote never closes, with the line it starts on', async () => {
    const { rows } = await rowsOf('a,b\n1,2\n3,"open\n4,5\n');
    expect(rows).toEqual([
      { line: 2, fields: ['1', '2'] },
      { line: 3, index: null, reason: 'a quoted field is not closed before the end of the file' },
    ]);
  });

  it('stops on an empty file', async () => {
    await expect(rowsOf('')).rejects.toThrow(new FileError(1, 'the file is empty; expected a header line'));
  });
});

describe('locateColumns', () => {
  const columns = { rank: { names: ['rank'], required: true }, note: { names: ['note', 'merknad'], required: false } } as const;

  it('finds columns by any of their names, without regard to case', () => {
    expect(locateColumns({ header: ['RANK', 'Merknad'], delimiter: ',' }, columns)).toEqual({ rank: 0, note: 1 });
    expect(locateColumns({ header: ['rank'], delimiter: ',' }, columns)).toEqual({ rank: 0, note: -1 });
  });

  it('names what is missing and suspects the delimiter when the header holds another one', () => {
    expect(() => locateColumns({ header: ['rank;note'], delimiter: ',' }, columns))
      .toThrow('line 1: missing column rank; the header looks separated by ";", not "," (pass --delimiter)');
    expect(() => locateColumns({ header: ['rank', 'RANK'], delimiter: ',' }, columns)).toThrow('column "RANK" appears twice');
  });
});

describe('rowShapeProblem', () => {
  const table = { header: ['a', 'b', 'c'], delimiter: ',' as const };
  const row = (fields: string[]): CsvRow => ({ line: 2, fields });

  it('counts fields and hints at the delimiter that would fit', () => {
    expect(rowShapeProblem(row(['1;2;3']), table)).toBe('1 field where the header has 3; it looks separated by ";", the header by ","');
    expect(rowShapeProblem(row(['1', '2']), table)).toBe('2 fields where the header has 3');
    expect(rowShapeProblem(row(['1', '2', '3']), table)).toBeNull();
  });

  it('refuses text that did not decode', () => {
    expect(rowShapeProblem(row(['B\uFFFDrum', '2', '3']), table)).toMatch(/not valid in the file's encoding/);
  });
});
