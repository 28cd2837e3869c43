import type { Barnevern2021Row, CollaborationRow } from '../files.js';
import type { GraphBuilder } from '../../graph/index.js';
import type { KommuneNumbers } from '../kommuneNumbers.js';

function normaliseName(name: string): string {
  return name.replace(/\s*\(.*$/, '').trim().toLowerCase();
}

/** One kommune's membership in one year's listing of a collaboration. */
interface Membership {
  nr: string;
  publishedNr: string;
  publishedName: string | null;
  note: string | null;
  inferred: boolean;
  /** Whether the number was mapped from another era (so the change list is a source too). */
  mapped: boolean;
}

/** A collaboration as one year's file lists it: its members and what could not be linked. */
export interface ListedGroup {
  year: 2021 | 2023;
  members: Membership[];
  unresolved: string[];
  /** 2023: the Bufdir row; 2021: the group's member numbers as listed. */
  label: string;
  memberNames: string[];
  publishedFylke: string | null;
}

/**
 * A 2021 group is the same collaboration as a 2023 one when at least half the members of the
 * larger of the two are in both. Pairs are taken by most members in common first, each
 * collaboration at most once; a 2021 group left over is a 2021-only collaboration.
 */
export function matchGroups(groups2021: readonly ListedGroup[], groups2023: readonly ListedGroup[]): Map<number, number> {
  const pairs: { i: number; j: number; common: number }[] = [];
  groups2021.forEach((a, i) => {
    const mine = new Set(a.members.map((m) => m.nr));
    groups2023.forEach((b, j) => {
      const common = b.members.filter((m) => mine.has(m.nr)).length;
      if (common > 0 && 2 * common >= Math.max(a.members.length, b.members.length)) pairs.push({ i, j, common });
    });
  });
  pairs.sort((x, y) => y.common - x.common || x.i - y.i || x.j - y.j);
  const matched = new Map<number, number>();
  const taken = new Set<number>();
  for (const { i, j } of pairs) {
    if (matched.has(i) || taken.has(j)) continue;
    matched.set(i, j);
    taken.add(j);
  }
  return matched;
}

/** Bufdir's 2023 rows, members mapped to 2020–2023 numbers (the file mixes numbering eras). */
function groups2023(rows: readonly CollaborationRow[], numbers: KommuneNumbers): ListedGroup[] {
  return rows.map((row) => {
    const members: Membership[] = [];
    const unresolved: string[] = [];
    row.memberNrs.forEach((publishedNr, i) => {
      const publishedName = row.memberNames[i]!;
      const resolved = numbers.resolve(publishedNr);
      let candidates = resolved.nrs;
      if (candidates.length > 1) {
        candidates = candidates.filter((nr) => normaliseName(numbers.kommune(nr)!.name) === normaliseName(publishedName));
      }
      if (candidates.length !== 1) {
        unresolved.push(`${publishedName} ${publishedNr}${resolved.note ? ` (${resolved.note})` : ''}`);
        return;
      }
      const nr = candidates[0]!;
      const name = numbers.kommune(nr)!.name;
      const notes = [
        resolved.note,
        resolved.nrs.length > 1 ? `chosen by the published name ${publishedName}` : null,
        normaliseName(name) === normaliseName(publishedName) ? null : `published name ${publishedName} differs from ${name}`,
      ].filter((part): part is string => part !== null);
      members.push({
        nr, publishedNr, publishedName, note: notes.length > 0 ? notes.join('; ') : null, inferred: resolved.uncertain, mapped: resolved.era !== '2020-2023',
      });
    });
    return { year: 2023, members, unresolved, label: `line ${row.line}`, memberNames: row.memberNames, publishedFylke: row.fylke };
  });
}

/**
 * The 2021 register extract: one row per kommune naming the group it is in, by names and by
 * numbers. The three statements disagree in a few rows (a number of the wrong kommune, a row
 * under the wrong number), so a kommune is a member when at least two of them say so: its own
 * row names the group, the group's number list has it, the group's name list has its name.
 * Anything named by one statement only, and codes that are no kommune (city districts), is
 * reported. A group with fewer than two members is not inter-municipal and is reported only.
 */
export function groups2021(rows: readonly Barnevern2021Row[], numbers: KommuneNumbers): { groups: ListedGroup[]; skipped: string[] } {
  const byList = new Map<string, { nrs: string[]; names: string[]; rowNrs: string[] }>();
  for (const row of rows) {
    if (row.partnerNrs === null || row.partnerNames === null) continue;
    const key = row.partnerNrs.join(', ');
    const entry = byList.get(key) ?? { nrs: row.partnerNrs, names: row.partnerNames, rowNrs: [] };
    entry.rowNrs.push(row.kommuneNr);
    byList.set(key, entry);
  }
  const groups: ListedGroup[] = [];
  const skipped: string[] = [];
  for (const [label, { nrs, names, rowNrs }] of byList) {
    const listed = nrs.map(asKommuneNr);
    const rowed = rowNrs.map(asKommuneNr);
    const listedNames = new Set(names.map(normaliseName));
    const unresolved: string[] = [];
    const members: Membership[] = [];
    for (const code of [...new Set([...listed, ...rowed])]) {
      const kommune = numbers.kommune(code);
      if (!kommune) {
        unresolved.push(`${code} (${code.length === 6 ? 'a city district' : 'no kommune'} of 2020–2023)`);
        continue;
      }
      const named = listedNames.has(normaliseName(kommune.name));
      const votes = [listed.includes(code), rowed.includes(code), named].filter(Boolean).length;
      if (votes < 2) {
        unresolved.push(`${code} ${kommune.name} (only ${listed.includes(code) ? 'the number list' : rowed.includes(code) ? 'its own row' : 'the name list'} names it)`);
        continue;
      }
      const index = listed.indexOf(code);
      members.push({
        nr: code,
        publishedNr: index >= 0 ? nrs[index]! : rowNrs[rowed.indexOf(code)]!,
        publishedName: named ? kommune.name.toUpperCase() : null,
        note: votes === 3 ? null : `2021: named by ${[listed.includes(code) ? 'the number list' : null, rowed.includes(code) ? 'its own row' : null, named ? 'the name list' : null].filter(Boolean).join(' and ')} only`,
        inferred: false,
        mapped: false,
      });
    }
    if (members.length < 2) {
      skipped.push(`group ${label}: ${members.length} kommune(r) linked; not inter-municipal${unresolved.length > 0 ? ` (${unresolved.join('; ')})` : ''}`);
      continue;
    }
    groups.push({ year: 2021, members, unresolved, label: `group ${label}`, memberNames: names, publishedFylke: null });
  }
  return { groups, skipped };
}

/** `301` → `0301`; six-digit city district codes stay as written. */
function asKommuneNr(code: string): string {
  return code.length < 4 ? code.padStart(4, '0') : code;
}

/**
 * Inter-municipal child welfare collaborations over time: Bufdir's 2023 file and the 2021
 * register extract. One `Collaboration` per collaboration with `years` (the years it is listed
 * in); each membership has `years` too. A 2023 collaboration keeps its key
 * `bufdir-barnevern-<row>`; a 2021-only one is `barnevern-2021-<n>`. What could not be linked is
 * listed in the collaboration's note.
 */
export function addCollaborations(
  graph: GraphBuilder, rows: readonly CollaborationRow[], rows2021: readonly Barnevern2021Row[], numbers: KommuneNumbers,
): void {
  const bufdir = graph.sources('bufdir-barnevern-2023');
  const register = graph.sources('khr-barnevern-iks-2021');
  const changes = graph.sources('ssb-klass-131-changes');
  const listed2023 = groups2023(rows, numbers);
  const { groups: listed2021, skipped } = groups2021(rows2021, numbers);
  const matches = matchGroups(listed2021, listed2023);
  const matchedBy2023 = new Map([...matches].map(([i, j]) => [j, i]));

  const collaborations: { key: string; listings: ListedGroup[] }[] = [
    ...listed2023.map((group, j) => ({
      key: `bufdir-barnevern-${j + 1}`,
      listings: matchedBy2023.has(j) ? [listed2021[matchedBy2023.get(j)!]!, group] : [group],
    })),
    ...listed2021.filter((_, i) => !matches.has(i)).map((group, n) => ({ key: `barnevern-2021-${n + 1}`, listings: [group] })),
  ];

  for (const { key, listings } of collaborations) {
    const latest = listings.at(-1)!;
    const names = latest.members.map((member) => numbers.kommune(member.nr)!.name);
    const sourcesOf = (year: number) => (year === 2023 ? bufdir : register);
    const unresolved = listings.flatMap((group) => group.unresolved.map((text) => `${group.year}: ${text}`));
    const earlier = listings.length > 1 ? listings[0]! : null;
    const collaborationId = graph.node('Collaboration', key, {
      name: `Interkommunalt barnevern ${names.join(', ')}`,
      domain: 'barnevern',
      year: latest.year,
      years: listings.map((group) => group.year),
      memberNames: latest.memberNames,
      publishedFylke: latest.publishedFylke,
      note: [
        unresolved.length > 0 ? `not linked (no single kommune of 2020–2023, or named by one statement only): ${unresolved.join('; ')}` : null,
        earlier ? `2021 register ${earlier.label} matched to this 2023 collaboration: ${common(earlier, latest)} of ${Math.max(earlier.members.length, latest.members.length)} members in common` : null,
      ].filter(Boolean).join('. ') || null,
    }, listings.flatMap((group) => sourcesOf(group.year)), { names });

    const byKommune = new Map<string, Membership[]>();
    const yearsOf = new Map<string, number[]>();
    for (const group of listings) {
      for (const member of group.members) {
        byKommune.set(member.nr, [...(byKommune.get(member.nr) ?? []), member]);
        yearsOf.set(member.nr, [...(yearsOf.get(member.nr) ?? []), group.year]);
      }
    }
    for (const [nr, memberships] of byKommune) {
      const years = yearsOf.get(nr)!;
      // The latest listing's published form; an earlier one's only where it differs.
      const last = memberships.at(-1)!;
      const first = memberships[0]!;
      const notes = memberships.map((m) => m.note).filter((note): note is string => note !== null);
      if (memberships.length > 1 && first.publishedNr !== last.publishedNr) notes.push(`2021 register: ${first.publishedNr}`);
      graph.relationship('PARTICIPATES_IN', `Kommune:${nr}`, collaborationId, {
        years,
        publishedNr: last.publishedNr,
        publishedName: last.publishedName,
        note: notes.length > 0 ? notes.join('; ') : null,
        inferred: memberships.some((m) => m.inferred) ? true : null,
      }, [...years.flatMap(sourcesOf), ...(memberships.some((m) => m.mapped) ? changes : [])]);
    }
  }
  for (const text of skipped) graph.note(`Barnevern 2021: ${text}.`);
  graph.note(`Barnevern: ${listed2023.length} collaborations of 2023, ${listed2021.length} groups of 2021, ${matches.size} in both years, ${listed2021.length - matches.size} only in 2021.`);
}

function common(a: ListedGroup, b: ListedGroup): number {
  const mine = new Set(a.members.map((m) => m.nr));
  return b.members.filter((m) => mine.has(m.nr)).length;
}
