import type { AnalysisSummary } from '../analyze/runAnalysis.js';

/** One row the import did not take, and why. */
export interface Refusal {
  /** Line of the file where the row starts (the header is line 1); null for rows given as a list. */
  line: number | null;
  /** Position of the row in a list given to `importRankingRows`, or of the element in a JSON array; from 0. */
  index: number | null;
  reason: string;
}

/** The counts of one pass of the pipeline over the rows. */
export interface ImportCounts {
  /** Data rows read (JSON-stat: kommune-year cells after filtering). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows that are fine but not facts for the graph (an empty SSB cell, a company abroad), by reason. */
  skipped: Record<string, number>;
  /** How many rows were refused; `refused` lists the first MAX_LISTED_REFUSALS of them. */
  refusedCount: number;
  refused: Refusal[];
  /** False for a dry run, and for a strict import that refused a row. */
  written: boolean;
}

/** What an import did (or, with `dryRun`, would do). */
export interface ImportSummary extends ImportCounts {
  format: string;
  file: string | null;
  encoding: string | null;
  delimiter: string | null;
  dryRun: boolean;
  strict: boolean;
  /** The `Source` ids the imported facts cite. */
  sourceIds: string[];
  durationMs: number;
  /** Network measures refreshed after the import; null when skipped. */
  analysis: AnalysisSummary | null;
  /** Remarks that are not refusals (an option that had no effect, an indicator created). */
  notes: string[];
}

/** Enough to fix a file by; a file with more refusals than this is the wrong file. */
export const MAX_LISTED_REFUSALS = 10_000;

/**
 * A problem with the whole file (it cannot be read, a column is missing, an option does not fit
 * the data): nothing is imported. `line` is 1 for the header.
 */
export class FileError extends Error {
  override readonly name = 'FileError';
  constructor(readonly line: number | null, message: string) {
    super(line === null ? message : `line ${line}: ${message}`);
  }
}

export function describeRefusal(refusal: Refusal): string {
  const where = refusal.line !== null
    ? `line ${refusal.line}${refusal.index !== null ? ` (element ${refusal.index})` : ''}`
    : `row ${refusal.index ?? '?'}`;
  return `${where}: ${refusal.reason}`;
}

const number = (n: number) => n.toLocaleString('en');

/** The closing report on the terminal: refused rows by line, then the counts. */
export function formatSummary(summary: ImportSummary, options: { listRefusals?: number } = {}): string {
  const lines: string[] = [];
  const listed = summary.refused.slice(0, options.listRefusals ?? summary.refused.length);
  if (summary.refusedCount > 0) {
    lines.push(`Refused ${number(summary.refusedCount)} row${summary.refusedCount === 1 ? '' : 's'}:`);
    for (const refusal of listed) lines.push(`  ${describeRefusal(refusal)}`);
    if (summary.refusedCount > listed.length) lines.push(`  … and ${number(summary.refusedCount - listed.length)} more`);
    lines.push('');
  }
  for (const note of summary.notes) lines.push(note);
  if (summary.notes.length > 0) lines.push('');
  const seconds = summary.durationMs / 1000;
  const rate = seconds > 0 ? ` (${number(Math.round(summary.rows / seconds))} rows/s)` : '';
  const mode = summary.dryRun ? 'Dry run, nothing written' : summary.written ? 'Imported' : 'Nothing written (--strict and rows were refused)';
  lines.push(`${mode}: ${summary.format} ${summary.file ?? ''}`.trimEnd());
  if (summary.encoding) lines.push(`  read as ${summary.encoding}${summary.delimiter ? `, delimiter ${summary.delimiter}` : ''}`);
  lines.push(`  rows       ${number(summary.rows).padStart(12)} in ${seconds.toFixed(1)} s${rate}`);
  lines.push(`  created    ${number(summary.created).padStart(12)}`);
  lines.push(`  updated    ${number(summary.updated).padStart(12)}`);
  lines.push(`  unchanged  ${number(summary.unchanged).padStart(12)}`);
  lines.push(`  refused    ${number(summary.refusedCount).padStart(12)}`);
  for (const [reason, count] of Object.entries(summary.skipped)) lines.push(`  skipped    ${number(count).padStart(12)}  ${reason}`);
  if (summary.analysis) {
    lines.push(`  network measures refreshed: ${number(summary.analysis.nodes)} nodes, ${number(summary.analysis.edges)} relationships in ${(summary.analysis.ms / 1000).toFixed(1)} s`);
  }
  return `${lines.join('\n')}\n`;
}
