import { describe, expect, it } from 'vitest';
import { parseCliOptions } from './cliOptions.js';

describe('parseCliOptions', () => {
  it('reads a format, a file and the common options', () => {
    const options = parseCliOptions(['kommune-nm', 'nm.csv', '--strict', '--dry-run', '--encoding', 'latin-1', '--delimiter', 'semicolon', '--source-title', 'NHO 2023'])!;
    expect(options.import).toMatchObject({
      format: 'kommune-nm', file: 'nm.csv', strict: true, dryRun: true, encoding: 'latin1', delimiter: ';', source: { title: 'NHO 2023' },
    });
    expect(options.analyze).toBe(true);
  });

  it('reads the JSON-stat reductions', () => {
    const options = parseCliOptions([
      'ssb-jsonstat', 't.json', '--indicator', 'ssb/x', '--filter', 'Nivaa=03a,04a', '--filter', 'Kjonn=0', '--sum-over', 'Nivaa', '--higher-is-better', 'true',
    ])!;
    expect(options.import.jsonStat).toEqual({ indicator: 'ssb/x', higherIsBetter: true, filters: { Nivaa: ['03a', '04a'], Kjonn: ['0'] }, sumOver: ['Nivaa'] });
  });

  it('refuses what cannot work, before touching the database', () => {
    expect(() => parseCliOptions(['excel', 'f.xlsx'])).toThrow('unknown format "excel"');
    expect(() => parseCliOptions(['ssb-jsonstat', 't.json'])).toThrow('ssb-jsonstat needs --indicator');
    expect(() => parseCliOptions(['brreg', 'e.csv', '--indicator', 'x/y'])).toThrow('--indicator applies to ssb-jsonstat only');
    expect(() => parseCliOptions(['brreg', 'e.csv', '--encoding', 'ebcdic'])).toThrow('unknown encoding');
    expect(() => parseCliOptions(['brreg'])).toThrow('name a format and a file');
  });

  it('names who runs the import for the audit trail: --actor, else the operating-system user', () => {
    expect(parseCliOptions(['brreg', 'e.csv', '--actor', ' Ada Lovelace '])!.import.actor).toBe('Ada Lovelace');
    expect(parseCliOptions(['brreg', 'e.csv'])!.import.actor).toMatch(/\S/);
    expect(() => parseCliOptions(['brreg', 'e.csv', '--actor', 'x\u0007'])).toThrow('--actor contains control characters');
    expect(() => parseCliOptions(['brreg', 'e.csv', '--actor', ' '])).toThrow('--actor must not be empty');
  });

  it('returns null for --help', () => {
    expect(parseCliOptions(['--help'])).toBeNull();
  });
});
