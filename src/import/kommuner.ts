import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type CrosswalkRow, type KommuneChange, type KommuneRow, parseChanges, parseCrosswalk, parseKommuner, SEED_FILES } from '../seed/files.js';
import { KommuneNumbers } from '../seed/kommuneNumbers.js';
import { DEFAULT_SEEDS_DIR } from '../seed/loadSeeds.js';
import { slugify } from '../graph/index.js';

/**
 * A name folded for comparison: case, diacritics, "kommune" and SSB's period suffixes such as
 * "(-2019)" or "(2020-2023)" do not matter, so "KONGSBERG", "Kongsberg kommune" and
 * "Kongsberg (-2019)" are all Kongsberg, and "Bærum" is "baerum".
 */
export function foldName(name: string): string {
  return slugify(name.replace(/(\s*\([^)]*\))+\s*$/, '').replace(/\s+kommune$/i, ''));
}

/** A kommune number as written: four digits, or three when a spreadsheet dropped the leading zero. */
export function normaliseKommuneNr(text: string): string | null {
  const trimmed = text.trim().replace(/^K-/i, '');
  if (/^\d{4}$/.test(trimmed)) return trimmed;
  if (/^\d{3}$/.test(trimmed)) return `0${trimmed}`;
  return null;
}

interface KommuneMatch {
  kommune: KommuneRow;
  /** The number as published when it is of another era than 2020–2023, else null. */
  publishedNr: string | null;
  /** How a number of another era was mapped (the crosswalk's or change list's words), else null. */
  mappingNote: string | null;
  /** True when a 2024 number is one part of a kommune that was split on 2024-01-01. */
  partOfSplit: boolean;
}

type KommuneLookup = { ok: true; match: KommuneMatch } | { ok: false; reason: string };

interface ResolveOptions {
  /**
   * Whether a 2024 number that is one part of a split 2020–2023 kommune (Haram 1580, from
   * Ålesund 1507) may stand for that kommune: true for where a company is (it is inside
   * 1507's area), false for a statistic or rank of the part, which is not 1507's.
   */
  acceptPartOfSplit: boolean;
}

/**
 * Kommune numbers of every era and the names each was known by, from the same seed files and
 * the same `KommuneNumbers` the seed loader uses, so an import maps 0604, 3006 and 3303 to
 * Kongsberg exactly as the seeds do. A name is only checked, never used to guess a number.
 */
export class KommuneDirectory {
  private readonly numbers: KommuneNumbers;
  private readonly kommuner: readonly KommuneRow[];
  /** Folded names each code had in any era. */
  private readonly namesOfCode = new Map<string, Set<string>>();
  private readonly kommunerByName = new Map<string, KommuneRow[]>();
  private readonly fylkeNames = new Map<string, string>();
  private readonly fylkeByName = new Map<string, string>();
  /** A register file names the same few hundred number–name pairs a million times. */
  private readonly resolved = new Map<string, KommuneLookup>();

  constructor(kommuner: readonly KommuneRow[], crosswalk: readonly CrosswalkRow[], changes: readonly KommuneChange[]) {
    this.numbers = new KommuneNumbers(kommuner, crosswalk, changes);
    this.kommuner = kommuner;
    for (const kommune of kommuner) {
      const names = [kommune.name, kommune.officialName, ...kommune.validNames, ...kommune.officialName.split(' - ')];
      for (const name of names) {
        this.addName(kommune.nr, name);
        const folded = foldName(name);
        const list = this.kommunerByName.get(folded) ?? [];
        if (!list.includes(kommune)) list.push(kommune);
        this.kommunerByName.set(folded, list);
      }
      this.fylkeNames.set(kommune.fylkeNr, kommune.fylkeName);
      this.fylkeByName.set(foldName(kommune.fylkeName), kommune.fylkeNr);
    }
    for (const row of crosswalk) {
      this.addName(row.nr2024, row.name2024);
    }
    for (const change of changes) {
      this.addName(change.oldCode, change.oldName);
      this.addName(change.newCode, change.newName);
    }
  }

