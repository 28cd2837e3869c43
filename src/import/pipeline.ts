import { GraphQLError } from 'graphql';
import type { Database, Tx } from '../db/database.js';
import { ErrorCode } from '../errors.js';
import { rowProblem } from '../graph/validation.js';
import { lockNodes } from '../graph/write.js';
import type { Outcome } from './diff.js';
import { MAX_LISTED_REFUSALS, type ImportCounts, type Refusal } from './summary.js';

/** One input row as a format reads it, with where it is. */
export interface InputRow<R> {
  line: number | null;
  index: number | null;
  data: R;
}

/** What a format makes of one row: a unit to write, a refusal, or a row that is not a fact for the graph. */
export type Checked<U> =
  | { unit: U; key: string | null }
  | { refused: string }
  | { skipped: string };

/** What the graph holds for a batch, as a decision: one outcome per unit and the writes that get there. */
export interface BatchPlan {
  outcomes: Outcome[];
  write(tx: Tx): Promise<void>;
  /** Before and after of every node the batch changes, for callers that keep an audit trail. */
  changes?: EntityChange[];
}

export interface EntityChange {
  id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
}

/** Runs inside the same write transaction as the import's writes (the mutation's audit trail). */
export type AuditHook = (tx: Tx, changes: readonly EntityChange[]) => Promise<void>;

/**
 * One pass over one input. A format opens a fresh one per pass, because a strict import reads
 * its input twice: once to check every row, once to write.
 */
export interface ImportPass<R, U> {
  /** The input in chunks: one await per chunk rather than per row keeps a million rows cheap. */
  rows: AsyncIterable<readonly (InputRow<R> | Refusal)[]>;
  /** Row checks that need no database: syntax, numbers, kommune numbers and names. */
  check(row: R): Checked<U>;
  /** Checks of a batch that need the database (names of existing entities, cited sources); a string refuses. */
  prepare?(units: readonly U[], reader: Tx): Promise<(U | string)[]>;
  /**
   * Ids of existing nodes a batch decides by (the indicator of ranks or values): locked before
   * `plan` reads, so concurrent imports of the same facts run one after the other and each
   * reports (and audits) what it did, not what an import beside it did too.
   */
  locks?(units: readonly U[]): string[];
  /** Reads what the graph holds for the units and decides what to write. */
  plan(tx: Tx, units: readonly U[]): Promise<BatchPlan>;
  /** Once before the first batch (the file's source, an indicator to create). */
  begin?(tx: Tx, dryRun: boolean): Promise<void>;
  /** Bytes read so far, for the progress bar's ETA. */
  progress?(): { bytes: number; totalBytes: number };
}

interface PipelineOptions {
  dryRun: boolean;
  strict: boolean;
  /** Units per write transaction; Infinity puts the whole input in one transaction. */
  batchSize: number;
  /**
   * Write transactions at once (default 1). Two let Neo4j use both cores of a small machine
   * while this process reads the next batch; batches never share a key, so they do not
   * contend for the same nodes beyond the kommuner they link to.
   */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: PipelineProgress) => void;
  audit?: AuditHook;
}

export interface PipelineProgress {
  rows: number;
  refused: number;
  written: number;
  bytes: number | null;
  totalBytes: number | null;
}

/** What one pass wrote or would write; the import's summary adds file details to it. */
export type PipelineResult = ImportCounts;

export class ImportAbortedError extends Error {
  override readonly name = 'ImportAbortedError';
  constructor(readonly partial: PipelineResult) {
    super('the import was stopped before the end of the input; run it again to finish (it picks up where it stopped)');
  }
}

/**
 * A batch that met a busy database (a deadlock between concurrent batches, a lock wait cut
 * short, a restart) is tried again a few times: the driver's own retries stop after a second,
 * which suits an API request but not an import of an hour.
 */
async function withRetries<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const busy = error instanceof GraphQLError && error.extensions.code === ErrorCode.SERVICE_UNAVAILABLE;
      if (!busy || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
    }
  }
}

/** Reads as one transaction per statement: what dry runs and checks use, so they never write. */
function readerOf(db: Database): Tx {
  return { run: (cypher, params) => db.read(cypher, params) };
}

/**
 * parse → check → normalise → batched idempotent writes → counts. A strict import first
 * checks every row without writing and writes only when none was refused; a dry run reads
 * what the graph holds to report what would change. The next batch is read and checked
 * while the previous one is being written.
 */
export async function runPipeline<R, U>(db: Database, open: () => Promise<ImportPass<R, U>>, options: PipelineOptions): Promise<PipelineResult> {
  if (options.strict && !options.dryRun) {
    const checked = await runPass(db, await open(), { ...options, mode: 'check' });
    if (checked.refusedCount > 0) return { ...checked, written: false };
  }
  return runPass(db, await open(), { ...options, mode: options.dryRun ? 'dry-run' : 'write' });
}

type Mode = 'check' | 'dry-run' | 'write';

