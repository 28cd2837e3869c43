import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseChanges, parseIndicatorValues, parseKommuner, type IndicatorValueRow, type KommuneChange, type KommuneRow } from './files.js';
import { INDICATOR, parseUdirKommuneYears, predecessorsIn, rebuildGrunnskolepoeng, type UdirKommuneYear } from './grunnskolepoeng.js';
import { KommuneNumbers } from './kommuneNumbers.js';
import { readSeedTexts } from './loadSeeds.js';
import { SEEDS_DIR } from '../paths.js';

let kommuner: KommuneRow[];
let changes: KommuneChange[];
let udir: UdirKommuneYear[];
let seeded: IndicatorValueRow[];

beforeAll(async () => {
  const texts = await readSeedTexts();
  kommuner = parseKommuner(texts.kommuner);
  changes = parseChanges(texts.changes);
  udir = parseUdirKommuneYears(await readFile(path.join(SEEDS_DIR, 'build', 'udir_grunnskolepoeng_kommuner_2016_2021.csv'), 'utf8'));
  seeded = parseIndicatorValues(texts.values).filter((row) => row.indicator === INDICATOR);
});

function seededValue(nr: string, year: number): IndicatorValueRow | undefined {
  return seeded.find((row) => row.kommuneNr === nr && row.year === year);
}

describe('grunnskolepoeng on the 2020–2023 kommuner', () => {
  it('are the rows in seeds/indicator_values.csv (rerun src/seed/grunnskolepoengCli.ts when they differ)', () => {
    expect(seeded).toEqual(rebuildGrunnskolepoeng(udir, kommuner, changes));
  });

  it('gives Sandnes 2016 as the pupil-weighted mean of Sandnes 1102 and Forsand 1129', () => {
    const sandnes = seededValue('1108', 2016);
    expect(sandnes?.value).toBe(Math.round(((41.3 * 910 + 40.8 * 14) / 924) * 100) / 100);
    expect(sandnes?.value).toBe(41.29);
    expect(sandnes?.note).toContain('1102 Sandnes 41.3 (910 pupils); 1129 Forsand 40.8 (14 pupils)');
  });

  it('counts Hitra once and a third of Snillfjord in Hitra 2018, though Udir repeats Hitra 5013 under 5056', () => {
    expect(udir.find((row) => row.nr === '5056' && row.year === 2018)).toMatchObject({ points: 39.4, pupils: 44 });
    const hitra = seededValue('5056', 2018);
    expect(hitra?.value).toBe(Math.round(((39.4 * 44 + 44.6 * 12 / 3) / (44 + 12 / 3)) * 100) / 100);
    expect(hitra?.value).toBe(39.83);
    expect(hitra?.note).toContain('5012 Snillfjord 44.6 (12 pupils × 1/3');
    expect(hitra?.note).not.toContain('5056 Hitra 39.4');
    // Snillfjord's other two thirds go to Heim and Orkland.
    expect(seededValue('5055', 2018)?.note).toContain('5012 Snillfjord 44.6 (12 pupils × 1/3');
    expect(seededValue('5059', 2018)?.note).toContain('5012 Snillfjord 44.6 (12 pupils × 1/3');
  });

  it('takes predecessors only from the SSB change list: each is the kommune itself or one of its former numbers', () => {
    const numbers = new KommuneNumbers(kommuner, [], changes);
    for (const year of [2016, 2017, 2018, 2019]) {
      for (const [nr, predecessors] of predecessorsIn(year, kommuner, changes)) {
        expect(predecessors.length, `${nr} ${year}`).toBeGreaterThan(0);
        for (const predecessor of predecessors) expect([nr, ...numbers.formerNrs(nr)], `${nr} ${year}`).toContain(predecessor.nr);
      }
    }
  });

  it('misses no kommune-year whose predecessors all have a published figure, and only those that do not', () => {
    const published = new Map(udir.map((row) => [`${row.nr}/${row.year}`, row]));
    const missing: string[] = [];
    for (const year of [2016, 2017, 2018, 2019]) {
      for (const [nr, predecessors] of predecessorsIn(year, kommuner, changes)) {
        const complete = predecessors.every(({ nr: old }) => published.get(`${old}/${year}`)?.points != null && published.get(`${old}/${year}`)?.pupils != null);
        expect(seededValue(nr, year) !== undefined, `${nr} ${year}`).toBe(complete);
        if (!complete) missing.push(`${nr}/${year}`);
      }
    }
    // Suppressed small kommuner, Aurskog-Høland (Rømskog 0121 has no row) and Hægebostad (no row).
    expect(missing).toHaveLength(38);
    expect(missing).toEqual(expect.arrayContaining(['3026/2016', '4226/2019', '5056/2017']));
  });
});
