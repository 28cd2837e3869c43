import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseChanges, parseKommuner, SEED_FILES } from './files.js';
import { formatValue, INDICATOR, parseUdirKommuneYears, rebuildGrunnskolepoeng } from './grunnskolepoeng.js';
import { SEEDS_DIR } from '../paths.js';

/**
 * `npx tsx src/seed/grunnskolepoengCli.ts`: rewrites the `udir/grunnskolepoeng` rows of
 * `seeds/indicator_values.csv` from `seeds/build/udir_grunnskolepoeng_kommuner_2016_2021.csv`,
 * leaving every other row as it is. Run it after re-extracting Udir's file (seeds/README.md).
 */
export const UDIR_EXTRACT = path.join(SEEDS_DIR, 'build', 'udir_grunnskolepoeng_kommuner_2016_2021.csv');

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

async function main(): Promise<void> {
  const read = (file: string) => readFile(path.join(SEEDS_DIR, file), 'utf8');
  const rows = rebuildGrunnskolepoeng(
    parseUdirKommuneYears(await readFile(UDIR_EXTRACT, 'utf8')),
    parseKommuner(await read(SEED_FILES.kommuner)),
    parseChanges(await read(SEED_FILES.changes)),
  );
  const valuesFile = path.join(SEEDS_DIR, SEED_FILES.values);
  const kept = (await readFile(valuesFile, 'utf8')).split('\n').filter((line) => line !== '' && !line.startsWith(`${INDICATOR},`));
  const written = rows.map((row) => [
    row.indicator, row.kommuneNr, row.kommuneName, String(row.year), formatValue(row.value), row.sourceKey, row.note ?? '',
  ].map(csvField).join(','));
  await writeFile(valuesFile, `${[...kept, ...written].join('\n')}\n`);
  process.stdout.write(`${rows.length} ${INDICATOR} rows written to seeds/${SEED_FILES.values}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
