/**
 * Importers for researchers' own data: one pipeline (parse → check → normalise kommune numbers →
 * batched idempotent writes → summary) behind `npm run import` and the `importRankings` mutation.
 *
 * For the mutation:
 *
 *   importRankingRows(db: Database, input: {
 *     indicator: string;            // key of an existing RANK indicator, e.g. "kommune-nm/total"
 *     edition: number;              // 1990–2100; dataYear is edition − 1, as in Kommune-NM
 *     rows: readonly {
 *       kommune: string;            // kommunenummer of any era: "0604", "3006" and "3303" are Kongsberg
 *       name?: string | null;       // when given, must be a name the number had (compared folded)
 *       rank: number;               // whole number 1–1000
 *       scope: 'NATIONAL' | 'FYLKE';// FYLKE: within the kommune's fylke of 2020–2023
 *       score?: number | null;
 *       note?: string | null;
 *     }[];
 *     source: { title: string; url?: string | null; publisher: string; note?: string | null; licence?: string | null };
 *     strict?: boolean;             // all or nothing: write only when no row is refused (default false)
 *     dryRun?: boolean;             // check and report what would change, write nothing (default false)
 *     audit?: (tx: Tx, changes: readonly EntityChange[]) => Promise<void>;  // runs in the same transaction
 *   }): Promise<ImportSummary & { entryIds: (string | null)[] }>  // entryIds: one per row, null when refused
 *
 * All rows go in one write transaction. A refused row is listed with its `index` (from 0) and
 * the reason; the good rows land unless `strict`. Bad arguments that concern every row (an
 * invalid source, an indicator that is not RANK) throw a GraphQLError with code BAD_USER_INPUT;
 * an unknown indicator throws NOT_FOUND.
 */
import type { Database, Tx } from '../db/database.js';
import { runAnalysis } from '../analyze/runAnalysis.js';
import { badInput, notFound } from '../errors.js';
import { source as checkSource, type SourceInputLike } from '../graph/validation.js';
import { decimalNumber, text, wholeNumber } from './fields.js';
import { brregFormat, type BrregOptions } from './formats/brreg.js';
import type { FormatContext, FormatRun } from './formats/input.js';
import { kommuneNmFormat } from './formats/kommuneNm.js';
import { relationsFormat } from './formats/relations.js';
import { type JsonStatOptions, ssbJsonStatFormat } from './formats/ssbJsonStat.js';
import { KommuneDirectory } from './kommuner.js';
import { type AuditHook, type Checked, ImportAbortedError, type InputRow, type PipelineProgress, type PipelineResult, runPipeline } from './pipeline.js';
import { planRankings, rankingDuplicateKey, type RankingUnit, rankingUnit, type RankScope } from './rankings.js';
import type { Delimiter } from './read/csv.js';
import type { TextEncoding } from './read/decode.js';
import { countGraph, findIndicators } from './repository.js';
import { auditEntry, recordAudit } from '../graph/audit.js';
import path from 'node:path';
import type { SourceOptions } from './sources.js';
import type { ImportSummary } from './summary.js';

export { ImportAbortedError, type AuditHook, type EntityChange, type PipelineProgress } from './pipeline.js';
export { FileError, formatSummary, describeRefusal, type ImportSummary, type Refusal } from './summary.js';
export { KommuneDirectory } from './kommuner.js';

