import { parse } from 'csv-parse/sync';
import type { IndicatorValueRow, KommuneChange, KommuneRow } from './files.js';

/**
 * Rebuilds the `udir/grunnskolepoeng` values on the 2020–2023 kommuner from Udir's kommune rows
 * (`seeds/build/udir_grunnskolepoeng_kommuner_2016_2021.csv`, extracted verbatim from Udir's
 * export). Udir publishes each school year under the kommune numbers of that year and re-keys some
 * history under later numbers (Hitra 5056 repeats 5013; Sandnes 1108 has nothing before 2020), so
 * each year is read only under the numbers in use that year, and each of those counts once.
 */

export const INDICATOR = 'udir/grunnskolepoeng';
const SOURCE_KEY = 'udir-grunnskolepoeng';
/** The spring of each school year Udir's export covers (2015-16 … 2020-21). */
const YEARS = [2016, 2017, 2018, 2019, 2020, 2021] as const;
/** The numbering the graph is keyed on took effect on this day. */
const LAST_CHANGE = '2020-01-01';

/** One kommune and school year as Udir published it; null where Udir suppressed the figure ("*"). */
export interface UdirKommuneYear {
  nr: string;
  name: string;
  year: number;
  points: number | null;
  pupils: number | null;
}

export function parseUdirKommuneYears(text: string): UdirKommuneYear[] {
  const records = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const figure = (value: string | undefined): number | null => (value === undefined || value === '*' || value === '' ? null : Number(value));
  return records.map((record) => ({
    nr: record.kommunenummer!,
    name: record.kommunenavn!,
    year: Number(record.year),
    points: figure(record.grunnskolepoeng),
    pupils: figure(record.antall_elever),
  }));
}

/** A kommune number in use in some year, and the share of its pupils that belongs to a 2020–2023 kommune. */
interface Predecessor {
  nr: string;
  /** 1, or 1/n when the kommune was split between n kommuner (shares are not in the sources, so equal). */
  share: number;
  /** For a split: the kommuner it was split between and the day, for the note. */
  split: { into: string[]; date: string } | null;
}

/**
 * For each 2020–2023 kommune, the kommune numbers in use on 1 January of `year` that became (part
 * of) it by 2020-01-01, following SSB's change list: merges, renumberings and the splits of Stokke
 * (2017), Tysfjord and Snillfjord (2020).
 */
export function predecessorsIn(year: number, kommuner: readonly KommuneRow[], changes: readonly KommuneChange[]): Map<string, Predecessor[]> {
  const start = `${year}-01-01`;
  const later = changes.filter((change) => change.date > start && change.date <= LAST_CHANGE);
  // The numbers in use at `start`: undo each later day of changes, newest first.
  const inUse = new Set(kommuner.map((kommune) => kommune.nr));
  for (const date of [...new Set(later.map((change) => change.date))].sort().reverse()) {
    const ofDay = later.filter((change) => change.date === date);
    for (const change of ofDay) inUse.delete(change.newCode);
    for (const change of ofDay) inUse.add(change.oldCode);
  }
  const byKommune = new Map<string, Predecessor[]>(kommuner.map((kommune) => [kommune.nr, []]));
  for (const nr of [...inUse].sort()) {
    for (const { target, share, split } of successors(nr, start, later)) {
      const list = byKommune.get(target);
      if (!list) throw new Error(`${nr} (in use ${start}) leads to ${target}, which is not a kommune of 2020–2023`);
      list.push({ nr, share, split });
    }
  }
  return byKommune;
}

function successors(
  nr: string, after: string, changes: readonly KommuneChange[],
): { target: string; share: number; split: Predecessor['split'] }[] {
  const next = changes.filter((change) => change.oldCode === nr && change.date > after);
  if (next.length === 0) return [{ target: nr, share: 1, split: null }];
  const date = next.map((change) => change.date).sort()[0]!;
  const step = next.filter((change) => change.date === date);
  const split = step.length > 1 ? { into: step.map((change) => `${change.newCode} ${change.newName}`), date } : null;
  return step.flatMap((change) => successors(change.newCode, date, changes).map((result) => ({
    target: result.target,
    share: result.share / step.length,
    split: split ?? result.split,
  })));
}

/**
 * One value per 2020–2023 kommune and year where every predecessor in use that year has a
 * published figure: the figure itself for one whole predecessor, else the mean of the
 * predecessors' figures weighted by their pupils (times the share of a split kommune), to two
 * decimals. The note names the figures and weights used.
 */
export function rebuildGrunnskolepoeng(
  udir: readonly UdirKommuneYear[], kommuner: readonly KommuneRow[], changes: readonly KommuneChange[],
): IndicatorValueRow[] {
  const published = new Map(udir.map((row) => [`${row.nr}/${row.year}`, row]));
  const rows: IndicatorValueRow[] = [];
  for (const year of YEARS) {
    const predecessors = predecessorsIn(year, kommuner, changes);
    for (const kommune of [...kommuner].sort((a, b) => a.nr.localeCompare(b.nr))) {
      const parts = predecessors.get(kommune.nr)!.map((predecessor) => ({ predecessor, figure: published.get(`${predecessor.nr}/${year}`) }));
      if (parts.length === 0 || parts.some(({ figure }) => figure?.points == null || figure.pupils == null)) continue;
      const known = parts as { predecessor: Predecessor; figure: UdirKommuneYear & { points: number; pupils: number } }[];
      const base = { indicator: INDICATOR, kommuneNr: kommune.nr, kommuneName: kommune.name, year, sourceKey: SOURCE_KEY };
      const [only] = known;
      if (known.length === 1 && only!.predecessor.share === 1) {
        const note = only!.figure.nr === kommune.nr ? null
          : `Udir's figure for ${only!.figure.nr} ${only!.figure.name}, the number of this kommune in ${year} (renumbered ${kommune.nr} by 2020-01-01, SSB Klass 131 changes)`;
        rows.push({ ...base, value: only!.figure.points, note });
        continue;
      }
      const weights = known.map(({ predecessor, figure }) => figure.pupils * predecessor.share);
      const total = weights.reduce((sum, weight) => sum + weight, 0);
      const mean = known.reduce((sum, { figure }, i) => sum + figure.points * weights[i]!, 0) / total;
      const terms = known.map(({ predecessor, figure }) => {
        const pupils = predecessor.share === 1 ? `${figure.pupils} pupils`
          : `${figure.pupils} pupils × 1/${Math.round(1 / predecessor.share)}, split between ${predecessor.split!.into.join(', ')} on ${predecessor.split!.date}, equal shares assumed`;
        return `${figure.nr} ${figure.name} ${figure.points} (${pupils})`;
      });
      rows.push({
        ...base,
        value: Math.round(mean * 100) / 100,
        note: `pupil-weighted mean of Udir's figures for the kommuner of ${year} that became ${kommune.nr} ${kommune.name} (SSB Klass 131 changes): ${terms.join('; ')}`,
      });
    }
  }
  return rows;
}


/** A value as the seed files write it: "40.0", "41.29". */
export function formatValue(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}
