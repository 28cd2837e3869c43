import type { KommuneDirectory } from '../kommuner.js';
import type { ImportPass, InputRow } from '../pipeline.js';
import { type CsvRow, type CsvTable, type Delimiter, locateColumns, readCsv, rowShapeProblem } from '../read/csv.js';
import { openTextFile, type TextEncoding, type TextFile } from '../read/decode.js';
import type { SourceOptions } from '../sources.js';
import type { Refusal } from '../summary.js';

/** What every format gets: the file, how to read it, the kommune numbers, the user's source options. */
export interface FormatContext {
  file: string;
  directory: KommuneDirectory;
  encoding?: TextEncoding;
  delimiter?: Delimiter;
  source: SourceOptions;
  /** Remarks for the closing report that are not refusals. */
  notes: string[];
}

/** A format ready to run: it opens a fresh pass over its file for each pass of the pipeline. */
export interface FormatRun<R, U> {
  open(): Promise<ImportPass<R, U>>;
  /** How the file was read, known once a pass has been opened. */
  readAs(): { encoding: string | null; delimiter: string | null };
  /** Every `Source` id the run cited. */
  citedSourceIds(): string[];
}

type ColumnSpec = { names: readonly string[]; required: boolean };

interface CsvInput<K extends string> {
  file: TextFile;
  table: CsvTable;
  columns: Record<K, number>;
  rows: AsyncIterable<(InputRow<CsvRow> | Refusal)[]>;
}

/**
 * A CSV file's data rows with the columns a format needs located; a row whose shape does not fit
 * the header (field count, undecodable text) is refused here, before the format sees it.
 */
export async function openCsvInput<K extends string>(
  context: FormatContext,
  columns: Readonly<Record<K, ColumnSpec>>,
  opened?: TextFile,
): Promise<CsvInput<K>> {
  const file = opened ?? await openTextFile(context.file, context.encoding);
  const table = await readCsv(file, context.delimiter ? { delimiter: context.delimiter } : {});
  const located = locateColumns(table, columns);
  async function* rows(): AsyncGenerator<(InputRow<CsvRow> | Refusal)[]> {
    for await (const chunk of table.rows) {
      yield chunk.map((row) => {
        if ('reason' in row) return row;
        const problem = rowShapeProblem(row, table);
        return problem === null ? { line: row.line, index: null, data: row } : { line: row.line, index: null, reason: problem };
      });
    }
  }
  return { file, table, columns: located, rows: rows() };
}
