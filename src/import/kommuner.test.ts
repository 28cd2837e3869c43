import { beforeAll, describe, expect, it } from 'vitest';
import { foldName, KommuneDirectory, normaliseKommuneNr } from './kommuner.js';

let directory: KommuneDirectory;
beforeAll(async () => {
  directory = await KommuneDirectory.load();
});

function resolved(nr: string, name: string | null = null, acceptPartOfSplit = false) {
  const lookup = directory.resolve(nr, name, { acceptPartOfSplit });
  return lookup.ok ? { nr: lookup.match.kommune.nr, publishedNr: lookup.match.publishedNr, note: lookup.match.mappingNote } : lookup.reason;
}

describe('foldName', () => {
  it('ignores case, letters, "kommune" and SSB period suffixes', () => {
    expect(foldName('KONGSBERG')).toBe(foldName('Kongsberg kommune'));
    expect(foldName('Kongsberg (-2019)')).toBe('kongsberg');
    expect(foldName('Bærum')).toBe('baerum');
    expect(foldName('Sande (Vestf.) (-2019)')).toBe('sande');
  });
});

describe('normaliseKommuneNr', () => {
  it('takes SSB region codes and numbers that lost their leading zero', () => {
    expect(normaliseKommuneNr('K-3006')).toBe('3006');
    expect(normaliseKommuneNr('301')).toBe('0301');
    expect(normaliseKommuneNr('30')).toBeNull();
  });
});

describe('KommuneDirectory.resolve', () => {
  it('maps numbers of every era to the 2020–2023 kommune, keeping the number as published', () => {
    expect(resolved('3006')).toEqual({ nr: '3006', publishedNr: null, note: null });
    expect(resolved('0604', 'Kongsberg')).toMatchObject({ nr: '3006', publishedNr: '0604' });
    expect(resolved('3303', 'KONGSBERG')).toMatchObject({ nr: '3006', publishedNr: '3303', note: expect.stringContaining('2024 number 3303') });
  });

  it('accepts any valid or official name, compared folded', () => {
    expect(resolved('5430', 'Guovdageaidnu')).toMatchObject({ nr: '5430' });
    expect(resolved('5430', 'GUOVDAGEAIDNU-KAUTOKEINO')).toMatchObject({ nr: '5430' });
    expect(resolved('5001', 'Trondheim - Tråante')).toMatchObject({ nr: '5001' });
  });

  it('refuses a name that is not one the number had, rather than trusting either', () => {
    expect(resolved('3006', 'Bergen')).toBe('name "Bergen" does not match kommunenummer 3006 (Kongsberg)');
    expect(resolved('3303', 'Oslo')).toBe('name "Oslo" does not match kommunenummer 3303 (3006 Kongsberg in 2020–2023)');
  });

  it('refuses unknown numbers and numbers several kommuner descend from', () => {
    expect(resolved('9999')).toBe("kommunenummer 9999 is not a kommune number of 2020–2023, 2024 or SSB's change list 2011–2020");
    expect(resolved('1850')).toBe('kommunenummer 1850 maps to several kommuner of 2020–2023 (1806 Narvik, 1875 Hamarøy); not guessed');
    expect(resolved('K-99')).toBe('kommunenummer "K-99" is not four digits');
  });

  it('lets a 2024 part of a split kommune stand for it only where asked (a company, not a statistic)', () => {
    expect(resolved('1580', 'Haram', true)).toMatchObject({ nr: '1507', publishedNr: '1580' });
    expect(resolved('1580', 'Haram', false)).toMatch(/^2024 number 1580 \(Haram\) is one of the kommuner 1507 Ålesund was split into .*; a figure for the part is not one for 1507 Ålesund$/);
  });
});

describe('KommuneDirectory.byName', () => {
  it('finds a kommune by a name only it has, and all of those sharing a name', () => {
    expect(directory.byName('Kongsberg kommune').map((k) => k.nr)).toEqual(['3006']);
    expect(directory.byName('Herøy').map((k) => k.nr).sort()).toEqual(['1515', '1818']);
  });
});