async function runPass<R, U>(db: Database, pass: ImportPass<R, U>, options: PipelineOptions & { mode: Mode }): Promise<PipelineResult> {
  const reader = readerOf(db);
  const result: PipelineResult = {
    rows: 0, created: 0, updated: 0, unchanged: 0, skipped: {}, refusedCount: 0, refused: [], written: options.mode === 'write',
  };
  const refuse = (refusal: Refusal) => {
    result.refusedCount += 1;
    if (result.refused.length < MAX_LISTED_REFUSALS) result.refused.push(refusal);
  };
  const report = () => {
    const bytes = pass.progress?.();
    options.onProgress?.({
      rows: result.rows,
      refused: result.refusedCount,
      written: result.created + result.updated + result.unchanged,
      bytes: bytes?.bytes ?? null,
      totalBytes: bytes?.totalBytes ?? null,
    });
  };

  if (pass.begin) {
    if (options.mode === 'write') await db.writeTransaction((tx) => pass.begin!(tx, false));
    else await pass.begin(reader, true);
  }

  // Where each key was first seen: its line, or -(index + 1) for rows given as a list; numbers keep a million keys small.
  const firstOfKey = new Map<string, number>();
  let batch: InputRow<U>[] = [];
  const inFlight = new Set<Promise<void>>();
  const concurrency = Math.max(1, options.concurrency ?? 1);

  const flush = async (items: InputRow<U>[]) => {
    let units = items;
    if (pass.prepare) {
      const prepared = await pass.prepare(items.map((item) => item.data), reader);
      units = [];
      prepared.forEach((outcome, i) => {
        const item = items[i]!;
        if (typeof outcome === 'string') refuse({ line: item.line, index: item.index, reason: outcome });
        else units.push({ ...item, data: outcome });
      });
    }
    if (units.length === 0 || options.mode === 'check') return;
    const data = units.map((item) => item.data);
    let outcomes: Outcome[];
    if (options.mode === 'dry-run') {
      outcomes = (await pass.plan(reader, data)).outcomes;
    } else {
      outcomes = await withRetries(() => db.writeTransaction(async (tx) => {
        if (pass.locks) await lockNodes(tx, pass.locks(data));
        const plan = await pass.plan(tx, data);
        await plan.write(tx);
        if (options.audit && plan.changes && plan.changes.length > 0) await options.audit(tx, plan.changes);
        return plan.outcomes;
      }));
    }
    for (const outcome of outcomes) result[outcome] += 1;
    report();
  };

  // A batch is written while the next is read; an error surfaces at a later hand-over.
  let failure: unknown = null;
  const handOver = async (items: InputRow<U>[]) => {
    while (inFlight.size >= concurrency) await Promise.race(inFlight);
    if (failure !== null) throw failure;
    if (options.signal?.aborted) throw new ImportAbortedError(result);
    const pending: Promise<void> = flush(items).then(
      () => { inFlight.delete(pending); },
      (error: unknown) => {
        inFlight.delete(pending);
        failure ??= error;
      },
    );
    inFlight.add(pending);
  };
  const settle = async () => {
    await Promise.all(inFlight);
    if (failure !== null) throw failure;
  };

  const accept = (item: InputRow<R> | Refusal) => {
    result.rows += 1;
    if ('reason' in item) return refuse(item);
    if (result.rows % 10_000 === 0) report();
    const checked = pass.check(item.data);
    if ('refused' in checked) return refuse({ line: item.line, index: item.index, reason: checked.refused });
    if ('skipped' in checked) {
      result.skipped[checked.skipped] = (result.skipped[checked.skipped] ?? 0) + 1;
      return;
    }
    // The write path's rule, applied here too so the refusal names the row's line and its batch stays whole.
    const unstorable = rowProblem(checked.unit);
    if (unstorable !== null) return refuse({ line: item.line, index: item.index, reason: unstorable });
    if (checked.key !== null) {
      const first = firstOfKey.get(checked.key);
      if (first !== undefined) {
        const where = first > 0 ? `line ${first}` : `row ${-first - 1}`;
        return refuse({ line: item.line, index: item.index, reason: `duplicate of ${where} (${checked.key})` });
      }
      firstOfKey.set(checked.key, item.line ?? -((item.index ?? 0) + 1));
    }
    batch.push({ line: item.line, index: item.index, data: checked.unit });
  };

  try {
    for await (const chunk of pass.rows) {
      for (const item of chunk) {
        accept(item);
        if (batch.length >= options.batchSize) {
          await handOver(batch);
          batch = [];
        }
      }
    }
    if (batch.length > 0) await handOver(batch);
    await settle();
  } finally {
    // Never leave a write running behind a failure: the caller may close the database next.
    await Promise.all(inFlight);
  }

  result.refused.sort((a, b) => (a.line ?? a.index ?? 0) - (b.line ?? b.index ?? 0));
  report();
  return result;
}
