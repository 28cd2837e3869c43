import Papa from 'papaparse';

function save(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  // Revoked on the next tick: some browsers start the download only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * Columns that hold kommune or fylke numbers (`nr`, `kommuneNr`, `publishedNr`, …): text whose
 * leading zero matters (0301 Oslo, 0604 Kongsberg before 2020), never a number.
 */
export function isNumberCode(column: string): boolean {
  return /^nr$|Nr$/.test(column);
}

/**
 * CSV with a header row, in the UTF-8 of the Blob and no byte-order mark (which pandas and R would
 * read into the first column's name). Kommune and fylke numbers are always quoted, the mark of
 * text in CSV; text starting with = + - @ is prefixed with ' since spreadsheets would run it as a
 * formula. The columns are `columns` in that order, or the keys of the first row.
 */
export function toCsv(rows: readonly Record<string, unknown>[], columns: readonly string[] = Object.keys(rows[0] ?? {})): string {
  const options = { newline: '\r\n', escapeFormulae: true };
  // The header goes on its own: Papa's per-column quoting would quote the column names as well.
  const header = Papa.unparse([[...columns]], options);
  if (rows.length === 0) return header;
  const body = Papa.unparse(rows.map((row) => columns.map((column) => row[column])), { ...options, quotes: columns.map(isNumberCode) });
  return `${header}\r\n${body}`;
}

export function downloadCsv(filename: string, rows: Record<string, unknown>[], columns?: string[]): void {
  save(filename, new Blob([toCsv(rows, columns)], { type: 'text/csv;charset=utf-8' }));
}

export function downloadJson(filename: string, value: unknown): void {
  save(filename, new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
}
