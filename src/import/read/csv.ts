import { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { FileError, type Refusal } from '../summary.js';
import type { TextFile } from './decode.js';

export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export function parseDelimiter(name: string): Delimiter | undefined {
  const named: Record<string, Delimiter> = { ',': ',', comma: ',', ';': ';', semicolon: ';', '\t': '\t', '\\t': '\t', tab: '\t' };
  return named[name.toLowerCase()];
}

/**
 * The delimiter a header line uses: the candidate that occurs most often outside quotes. Ties go
 * to the comma, the delimiter of the formats' own documentation.
 */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char as Delimiter)) counts.set(char as Delimiter, counts.get(char as Delimiter)! + 1);
  }
  let best: Delimiter = ',';
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}

export function delimiterName(delimiter: Delimiter): string {
  return delimiter === '\t' ? 'tab' : `"${delimiter}"`;
}

/** One data row: where it starts in the file and its fields, untrimmed. */
export interface CsvRow {
  line: number;
  fields: string[];
}

export interface CsvTable {
  header: string[];
  delimiter: Delimiter;
  /** Data rows in chunks as the parser produces them, or a refusal for a record the CSV syntax itself breaks. */
  rows: AsyncIterable<(CsvRow | Refusal)[]>;
}

/** Every record the stream holds now, waiting for more only when it holds none: one await per chunk, not per row. */
async function* drain<T>(stream: Readable): AsyncGenerator<T[]> {
  for (;;) {
    const chunk: T[] = [];
    for (let item = stream.read() as T | null; item !== null; item = stream.read() as T | null) chunk.push(item);
    if (chunk.length > 0) {
      yield chunk;
      continue;
    }
    if (stream.readableEnded || stream.destroyed) {
      if (stream.errored) throw stream.errored;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const settle = (error?: unknown) => {
        stream.off('readable', settle).off('end', settle).off('error', settle);
        if (error instanceof Error) reject(error);
        else resolve();
      };
      stream.once('readable', settle).once('end', settle).once('error', settle);
    });
  }
}

const isBlank = (record: readonly string[]) => record.every((value) => value.trim() === '');

/** Lines a record spans: one, plus the line breaks inside its quoted fields. */
function linesOfRecord(record: readonly string[]): number {
  let lines = 1;
  for (const value of record) {
    for (let at = value.indexOf('\n'); at >= 0; at = value.indexOf('\n', at + 1)) lines += 1;
  }
  return lines;
}

/**
 * Streams a CSV file as rows with the line each starts on. Rows are kept as arrays rather than
 * objects so a million-row file costs no per-row key lookups, and so a row with too few or
 * too many fields can be refused with its line instead of failing the whole file. Lines are
 * counted here (blank lines, line breaks inside quotes) because the parser's per-record
 * `info` costs a fifth of its time.
 */
export async function readCsv(file: TextFile, options: { delimiter?: Delimiter } = {}): Promise<CsvTable> {
  const chunks = file.chunks[Symbol.asyncIterator]();
  const first = await chunks.next();
  const head = first.done ? '' : first.value;
  if (head.trim() === '') throw new FileError(1, 'the file is empty; expected a header line');
  const delimiter = options.delimiter ?? detectDelimiter(head.slice(0, head.search(/\r?\n|$/)));

  async function* text(): AsyncGenerator<string> {
    yield head;
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      yield next.value;
    }
  }

  // A record the syntax breaks is dropped by the parser; it is placed by how many good records
  // came before it, since the event fires before earlier records have been read from the stream.
  const skipped: { error: CsvError; afterRecords: number }[] = [];
  const parser = parse({ delimiter, relax_column_count: true, relax_quotes: true, skip_records_with_error: true });
  parser.on('skip', (error: CsvError) => skipped.push({ error, afterRecords: parser.info.records }));
  const source = Readable.from(text());
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  const records = drain<string[]>(parser);

  let line = 1;
  let consumed = 0;
  let pending: string[][] = [];
  const header = await (async () => {
    for (;;) {
      const next = await nextChunk(records);
      if (next === null) throw new FileError(1, 'the file has no header line');
      pending = next;
      while (pending.length > 0) {
        const record = pending.shift()!;
        consumed += 1;
        if (!isBlank(record)) {
          line += linesOfRecord(record);
          return record.map((name) => name.trim());
        }
        line += 1;
      }
    }
  })();

  async function* rows(): AsyncGenerator<(CsvRow | Refusal)[]> {
    for (let chunk: string[][] | null = pending; chunk !== null; chunk = await nextChunk(records)) {
      const out: (CsvRow | Refusal)[] = [];
      for (const record of chunk) {
        placeSkipped(out, consumed);
        consumed += 1;
        if (isBlank(record)) {
          line += 1;
          continue;
        }
        out.push({ line, fields: record });
        line += linesOfRecord(record);
      }
      if (out.length > 0) yield out;
    }
    const rest: Refusal[] = [];
    placeSkipped(rest, Number.POSITIVE_INFINITY);
    if (rest.length > 0) yield rest;
  }

  function placeSkipped(out: (CsvRow | Refusal)[], before: number): void {
    while (skipped.length > 0 && skipped[0]!.afterRecords <= before) {
      const { error } = skipped.shift()!;
      out.push({ line, index: null, reason: csvErrorReason(error) });
      const end = linesOf(error);
      if (end !== null && end > line) line = end;
    }
  }

  return { header, delimiter, rows: rows() };
}

