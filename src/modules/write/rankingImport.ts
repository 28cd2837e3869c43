import type { Database } from '../../db/database.js';
import { apiError, badInput, ErrorCode } from '../../errors.js';
import type { MutationImportRankingsArgs } from '../../generated/graphql.js';
import type { RankingRowsSummary } from '../../import/index.js';
import { auditEntry, type AuditContext } from './audit.js';
import { recordAudit } from './repository.js';
import * as check from '../../graph/validation.js';

/** One call carries a table of one edition, not a register: Kommune-NM has 356 rows per index. */
const MAX_RANKING_ROWS = 1000;

/** Refusals listed in a strict call's error; the count says how many there were. */
const REFUSALS_IN_ERROR = 50;

/**
 * `importRankings`: the import pipeline's `importRankingRows` (the same mapping, checks and ids
 * as `npm run import -- kommune-nm`), with the mutation's audit trail written in the pipeline's
 * transaction, one entry per ranking entry created or changed.
 */
/** What needs no database: the size of the call and its source. */
export function checkImportRankingsArgs(args: Pick<MutationImportRankingsArgs, 'rows' | 'source'>): void {
  if (args.rows.length === 0 || args.rows.length > MAX_RANKING_ROWS) throw badInput(`rows must hold 1 to ${MAX_RANKING_ROWS} ranks.`, 'rows');
  check.source(args.source);
}

export async function importRankings(db: Database, audit: AuditContext, args: MutationImportRankingsArgs): Promise<RankingRowsSummary> {
  checkImportRankingsArgs(args);
  const strict = args.strict ?? false;
  // Loaded on first use: the import pipeline and its parsers are weight a server that never imports need not carry.
  const { importRankingRows } = await import('../../import/index.js');
  const summary = await importRankingRows(db, {
    indicator: args.indicator,
    edition: args.edition,
    rows: args.rows,
    source: args.source,
    strict,
    dryRun: args.dryRun ?? false,
    audit: (tx, changes) => recordAudit(tx, changes.map((change) => auditEntry(audit, change.id, change.before, change.after))),
  });
  if (strict && summary.refusedCount > 0) {
    const refused = summary.refused.slice(0, REFUSALS_IN_ERROR).map(({ index, reason }) => ({ index, reason }));
    const first = refused[0]!;
    throw apiError(ErrorCode.BAD_USER_INPUT, `${summary.refusedCount} of ${args.rows.length} rows refused, so nothing was written (strict); rows[${String(first.index)}]: ${first.reason}`, {
      argumentName: 'rows',
      refused,
    });
  }
  return summary;
}