  /** Reads the kommune, crosswalk and change files of `seeds/`. */
  static async load(dir: string = DEFAULT_SEEDS_DIR): Promise<KommuneDirectory> {
    const read = (name: string) => readFile(path.join(dir, name), 'utf8');
    const [kommuner, crosswalk, changes] = await Promise.all([
      read(SEED_FILES.kommuner), read(SEED_FILES.crosswalk2024), read(SEED_FILES.changes),
    ]);
    return new KommuneDirectory(parseKommuner(kommuner), parseCrosswalk(crosswalk), parseChanges(changes));
  }

  private addName(code: string, name: string): void {
    const set = this.namesOfCode.get(code) ?? new Set<string>();
    set.add(foldName(name));
    this.namesOfCode.set(code, set);
  }

  kommune(nr: string): KommuneRow | undefined {
    return this.numbers.kommune(nr);
  }

  /**
   * The 2020–2023 kommune a number of any era stands for. Refused: a malformed or unknown
   * number, a number several kommuner descend from, and a name that is none of the names the
   * number or its kommune ever had.
   */
  resolve(nrText: string, name: string | null, options: ResolveOptions): KommuneLookup {
    const key = `${nrText}\u0000${name ?? ''}\u0000${options.acceptPartOfSplit}`;
    let lookup = this.resolved.get(key);
    if (!lookup) {
      lookup = this.lookup(nrText, name, options);
      if (this.resolved.size < 100_000) this.resolved.set(key, lookup);
    }
    return lookup;
  }

  private lookup(nrText: string, name: string | null, options: ResolveOptions): KommuneLookup {
    const nr = normaliseKommuneNr(nrText);
    if (nr === null) return { ok: false, reason: `kommunenummer "${nrText.slice(0, 20)}" is not four digits` };
    const resolution = this.numbers.resolve(nr);
    if (resolution.nrs.length === 0) return { ok: false, reason: `kommunenummer ${nr} is not a kommune number of 2020–2023, 2024 or SSB's change list 2011–2020` };
    if (resolution.nrs.length > 1) {
      const candidates = resolution.nrs.map((candidate) => `${candidate} ${this.numbers.kommune(candidate)?.name ?? ''}`.trim()).join(', ');
      return { ok: false, reason: `kommunenummer ${nr} maps to several kommuner of 2020–2023 (${candidates}); not guessed` };
    }
    const kommune = this.numbers.kommune(resolution.nrs[0]!)!;
    const partOfSplit = resolution.era === '2024' && resolution.uncertain;
    if (partOfSplit && !options.acceptPartOfSplit) {
      return { ok: false, reason: `${resolution.note!.replace(/; attributed to .*$/, '')}; a figure for the part is not one for ${kommune.nr} ${kommune.name}` };
    }
    if (name !== null && !this.nameFits(nr, kommune.nr, name)) {
      return { ok: false, reason: `name "${name.slice(0, 80)}" does not match kommunenummer ${nr} (${this.describe(nr, kommune)})` };
    }
    const mapped = nr !== kommune.nr;
    return {
      ok: true,
      match: {
        kommune,
        publishedNr: mapped ? nr : null,
        mappingNote: !mapped ? null : resolution.era === 'pre-2020' ? `published under the ${resolution.note}` : resolution.note,
        partOfSplit,
      },
    };
  }

  private nameFits(code: string, nr: string, name: string): boolean {
    const folded = foldName(name);
    if (folded === '') return true;
    return Boolean(this.namesOfCode.get(code)?.has(folded) || this.namesOfCode.get(nr)?.has(folded));
  }

  private describe(code: string, kommune: KommuneRow): string {
    return code === kommune.nr ? kommune.name : `${kommune.nr} ${kommune.name} in 2020–2023`;
  }

  /** Kommuner of 2020–2023 with this name in any of their valid forms; several for Herøy, Våler, Bø. */
  byName(name: string): KommuneRow[] {
    return this.kommunerByName.get(foldName(name)) ?? [];
  }

  fylkeName(nr: string): string | undefined {
    return this.fylkeNames.get(nr);
  }

  /** The 2020–2023 fylke number of a fylke name ("Viken" → 30). */
  fylkeNrByName(name: string): string | undefined {
    return this.fylkeByName.get(foldName(name));
  }

  get all(): readonly KommuneRow[] {
    return this.kommuner;
  }
}