export const IMPORT_FORMATS = ['kommune-nm', 'ssb-jsonstat', 'brreg', 'relations'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Rows per write transaction: large enough to keep round trips few, small enough for a 1 GB heap. */
export const DEFAULT_BATCH_SIZE = 5000;
/** Two write transactions at once keep both cores of a 2-core machine busy (see docs/benchmarks.md). */
export const DEFAULT_CONCURRENCY = 2;

export interface ImportFileOptions {
  format: ImportFormat;
  file: string;
  dryRun?: boolean;
  strict?: boolean;
  encoding?: TextEncoding;
  delimiter?: Delimiter;
  source?: SourceOptions;
  batchSize?: number;
  /** Write transactions at once (default 1); see PipelineOptions.concurrency. */
  concurrency?: number;
  /** Refresh the network measures after writing (default true). */
  analyze?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: PipelineProgress) => void;
  /** Required for `ssb-jsonstat`. */
  jsonStat?: JsonStatOptions;
  brreg?: BrregOptions;
  /** Where the kommune lists are read from; `seeds/` of this repository by default. */
  seedsDir?: string;
  /**
   * Who runs the import (`npm run import`: --actor or the OS user). When given, an import that
   * writes leaves one audit entry (`Import:<format>/<file name>`) with the graph's counts before
   * and after and what it did, as the mutations leave theirs.
   */
  actor?: string;
}

const directories = new Map<string, Promise<KommuneDirectory>>();

function directory(seedsDir?: string): Promise<KommuneDirectory> {
  const key = seedsDir ?? '';
  let loaded = directories.get(key);
  if (!loaded) {
    loaded = KommuneDirectory.load(seedsDir);
    directories.set(key, loaded);
    loaded.catch(() => directories.delete(key));
  }
  return loaded;
}

function formatRun(options: ImportFileOptions, context: FormatContext): FormatRun<unknown, unknown> {
  switch (options.format) {
    case 'kommune-nm':
      return kommuneNmFormat(context) as FormatRun<unknown, unknown>;
    case 'ssb-jsonstat':
      if (!options.jsonStat) throw badInput('ssb-jsonstat needs an indicator key (--indicator)');
      return ssbJsonStatFormat(context, options.jsonStat) as FormatRun<unknown, unknown>;
    case 'brreg':
      return brregFormat(context, options.brreg ?? { orgForms: [] }) as FormatRun<unknown, unknown>;
    case 'relations':
      return relationsFormat(context) as FormatRun<unknown, unknown>;
  }
}

