import type { Tx } from '../db/database.js';
import { kommuneNmIndicatorKey, noteSaysInferred, rankingEntryKey } from '../seed/build/rankings.js';
import type { Properties, SourceRecord } from '../graph/index.js';
import { writeNodes, writeRelationships, writeSources } from '../graph/index.js';
import { cites, hasChanges, type Outcome, outcomeOf, propertyChanges } from './diff.js';
import { foldName, type KommuneDirectory } from './kommuner.js';
import type { BatchPlan, EntityChange } from './pipeline.js';
import { readNodesWithLinks } from './repository.js';

/** The Kommune-NM areas as NHO writes them, each a RANK indicator of the seeds. */
export const KOMMUNE_NM_AREAS = ['Total', 'Næringsliv', 'Arbeidsmarked', 'Demografi', 'Kompetanse', 'Kommuneøkonomi'] as const;
const AREA_KEYS = new Map(KOMMUNE_NM_AREAS.map((area) => [kommuneNmIndicatorKey(area), area]));

/** `kommune-nm/<area>` of an area name as NHO writes it (or as its key's last part), else null. */
export function kommuneNmIndicator(index: string): string | null {
  const key = kommuneNmIndicatorKey(index);
  return AREA_KEYS.has(key) ? key : null;
}

export type RankScope = 'NATIONAL' | 'FYLKE';

/** One published rank, as a file row or a mutation's row gives it. */
interface RankingClaim {
  indicatorKey: string;
  edition: number;
  dataYear: number;
  level: 'kommune' | 'fylke';
  /** A kommune number of any era, or a 2020–2023 fylke number. */
  nr: string;
  name: string | null;
  rank: number;
  scope: RankScope;
  /** For FYLKE: the fylke as published; defaults to the kommune's own fylke. */
  scopeFylkeNr?: string;
  score: number | null;
  note: string | null;
}

export interface RankingUnit {
  id: string;
  key: string;
  indicatorId: string;
  subjectId: string;
  props: Properties;
  /** Filled in before planning: the `Source` the rank cites. */
  sourceId: string;
  /** The row's own source page, if it names one; else the file's source is cited. */
  sourceUrl: string | null;
}

/** A kommune or fylke has one rank per area, edition and scope in one table. */
export function rankingDuplicateKey(unit: RankingUnit): string {
  const { edition, scope } = unit.props;
  return `${unit.indicatorId.slice('Indicator:'.length)}, edition ${String(edition)}, ${unit.subjectId}, ${String(scope)}`;
}

/**
 * A rank as a `RankingEntry` of the seeds' shape and id, or the reason it cannot be one. Ranks
 * published under a number of another era are attached to the 2020–2023 kommune with
 * `publishedNr` and a `mappingNote`, as the seeds attach Kongsberg's 0604 ranks.
 */
