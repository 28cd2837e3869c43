import type { KommuneRow, RankingFactRow } from '../files.js';
import { type GraphBuilder, type Properties, GraphFactError } from '../../graph/index.js';
import type { KommuneNumbers } from '../kommuneNumbers.js';
import { slugify } from '../../graph/index.js';

/** The source of ranks derived here from published ones (rows without a URL). */
const DERIVED_SOURCE = 'kommune-nm-derived';
const NATIONAL_SCOPES = new Set(['Norge', 'Norge (fylker)']);

/** The indicator key of a Kommune-NM area as NHO writes it: "Kommuneøkonomi" → `kommune-nm/kommuneokonomi`. */
export function kommuneNmIndicatorKey(index: string): string {
  return `kommune-nm/${slugify(index)}`;
}

/**
 * `<indicator>/<edition>/<subject key>/<scope>/<rank>`: one claim. The seeds, the importer and the
 * mutations key entries this way, so the same claim from any of them is one node.
 */
export function rankingEntryKey(claim: { indicatorKey: string; edition: number; subjectKey: string; scope: 'NATIONAL' | 'FYLKE'; rank: number }): string {
  return `${claim.indicatorKey}/${claim.edition}/${claim.subjectKey}/${claim.scope}/${claim.rank}`;
}

/** A fact whose note says its rank or edition was inferred is marked `inferred`. */
export function noteSaysInferred(note: string | null): boolean {
  return /\binferred\b/i.test(note ?? '');
}

/**
 * Published Kommune-NM ranks as `RankingEntry` nodes. One entry per indicator, edition,
 * ranked kommune or fylke, scope and rank: two sources claiming the same rank make one entry
 * with both sources; different ranks stay separate claims. A row whose note says the rank
 * or edition was inferred keeps `inferred: true`; a row without a source URL is `derived`.
 */
export function addRankings(graph: GraphBuilder, facts: readonly RankingFactRow[], kommuner: readonly KommuneRow[], numbers: KommuneNumbers): void {
  const fylkeByName = new Map(kommuner.map((kommune) => [kommune.fylkeName, kommune.fylkeNr]));
  const claims = facts.map((fact) => toClaim(graph, fact, fylkeByName, numbers));
  const byKey = new Map<string, RankingClaim[]>();
  for (const claim of claims) byKey.set(claim.key, [...(byKey.get(claim.key) ?? []), claim]);

  for (const [key, same] of byKey) {
    // An entry is inferred or derived only if every claim behind it is.
    const derived = same.every((claim) => claim.derived);
    const inferred = same.every((claim) => claim.inferred);
    for (const claim of same) {
      const entryId = graph.node('RankingEntry', key, { ...claim.props, derived, inferred: inferred ? true : null }, claim.sourceIds, { searchable: false });
      graph.relationship('FOR_INDICATOR', entryId, claim.indicatorId, {}, claim.sourceIds);
      graph.relationship('RANKS', entryId, claim.subjectId, {}, claim.sourceIds);
    }
  }
}

interface RankingClaim {
  key: string;
  indicatorId: string;
  subjectId: string;
  props: Properties;
  sourceIds: string[];
  derived: boolean;
  inferred: boolean;
}

function toClaim(graph: GraphBuilder, fact: RankingFactRow, fylkeByName: ReadonlyMap<string, string>, numbers: KommuneNumbers): RankingClaim {
  const where = `${fact.file}:${fact.line}`;
  const indicatorKey = kommuneNmIndicatorKey(fact.index);
  const indicatorId = `Indicator:${indicatorKey}`;
  if (!graph.hasNode(indicatorId)) throw new GraphFactError(`${where}: no indicator ${indicatorKey} for index "${fact.index}"`);
  if (fact.dataYear !== fact.edition - 1) throw new GraphFactError(`${where}: an edition uses the statistics of the year before`);

  let subjectKey: string;
  let publishedNr: string | null = null;
  let mappingNote: string | null = null;
  if (fact.level === 'fylke') {
    subjectKey = fact.nr;
    if (!graph.hasNode(`Fylke:${subjectKey}`)) throw new GraphFactError(`${where}: ${fact.nr} is not a fylke of 2020–2023`);
  } else {
    const resolved = numbers.resolve(fact.nr);
    if (resolved.nrs.length !== 1) throw new GraphFactError(`${where}: kommune ${fact.nr} does not map to one kommune of 2020–2023 (${resolved.note})`);
    subjectKey = resolved.nrs[0]!;
    if (resolved.era !== '2020-2023') {
      publishedNr = fact.nr;
      mappingNote = `published under the ${resolved.note}`;
    }
  }
  const subjectId = `${fact.level === 'fylke' ? 'Fylke' : 'Kommune'}:${subjectKey}`;

  let scope: 'NATIONAL' | 'FYLKE';
  let scopeFylkeNr: string | null = null;
  if (NATIONAL_SCOPES.has(fact.rankScope)) {
    if ((fact.rankScope === 'Norge (fylker)') !== (fact.level === 'fylke')) {
      throw new GraphFactError(`${where}: "${fact.rankScope}" does not fit a ${fact.level} rank`);
    }
    scope = 'NATIONAL';
  } else {
    scopeFylkeNr = fylkeByName.get(fact.rankScope) ?? null;
    if (!scopeFylkeNr || fact.level !== 'kommune') throw new GraphFactError(`${where}: rank scope "${fact.rankScope}" is neither Norge nor a fylke of 2020–2023`);
    if (numbers.kommune(subjectKey)?.fylkeNr !== scopeFylkeNr) throw new GraphFactError(`${where}: ${subjectKey} is not in ${fact.rankScope}`);
    scope = 'FYLKE';
  }

  const derived = fact.sourceUrl === null;
  return {
    key: rankingEntryKey({ indicatorKey, edition: fact.edition, subjectKey, scope, rank: fact.rank }),
    indicatorId,
    subjectId,
    props: {
      rank: fact.rank,
      edition: fact.edition,
      dataYear: fact.dataYear,
      scope,
      scopeName: scope === 'NATIONAL' ? 'Norge' : fact.rankScope,
      scopeFylkeNr,
      score: null,
      publishedNr,
      mappingNote,
      note: fact.note,
    },
    sourceIds: derived ? graph.sources(DERIVED_SOURCE) : [graph.sourceByUrl(fact.sourceUrl!)],
    derived,
    inferred: noteSaysInferred(fact.note),
  };
}
