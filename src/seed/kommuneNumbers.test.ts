import { describe, expect, it } from 'vitest';
import type { CrosswalkRow, KommuneChange, KommuneRow } from './files.js';
import { KommuneNumbers } from './kommuneNumbers.js';

function kommune(nr: string, name: string): KommuneRow {
  return {
    nr, name, officialName: name, validNames: [name], fylkeNr: nr.slice(0, 2), fylkeName: 'F', lat: 0, lon: 0, samiArea: false,
    orgnr: '000000000', commutingRegionCode: '01', commutingRegionName: 'R', population: { 2020: 1, 2021: 1, 2022: 1 }, nr2024: [],
  };
}

const change = (oldCode: string, oldName: string, newCode: string, newName: string, date: string): KommuneChange => ({ oldCode, oldName, newCode, newName, date });
const cross = (nr2023: string, name2023: string, nr2024: string, name2024: string): CrosswalkRow => ({ nr2023, name2023, nr2024, name2024 });

// A small country: a renumbering, a chain, a merger, a split into two, and a 2024 split.
const numbers = new KommuneNumbers(
  [kommune('3006', 'Kongsberg'), kommune('5402', 'Harstad'), kommune('1806', 'Narvik'), kommune('1875', 'Hamarøy'), kommune('1507', 'Ålesund')],
  [cross('3006', 'Kongsberg', '3303', 'Kongsberg'), cross('5402', 'Harstad', '5503', 'Harstad'), cross('1806', 'Narvik', '1806', 'Narvik'),
    cross('1875', 'Hamarøy', '1875', 'Hamarøy'), cross('1507', 'Ålesund', '1508', 'Ålesund'), cross('1507', 'Ålesund', '1580', 'Haram')],
  [
    change('0604', 'Kongsberg', '3006', 'Kongsberg', '2020-01-01'),
    change('1901', 'Harstad', '1903', 'Harstad', '2013-01-01'),
    change('1915', 'Bjarkøy', '1903', 'Harstad', '2013-01-01'),
    change('1903', 'Harstad', '5402', 'Harstad', '2020-01-01'),
    change('1805', 'Narvik', '1806', 'Narvik', '2020-01-01'),
    change('1850', 'Tysfjord', '1806', 'Narvik', '2020-01-01'),
    change('1850', 'Tysfjord', '1875', 'Hamarøy', '2020-01-01'),
    change('1849', 'Hamarøy', '1875', 'Hamarøy', '2020-01-01'),
    change('1507', 'Ålesund', '1508', 'Ålesund', '2024-01-01'),
    change('5402', 'Harstad', '5402', 'Harstad - Hárstták', '2022-01-01'),
  ],
);

describe('KommuneNumbers', () => {
  it('lists the pre-2020 numbers that became a kommune, following chains', () => {
    expect(numbers.formerNrs('3006')).toEqual(['0604']);
    expect(numbers.formerNrs('5402')).toEqual(['1901', '1903', '1915']);
    expect(numbers.formerNrs('1806')).toEqual(['1805', '1850']);
    expect(numbers.formerNrs('1875')).toEqual(['1849', '1850']);
  });

  it('gives the 2024 numbers, two for a kommune split in 2024', () => {
    expect(numbers.nrs2024('3006')).toEqual(['3303']);
    expect(numbers.nrs2024('1507')).toEqual(['1508', '1580']);
  });

  it('resolves numbers of every era', () => {
    expect(numbers.resolve('3006')).toEqual({ nrs: ['3006'], era: '2020-2023', uncertain: false, note: null });
    expect(numbers.resolve('0604')).toMatchObject({ nrs: ['3006'], era: 'pre-2020', uncertain: false });
    expect(numbers.resolve('0604').note).toContain('0604 Kongsberg → 3006 Kongsberg (2020-01-01)');
    expect(numbers.resolve('1901').note).toContain('1901 Harstad → 1903 Harstad (2013-01-01) → 5402 Harstad (2020-01-01)');
    expect(numbers.resolve('3303')).toMatchObject({ nrs: ['3006'], era: '2024', uncertain: false });
  });

  it('flags splits instead of guessing', () => {
    expect(numbers.resolve('1850')).toMatchObject({ nrs: ['1806', '1875'], era: 'pre-2020', uncertain: true });
    const haram = numbers.resolve('1580');
    expect(haram).toMatchObject({ nrs: ['1507'], era: '2024', uncertain: true });
    expect(haram.note).toContain('split');
  });

  it('says when a number is unknown', () => {
    expect(numbers.resolve('9999')).toMatchObject({ nrs: [], era: 'unknown' });
  });
});
