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
 * Saves rows as CSV with a header row. The BOM lets spreadsheet programs read æ, ø and å;
 * text starting with = + - @ is escaped because spreadsheets would run it as a formula.
 */
export function downloadCsv(filename: string, rows: Record<string, unknown>[], columns?: string[]): void {
  const csv = Papa.unparse(rows, { columns, newline: '\r\n', escapeFormulae: true });
  save(filename, new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
}

export function downloadJson(filename: string, value: unknown): void {
  save(filename, new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
}
