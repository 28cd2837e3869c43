import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidOrgnr } from '../graph/validation.js';
import { parseCrosswalk, parseKommuner, SEED_FILES } from '../seed/files.js';
import { DEFAULT_SEEDS_DIR } from '../seed/loadSeeds.js';
import { REGISTER_HEADER, withCheckDigit, writeSyntheticRegister } from './syntheticRegister.js';

describe('withCheckDigit', () => {
  it('completes a base to a valid organisasjonsnummer, or says there is none', () => {
    expect(withCheckDigit(94375370)).toBe('943753709');
    const results = Array.from({ length: 50 }, (_, i) => withCheckDigit(81_000_000 + i));
    expect(results.every((orgnr) => orgnr === null || isValidOrgnr(orgnr))).toBe(true);
    expect(results.some((orgnr) => orgnr === null)).toBe(true);
  });
});

describe('writeSyntheticRegister', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'import-synthetic-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the same file for the same seed, in the download\'s columns', async () => {
    const read = (name: string) => readFile(path.join(DEFAULT_SEEDS_DIR, name), 'utf8');
    const input = { rows: 500, seed: 's', kommuner: parseKommuner(await read(SEED_FILES.kommuner)), crosswalk: parseCrosswalk(await read(SEED_FILES.crosswalk2024)) };
    await writeSyntheticRegister(path.join(dir, 'a.csv'), input);
    await writeSyntheticRegister(path.join(dir, 'b.csv'), input);
    const [a, b] = await Promise.all([readFile(path.join(dir, 'a.csv'), 'utf8'), readFile(path.join(dir, 'b.csv'), 'utf8')]);
    expect(a).toBe(b);
    const lines = a.trimEnd().split('\n');
    expect(lines).toHaveLength(501);
    expect(lines[0]).toBe(REGISTER_HEADER.map((c) => `"${c}"`).join(','));
  });
});