/** Imports one file; see docs/importing.md. Throws FileError when the file as a whole cannot be imported. */
export async function importFile(db: Database, options: ImportFileOptions): Promise<ImportSummary> {
  const started = performance.now();
  const context: FormatContext = {
    file: options.file,
    directory: await directory(options.seedsDir),
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    source: options.source ?? {},
    notes: [],
  };
  const run = formatRun(options, context);
  const dryRun = options.dryRun ?? false;
  const strict = options.strict ?? false;
  const countsBefore = options.actor !== undefined && !dryRun ? await countGraph(db) : null;
  const audit = async (outcome: PipelineResult, stopped: boolean) => {
    if (countsBefore === null || options.actor === undefined) return;
    const counts = { created: outcome.created, updated: outcome.updated, unchanged: outcome.unchanged, refused: outcome.refusedCount };
    const entry = auditEntry(
      { who: options.actor, operation: `import ${options.format}` },
      `Import:${options.format}/${path.basename(options.file)}`,
      countsBefore,
      { ...(await countGraph(db)), ...counts, ...(stopped ? { stopped: true } : {}) },
    );
    await db.writeTransaction((tx) => recordAudit(tx, [entry]));
  };
  let result: PipelineResult;
  try {
    result = await runPipeline(db, () => run.open(), {
      dryRun,
      strict,
      batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
      concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  } catch (error) {
    // A stopped import keeps the batches it wrote: the audit trail says so too.
    if (error instanceof ImportAbortedError && error.partial.created + error.partial.updated > 0) await audit(error.partial, true);
    throw error;
  }
  if (result.written) await audit(result, false);
  const analysis = result.written && (options.analyze ?? true) ? await runAnalysis(db) : null;
  const readAs = run.readAs();
  return summarise(result, {
    format: options.format, file: options.file, encoding: readAs.encoding, delimiter: readAs.delimiter, dryRun, strict,
    sourceIds: run.citedSourceIds(), durationMs: performance.now() - started, analysis, notes: context.notes,
  });
}

function summarise(result: PipelineResult, rest: Omit<ImportSummary, keyof PipelineResult>): ImportSummary {
  return { ...rest, ...result, durationMs: Math.round(rest.durationMs) };
}

export interface RankingRowInput {
  kommune: string;
  name?: string | null;
  rank: number;
  scope: RankScope;
  score?: number | null;
  note?: string | null;
}

export interface ImportRankingRowsInput {
  indicator: string;
  edition: number;
  rows: readonly RankingRowInput[];
  source: SourceInputLike;
  strict?: boolean;
  dryRun?: boolean;
  audit?: AuditHook;
  seedsDir?: string;
}

export interface RankingRowsSummary extends ImportSummary {
  /**
   * The entry id of each row, in the order of the rows; null for a refused row (of a list with
   * more than MAX_LISTED_REFUSALS refusals, for the listed ones).
   */
  entryIds: (string | null)[];
}

/** The `importRankings` mutation's pipeline; the signature is documented at the top of this file. */
export async function importRankingRows(db: Database, input: ImportRankingRowsInput): Promise<RankingRowsSummary> {
  const started = performance.now();
  const source = checkSource(input.source);
  if (!Number.isInteger(input.edition) || input.edition < 1990 || input.edition > 2100) throw badInput('edition must be a whole number from 1990 to 2100.', 'edition');
  const [indicator] = await findIndicators({ run: (cypher, params) => db.read(cypher, params) }, [input.indicator]);
  if (!indicator) throw notFound(`No indicator ${input.indicator}.`);
  if (indicator.kind !== 'RANK') throw badInput(`${input.indicator} is a ${indicator.kind} indicator; only RANK indicators take ranks.`, 'indicator');
  const kommuner = await directory(input.seedsDir);

  const idOfRow = new Map<RankingRowInput, string>();
  const check = (row: RankingRowInput): Checked<RankingUnit> => {
    const rank = wholeNumber(Number.isFinite(row.rank) ? String(row.rank) : null, 'rank', 1, 1000);
    if ('refused' in rank) return rank;
    if (row.scope !== 'NATIONAL' && row.scope !== 'FYLKE') return { refused: `scope "${String(row.scope)}" is neither NATIONAL nor FYLKE` };
    const score = row.score === undefined || row.score === null ? { value: null } : decimalNumber(String(row.score), 'score');
    if ('refused' in score) return score;
    const note = text(row.note?.trim() || null, 'note');
    if ('refused' in note) return note;
    const unit = rankingUnit({
      indicatorKey: indicator.key, edition: input.edition, dataYear: input.edition - 1, level: 'kommune',
      nr: row.kommune, name: row.name?.trim() || null, rank: rank.value, scope: row.scope, score: score.value, note: note.value,
    }, kommuner, null);
    if (typeof unit === 'string') return { refused: unit };
    idOfRow.set(row, unit.id);
    return { unit: { ...unit, sourceId: source.id }, key: rankingDuplicateKey(unit) };
  };

  const rows: InputRow<RankingRowInput>[] = input.rows.map((row, index) => ({ line: null, index, data: row }));
  const result = await runPipeline(db, async () => ({
    rows: (async function* () { yield rows; })(),
    check,
    locks: () => [indicator.id],
    plan: (tx: Tx, units: readonly RankingUnit[]) => planRankings(tx, units, [source]),
  }), {
    dryRun: input.dryRun ?? false,
    strict: input.strict ?? false,
    batchSize: Number.POSITIVE_INFINITY,
    ...(input.audit ? { audit: input.audit } : {}),
  });
  const refusedAt = new Set(result.refused.map((refusal) => refusal.index));
  const entryIds = input.rows.map((row, index) => (refusedAt.has(index) ? null : idOfRow.get(row) ?? null));
  const summary = summarise(result, {
    format: 'ranking-rows', file: null, encoding: null, delimiter: null, dryRun: input.dryRun ?? false, strict: input.strict ?? false,
    sourceIds: [source.id], durationMs: performance.now() - started, analysis: null, notes: [],
  });
  return { ...summary, entryIds };
}
