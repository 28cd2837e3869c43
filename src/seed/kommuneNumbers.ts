import type { CrosswalkRow, KommuneChange, KommuneRow } from './files.js';

/** The day the 2020–2023 numbering took effect; changes up to it produce `formerNrs`. */
const REFORM_2020 = '2020-01-01';

/** How a kommune number of some era maps to the 2020–2023 kommuner. */
interface Resolution {
  /** 2020–2023 numbers, sorted; empty when the number is unknown. */
  nrs: string[];
  era: '2020-2023' | '2024' | 'pre-2020' | 'unknown';
  /** True when a split or merge leaves more than one candidate, or the 2024 kommune is part of a split one. */
  uncertain: boolean;
  /** How the mapping was made, for a relationship's `mappingNote`; null for a 2020–2023 number. */
  note: string | null;
}

/**
 * Kommune numbers across eras: pre-2020 numbers (SSB Klass 131 changes up to 2020-01-01),
 * 2020–2023 numbers (the keys of the graph) and 2024 numbers (the 2023→2024 crosswalk).
 * A split kommune maps to several successors and a merged one to one; nothing is guessed.
 */
export class KommuneNumbers {
  private readonly kommuner: Map<string, KommuneRow>;
  private readonly successors2024 = new Map<string, CrosswalkRow[]>();
  private readonly predecessors2024 = new Map<string, CrosswalkRow[]>();
  /** Non-identity changes up to 2020-01-01, by old code. */
  private readonly changesFrom = new Map<string, KommuneChange[]>();
  private readonly formerByKommune = new Map<string, string[]>();

  constructor(kommuner: readonly KommuneRow[], crosswalk: readonly CrosswalkRow[], changes: readonly KommuneChange[]) {
    this.kommuner = new Map(kommuner.map((kommune) => [kommune.nr, kommune]));
    for (const row of crosswalk) {
      push(this.successors2024, row.nr2023, row);
      push(this.predecessors2024, row.nr2024, row);
    }
    for (const change of changes) {
      if (change.date <= REFORM_2020 && change.oldCode !== change.newCode) push(this.changesFrom, change.oldCode, change);
    }
    for (const code of this.changesFrom.keys()) {
      if (this.kommuner.has(code)) continue;
      for (const nr of this.finalNrs(code)) push(this.formerByKommune, nr, code);
    }
    for (const list of this.formerByKommune.values()) list.sort();
  }

  has(nr: string): boolean {
    return this.kommuner.has(nr);
  }

  kommune(nr: string): KommuneRow | undefined {
    return this.kommuner.get(nr);
  }

  /** Pre-2020 numbers that became (part of) this kommune, oldest codes included (0604 → 3006). */
  formerNrs(nr: string): string[] {
    return this.formerByKommune.get(nr) ?? [];
  }

  /** The 2024 numbers this kommune became: one, or two for Ålesund 1507 (1508 and 1580). */
  nrs2024(nr: string): string[] {
    return (this.successors2024.get(nr) ?? []).map((row) => row.nr2024);
  }

  /** The names of those 2024 kommuner, in the same order (Ålesund 1507: Ålesund, Haram). */
  names2024(nr: string): string[] {
    return (this.successors2024.get(nr) ?? []).map((row) => row.name2024);
  }

  resolve(code: string): Resolution {
    if (this.kommuner.has(code)) return { nrs: [code], era: '2020-2023', uncertain: false, note: null };
    const predecessors = this.predecessors2024.get(code);
    if (predecessors) return this.resolve2024(code, predecessors);
    if (this.changesFrom.has(code)) return this.resolveFormer(code);
    return { nrs: [], era: 'unknown', uncertain: false, note: `${code} is not a kommune number of 2020–2023, 2024 or SSB's change list 2011–2020` };
  }

  private resolve2024(code: string, predecessors: CrosswalkRow[]): Resolution {
    const nrs = predecessors.map((row) => row.nr2023).sort();
    const name2024 = predecessors[0]!.name2024;
    const from = predecessors.map((row) => `${row.nr2023} ${row.name2023}`).join(' and ');
    if (predecessors.length > 1) {
      return { nrs, era: '2024', uncertain: true, note: `2024 number ${code} (${name2024}) was formed from ${from}; which of them is meant is not known` };
    }
    const siblings = this.nrs2024(nrs[0]!);
    if (siblings.length > 1) {
      return {
        nrs,
        era: '2024',
        uncertain: true,
        note: `2024 number ${code} (${name2024}) is one of the kommuner ${from} was split into on 2024-01-01 (${siblings.join(', ')}); attributed to ${from}`,
      };
    }
    return { nrs, era: '2024', uncertain: false, note: `published with the 2024 number ${code} (${name2024}), which was ${from} in 2020–2023` };
  }

  private resolveFormer(code: string): Resolution {
    const nrs = [...this.finalNrs(code)].sort();
    const paths = this.paths(code).join('; ');
    const note = `pre-2020 number ${code}: ${paths} (SSB Klass 131 changes)`;
    return { nrs, era: 'pre-2020', uncertain: nrs.length > 1, note: nrs.length > 1 ? `${note}; split, so which successor is meant is not known` : note };
  }

  /** The 2020–2023 numbers an old code ends up in, following renumberings and merges. */
  private finalNrs(code: string, seen = new Set<string>()): Set<string> {
    if (seen.has(code)) return new Set();
    seen.add(code);
    const next = this.changesFrom.get(code);
    if (!next) return this.kommuner.has(code) ? new Set([code]) : new Set();
    const result = new Set<string>();
    for (const change of next) for (const nr of this.finalNrs(change.newCode, seen)) result.add(nr);
    return result;
  }

  /** Each chain of changes from an old code to a 2020–2023 kommune, e.g. "1901 Harstad → 1903 Harstad (2013-01-01) → 5402 Harstad (2020-01-01)". */
  private paths(code: string): string[] {
    const first = this.changesFrom.get(code)?.[0];
    const start = first ? `${code} ${first.oldName}` : code;
    return this.tails(code, new Set()).map((tail) => start + tail);
  }

  private tails(code: string, seen: Set<string>): string[] {
    const next = this.changesFrom.get(code);
    if (!next || seen.has(code)) return [''];
    return next.flatMap((change) => {
      const step = ` → ${change.newCode} ${change.newName} (${change.date})`;
      return this.tails(change.newCode, new Set([...seen, code])).map((rest) => step + rest);
    });
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