export function rankingUnit(claim: RankingClaim, directory: KommuneDirectory, sourceUrl: string | null): RankingUnit | string {
  if (claim.dataYear !== claim.edition - 1) {
    return `data_year ${claim.dataYear} does not fit edition ${claim.edition}: an edition ranks the statistics of the year before (${claim.edition - 1})`;
  }
  let subjectId: string;
  let subjectKey: string;
  let subjectFylke: string;
  let publishedNr: string | null = null;
  let mappingNote: string | null = null;
  if (claim.level === 'fylke') {
    const fylkeName = directory.fylkeName(claim.nr);
    if (!fylkeName) return `${claim.nr} is not a fylke number of 2020–2023`;
    if (claim.name !== null && foldName(claim.name) !== foldName(fylkeName)) {
      return `name "${claim.name.slice(0, 80)}" does not match fylke ${claim.nr} (${fylkeName})`;
    }
    subjectKey = claim.nr;
    subjectId = `Fylke:${claim.nr}`;
    subjectFylke = claim.nr;
  } else {
    const lookup = directory.resolve(claim.nr, claim.name, { acceptPartOfSplit: false });
    if (!lookup.ok) return lookup.reason;
    subjectKey = lookup.match.kommune.nr;
    subjectId = `Kommune:${subjectKey}`;
    subjectFylke = lookup.match.kommune.fylkeNr;
    publishedNr = lookup.match.publishedNr;
    mappingNote = lookup.match.mappingNote;
  }

  let scopeFylkeNr: string | null = null;
  let scopeName = 'Norge';
  if (claim.scope === 'FYLKE') {
    if (claim.level === 'fylke') return 'a fylke is ranked among fylker (scope NATIONAL), not within a fylke';
    scopeFylkeNr = claim.scopeFylkeNr ?? subjectFylke;
    if (scopeFylkeNr !== subjectFylke) {
      return `${subjectKey} ${directory.kommune(subjectKey)!.name} is not in ${directory.fylkeName(scopeFylkeNr) ?? scopeFylkeNr}, so it has no rank within it`;
    }
    scopeName = directory.fylkeName(scopeFylkeNr) ?? scopeFylkeNr;
  }

  const key = rankingEntryKey({ indicatorKey: claim.indicatorKey, edition: claim.edition, subjectKey, scope: claim.scope, rank: claim.rank });
  return {
    id: `RankingEntry:${key}`,
    key,
    indicatorId: `Indicator:${claim.indicatorKey}`,
    subjectId,
    props: {
      rank: claim.rank,
      edition: claim.edition,
      dataYear: claim.dataYear,
      scope: claim.scope,
      scopeName,
      scopeFylkeNr,
      score: claim.score,
      publishedNr,
      mappingNote,
      derived: false,
      inferred: noteSaysInferred(claim.note) ? true : null,
      note: claim.note,
    },
    sourceId: '',
    sourceUrl,
  };
}

/**
 * What the graph holds of these entries, and the writes that make it hold them: the entry
 * node, FOR_INDICATOR and RANKS, each citing the rank's source. Sources in `newSources` are
 * created first.
 */
export async function planRankings(tx: Tx, units: readonly RankingUnit[], newSources: readonly SourceRecord[]): Promise<BatchPlan> {
  const stored = await readNodesWithLinks(tx, units.map((unit) => unit.id), ['FOR_INDICATOR', 'RANKS']);
  const nodes: Parameters<typeof writeNodes>[1][number][] = [];
  const links: Parameters<typeof writeRelationships>[1][number][] = [];
  const changes: EntityChange[] = [];
  const outcomes: Outcome[] = units.map((unit) => {
    const node = stored.get(unit.id);
    const before = node?.props ?? null;
    const props = propertyChanges(before, unit.props);
    const nodeChanged = before === null || hasChanges(props) || !cites(before.sourceIds, unit.sourceId);
    if (nodeChanged) {
      nodes.push({ label: 'RankingEntry', id: unit.id, key: unit.key, searchText: null, props, sourceIds: [unit.sourceId] });
      const sourceIds = [...new Set([...((before?.sourceIds as string[] | undefined) ?? []), unit.sourceId])];
      changes.push({ id: unit.id, before, after: { ...(before ?? {}), ...props, key: unit.key, sourceIds } });
    }
    let linksChanged = false;
    for (const [type, to] of [['FOR_INDICATOR', unit.indicatorId], ['RANKS', unit.subjectId]] as const) {
      const link = node?.links.find((candidate) => candidate.type === type && candidate.to === to);
      if (link && cites(link.props.sourceIds, unit.sourceId)) continue;
      links.push({ type, from: unit.id, to, props: {}, sourceIds: [unit.sourceId] });
      linksChanged = true;
    }
    return outcomeOf(before !== null, nodeChanged || linksChanged);
  });
  return {
    outcomes,
    changes,
    async write(writer) {
      await writeSources(writer, newSources);
      if (nodes.length > 0) await writeNodes(writer, nodes);
      if (links.length === 0) return;
      const written = await writeRelationships(writer, links);
      if (written !== links.length) throw new Error(`only ${written} of ${links.length} ranking links found both ends; is the indicator or the kommune missing?`);
    },
  };
}
