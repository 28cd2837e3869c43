import type { Database } from '../../db/database.js';
import { badInput, notFound } from '../../errors.js';
import type { RankingRowInput, RankingScope } from '../../generated/graphql.js';
import { findKommuneByAnyNr } from '../kommune/lookup.js';
import type { KommuneRecord } from '../kommune/mappers.js';
import type { RawNode } from '../common/records.js';
import { auditEntry, type AuditContext } from './audit.js';
import * as repo from './repository.js';
import * as check from './validation.js';

export const MAX_RANKING_ROWS = 1000;

export interface RankingImportPlan {
  indicatorKey: string;
  edition: number;
  rows: { kommuneNr: string; rank: number; scope: RankingScope; score: number | null; note: string | null }[];
  source: check.SourcePlan;
}

/** Checks the arguments of `importRankings` (kommune numbers are resolved later, against the graph). */
export function rankingImportPlan(indicator: string, edition: number, rows: readonly RankingRowInput[], source: check.SourceInputLike): RankingImportPlan {
  const indicatorKey = check.text(indicator, 'indicator', { max: check.MAX_NAME });
  if (rows.length === 0 || rows.length > MAX_RANKING_ROWS) throw badInput(`rows must hold 1 to ${MAX_RANKING_ROWS} ranks.`, 'rows');
  return {
    indicatorKey,
    edition: check.intInRange(edition, 'edition', 1990, 2100),
    rows: rows.map((row, i) => {
      if (!/^\d{4}$/.test(row.kommune)) throw badInput(`rows[${i}].kommune must be a four-digit kommunenummer.`, `rows[${i}].kommune`);
      return {
        kommuneNr: row.kommune,
        rank: check.intInRange(row.rank, `rows[${i}].rank`, 1, 1000),
        scope: row.scope,
        score: check.optional(row.score, (value) => check.finite(value, `rows[${i}].score`)) ?? null,
        note: check.optional(row.note, (value) => check.note(value, `rows[${i}].note`)) ?? null,
      };
    }),
    source: check.source(source),
  };
}

/**
 * Kommune numbers of any era to 2020–2023 kommuner, one lookup per distinct number. One at a
 * time: an import is rare, and a burst of 356 parallel reads would crowd out other requests.
 */
async function resolveKommuner(db: Database, plan: RankingImportPlan): Promise<Map<string, KommuneRecord>> {
  const resolved = new Map<string, KommuneRecord>();
  for (const [i, row] of plan.rows.entries()) {
    if (resolved.has(row.kommuneNr)) continue;
    const kommune = await findKommuneByAnyNr(db, row.kommuneNr, `rows[${i}].kommune`);
    if (!kommune) throw badInput(`rows[${i}].kommune: no kommune has or had the number ${row.kommuneNr}.`, `rows[${i}].kommune`);
    resolved.set(row.kommuneNr, kommune);
  }
  return resolved;
}

/**
 * Writes `RankingEntry` nodes with the seeds' id scheme, `<indicator>/<edition>/<kommune>/<scope>/<rank>`,
 * linked to the indicator and the kommune, in one transaction with one audit entry per entry.
 */
export async function importRankings(db: Database, audit: AuditContext, plan: RankingImportPlan): Promise<{ indicator: RawNode; entries: RawNode[] }> {
  const kommuner = await resolveKommuner(db, plan);
  const writes: repo.RankingEntryWrite[] = [];
  const rowOfId = new Map<string, number>();
  for (const [i, row] of plan.rows.entries()) {
    const kommune = kommuner.get(row.kommuneNr)!;
    const key = `${plan.indicatorKey}/${plan.edition}/${kommune.nr}/${row.scope}/${row.rank}`;
    const id = `RankingEntry:${key}`;
    if (rowOfId.has(id)) throw badInput(`rows[${rowOfId.get(id)}] and rows[${i}] are the same entry (${key}).`, `rows[${i}]`);
    rowOfId.set(id, i);
    const mapped = row.kommuneNr !== kommune.nr;
    writes.push({
      id,
      key,
      kommuneId: kommune.id,
      props: {
        rank: row.rank,
        edition: plan.edition,
        dataYear: plan.edition - 1,
        scope: row.scope,
        score: row.score,
        note: row.note,
        publishedNr: mapped ? row.kommuneNr : null,
        mappingNote: mapped ? `published as ${row.kommuneNr}; that number resolves to ${kommune.nr} ${kommune.name} of 2020–2023` : null,
        derived: false,
      },
    });
  }
  return db.writeTransaction(async (tx) => {
    const indicator = await repo.findIndicatorByKey(tx, plan.indicatorKey);
    if (!indicator) throw notFound(`No indicator ${plan.indicatorKey}.`);
    if (indicator.kind !== 'RANK') throw badInput(`${plan.indicatorKey} is a ${String(indicator.kind)} indicator; only RANK indicators take ranks.`, 'indicator');
    await repo.mergeSource(tx, plan.source);
    const before = await repo.lockOrCreateRankingEntries(tx, writes);
    const entries = await repo.writeRankingEntries(tx, indicator.id, writes, plan.source.id);
    const byId = new Map(entries.map((entry) => [entry.id, entry]));
    await repo.recordAudit(tx, writes.map((write) => auditEntry(audit, write.id, before.get(write.id) ?? null, byId.get(write.id) ?? null)));
    return { indicator, entries: writes.map((write) => byId.get(write.id)!) };
  });
}
