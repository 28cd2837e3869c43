import type { CollaborationRow } from '../files.js';
import type { GraphBuilder } from '../../graph/index.js';
import type { KommuneNumbers } from '../kommuneNumbers.js';

function normaliseName(name: string): string {
  return name.replace(/\s*\(.*$/, '').trim().toLowerCase();
}

/**
 * Bufdir's inter-municipal child welfare collaborations (2023): one `Collaboration` per row,
 * members mapped to 2020–2023 numbers. The file mixes numbering eras, so each membership says
 * how its number was mapped; a number that maps to no kommune, or to several with no name to
 * choose by, is listed in the collaboration's note instead of being linked.
 */
export function addCollaborations(graph: GraphBuilder, rows: readonly CollaborationRow[], numbers: KommuneNumbers): void {
  const bufdir = graph.sources('bufdir-barnevern-2023');
  const mappingSources = [...bufdir, ...graph.sources('ssb-klass-131-changes')];

  rows.forEach((row, index) => {
    const members: { nr: string; publishedNr: string; publishedName: string; note: string | null; inferred: boolean; mapped: boolean }[] = [];
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

    const names = members.map((member) => numbers.kommune(member.nr)!.name);
    const collaborationId = graph.node('Collaboration', `bufdir-barnevern-${index + 1}`, {
      name: `Interkommunalt barnevern ${names.join(', ')}`,
      domain: 'barnevern',
      year: 2023,
      memberNames: row.memberNames,
      publishedFylke: row.fylke,
      note: unresolved.length > 0 ? `members not linked because their number maps to no single kommune of 2020–2023: ${unresolved.join('; ')}` : null,
    }, bufdir, { names });

    for (const member of members) {
      graph.relationship('PARTICIPATES_IN', `Kommune:${member.nr}`, collaborationId, {
        publishedNr: member.publishedNr,
        publishedName: member.publishedName,
        note: member.note,
        inferred: member.inferred ? true : null,
      }, member.mapped ? mappingSources : bufdir);
    }
  });
}
