import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { isNumberCode, toCsv } from './download';

describe('toCsv', () => {
  const rows = [
    { kommuneNr: '0301', kommune: 'Oslo', rank: 1, score: 0.5, publishedNr: '', derived: false },
    { kommuneNr: '3006', kommune: 'Kongsberg, "sølvbyen"', rank: 2, score: null, publishedNr: '0604', derived: true },
  ];

  it('starts with the header, without a byte-order mark', () => {
    const csv = toCsv(rows);
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    expect(csv.split('\r\n')[0]).toBe('kommuneNr,kommune,rank,score,publishedNr,derived');
  });

  it('quotes kommune numbers as text and leaves numbers bare', () => {
    expect(toCsv(rows).split('\r\n').slice(1)).toEqual([
      '"0301",Oslo,1,0.5,"",false',
      '"3006","Kongsberg, ""sølvbyen""",2,,"0604",true',
    ]);
  });

  it('reads back to the same text, leading zeros and æøå included', () => {
    const parsed = Papa.parse<Record<string, string>>(toCsv(rows), { header: true });
    expect(parsed.data.map((row) => [row.kommuneNr, row.kommune, row.publishedNr])).toEqual([
      ['0301', 'Oslo', ''],
      ['3006', 'Kongsberg, "sølvbyen"', '0604'],
    ]);
  });

  it('keeps the columns given, in their order, and writes a missing value as empty', () => {
    expect(toCsv([{ b: 1, a: 'x' }, { a: 'y' }], ['a', 'b', 'nr'])).toBe('a,b,nr\r\nx,1,\r\ny,,');
  });

  it('defuses text a spreadsheet would run as a formula, but not negative numbers', () => {
    expect(toCsv([{ name: '=HYPERLINK("x")', r: -0.25 }]).split('\r\n')[1]).toBe('"\'=HYPERLINK(""x"")",-0.25');
  });

  it('writes only a header row for no rows when the columns are given', () => {
    expect(toCsv([], ['nr', 'name'])).toBe('nr,name');
  });
});

describe('isNumberCode', () => {
  it('knows number columns by name', () => {
    expect(['nr', 'kommuneNr', 'publishedNr', 'fylkeNr'].every(isNumberCode)).toBe(true);
    expect(['name', 'number', 'rank', 'Nrx'].some(isNumberCode)).toBe(false);
  });
});