async function nextChunk(records: AsyncIterator<string[][]>): Promise<string[][] | null> {
  try {
    const next = await records.next();
    return next.done ? null : next.value;
  } catch (error) {
    if (error instanceof FileError) throw error;
    const csv = error as Partial<CsvError>;
    throw new FileError(linesOf(error), `the file is not readable as CSV: ${csv.message ?? String(error)}`);
  }
}

/** The line csv-parse was on when it met an error (typed loosely by the library). */
function linesOf(error: unknown): number | null {
  const lines = (error as { lines?: unknown }).lines;
  return typeof lines === 'number' ? lines : null;
}

function csvErrorReason(error: CsvError): string {
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted field is not closed before the end of the file';
  return `not readable as CSV (${error.message})`;
}

/**
 * Where each column an importer needs sits in the header (matched without regard to case),
 * under any of the names the format's publishers use. A missing required column stops the
 * import with the header's line, and a hint when the header looks split by another delimiter.
 */
export function locateColumns<K extends string>(
  table: { header: readonly string[]; delimiter: Delimiter },
  columns: Readonly<Record<K, { names: readonly string[]; required: boolean }>>,
): Record<K, number> {
  const positions = new Map<string, number>();
  table.header.forEach((name, i) => {
    const key = name.toLowerCase();
    if (positions.has(key)) throw new FileError(1, `column "${name}" appears twice in the header`);
    positions.set(key, i);
  });
  const located = {} as Record<K, number>;
  const missing: string[] = [];
  for (const [column, spec] of Object.entries(columns) as [K, { names: readonly string[]; required: boolean }][]) {
    const position = spec.names.map((name) => positions.get(name.toLowerCase())).find((p) => p !== undefined);
    if (position === undefined && spec.required) missing.push(spec.names[0]!);
    located[column] = position ?? -1;
  }
  if (missing.length > 0) {
    const others = DELIMITERS.filter((d) => d !== table.delimiter && table.header.some((name) => name.includes(d)));
    const hint = others.length > 0 ? `; the header looks separated by ${delimiterName(others[0]!)}, not ${delimiterName(table.delimiter)} (pass --delimiter)` : '';
    throw new FileError(1, `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}${hint}`);
  }
  return located;
}

/** A field trimmed, or null when it is empty or the column is absent. */
export function field(row: CsvRow, position: number): string | null {
  if (position < 0) return null;
  const value = row.fields[position]?.trim() ?? '';
  return value === '' ? null : value;
}

/**
 * Why a row does not fit the header, if it does not: a different number of fields (with a hint
 * when another delimiter would split it right), or text that was not valid in the file's encoding.
 */
export function rowShapeProblem(row: CsvRow, table: { header: readonly string[]; delimiter: Delimiter }): string | null {
  if (row.fields.length !== table.header.length) {
    const raw = row.fields.join(table.delimiter);
    const other = DELIMITERS.find((d) => d !== table.delimiter && raw.split(d).length === table.header.length);
    const hint = other ? `; it looks separated by ${delimiterName(other)}, the header by ${delimiterName(table.delimiter)}` : '';
    return `${row.fields.length} field${row.fields.length === 1 ? '' : 's'} where the header has ${table.header.length}${hint}`;
  }
  if (row.fields.some((value) => value.includes('\uFFFD'))) {
    return 'text that is not valid in the file\'s encoding (U+FFFD); name the encoding with --encoding';
  }
  return null;
}
