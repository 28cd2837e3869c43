import os from 'node:os';
import { MAX_NAME, textProblem } from '../graph/validation.js';
import { parseArgs } from 'node:util';
import { DEFAULT_BATCH_SIZE, DEFAULT_CONCURRENCY, IMPORT_FORMATS, type ImportFileOptions, type ImportFormat } from './index.js';
import { parseDelimiter } from './read/csv.js';
import { parseEncoding } from './read/decode.js';

export const USAGE = `npm run import -- <format> <file> [options]

formats
  kommune-nm      NHO Kommune-NM ranks, CSV with the columns edition_year,data_year,scope,entity,
                  kommunenummer_2020_2023,index,rank,rank_scope,source_url,note
  ssb-jsonstat    an SSB table as JSON-stat 2.0 (PxWebApi format=json-stat2); needs --indicator
  brreg           Enhetsregisteret's bulk data, CSV or JSON, plain or gzipped
  relations       cooperation facts, CSV with the columns subject,subject_type,relation,object,
                  object_type,date,source_url,note

options
  --dry-run                  check every row and report what would change; write nothing
  --strict                   all or nothing: write only when no row is refused
  --encoding ENC             utf-8, windows-1252, latin1, utf-16le, utf-16be (default: detected)
  --delimiter D              , ; or tab (default: detected from the header line)
  --source-title TEXT        the source the imported facts cite; each of these replaces the
  --source-url URL           format's default, which comes from the file's own metadata where
  --publisher TEXT           it has any (JSON-stat's label, source and updated)
  --source-note TEXT
  --licence TEXT
  --batch-size N             rows per write transaction (default ${DEFAULT_BATCH_SIZE})
  --concurrency N            write transactions at once (default ${DEFAULT_CONCURRENCY})
  --no-analysis              do not refresh the network measures afterwards
  --list N                   refused rows to list on the terminal (default 200)
  --report FILE              also write every refused row to FILE as CSV (line,index,reason)
  --quiet                    no progress bar or progress lines
  --actor NAME               who the audit trail names (default: the user running the import)

ssb-jsonstat
  --indicator KEY            the VALUE indicator the values belong to (created when missing)
  --indicator-name TEXT      its name, when it is created
  --unit TEXT                its unit, when it is created (default: the dataset's unit)
  --higher-is-better B       true or false, when it is created
  --filter DIM=CODE[,CODE]   keep only these categories of a dimension (repeatable)
  --sum-over DIM             add up the kept categories of a dimension (repeatable)

brreg
  --org-form AS,ASA,...      only units of these organisasjonsformer

The exit status is 0 when every row was taken, 1 when a row was refused, 2 when the file or
the options could not be used (nothing was written), 130 when interrupted.`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

interface CliOptions {
  import: ImportFileOptions;
  analyze: boolean;
  list: number;
  report: string | null;
  quiet: boolean;
}

function positiveInteger(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  return n;
}

/** The audit trail's `who`: --actor, else the operating-system user. */
function actorOf(given: string | undefined): string {
  if (given !== undefined) {
    const problem = given.trim() === '' ? 'must not be empty' : textProblem(given.trim(), '--actor', { max: MAX_NAME });
    if (problem) throw new UsageError(`--actor ${problem}`);
    return given.trim();
  }
  try {
    return os.userInfo().username || 'unknown user';
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown user';
  }
}

/** `npm run import` arguments to options; throws UsageError with the reason. Null for --help. */
export function parseCliOptions(argv: readonly string[]): CliOptions | null {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'dry-run': { type: 'boolean' },
        strict: { type: 'boolean' },
        encoding: { type: 'string' },
        delimiter: { type: 'string' },
        'source-title': { type: 'string' },
        'source-url': { type: 'string' },
        publisher: { type: 'string' },
        'source-note': { type: 'string' },
        licence: { type: 'string' },
        'batch-size': { type: 'string' },
        concurrency: { type: 'string' },
        'no-analysis': { type: 'boolean' },
        list: { type: 'string' },
        report: { type: 'string' },
        quiet: { type: 'boolean' },
        actor: { type: 'string' },
        indicator: { type: 'string' },
        'indicator-name': { type: 'string' },
        unit: { type: 'string' },
        'higher-is-better': { type: 'string' },
        filter: { type: 'string', multiple: true },
        'sum-over': { type: 'string', multiple: true },
        'org-form': { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return null;
  const [format, file, ...extra] = positionals;
  if (!format || !file) throw new UsageError('name a format and a file');
  if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
  if (!(IMPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}"; choose one of ${IMPORT_FORMATS.join(', ')}`);

  const encoding = values.encoding === undefined ? undefined : parseEncoding(values.encoding);
  if (values.encoding !== undefined && !encoding) throw new UsageError(`unknown encoding "${values.encoding}"; use utf-8, windows-1252, latin1, utf-16le or utf-16be`);
  const delimiter = values.delimiter === undefined ? undefined : parseDelimiter(values.delimiter);
  if (values.delimiter !== undefined && !delimiter) throw new UsageError(`unknown delimiter "${values.delimiter}"; use , ; or tab`);
  const batchSize = positiveInteger(values['batch-size'], 'batch-size', DEFAULT_BATCH_SIZE);
  if (batchSize === 0) throw new UsageError('--batch-size must be at least 1');
  const concurrency = positiveInteger(values.concurrency, 'concurrency', DEFAULT_CONCURRENCY);
  if (concurrency === 0 || concurrency > 16) throw new UsageError('--concurrency must be from 1 to 16');

  const options: ImportFileOptions = {
    format: format as ImportFormat,
    file,
    dryRun: values['dry-run'] ?? false,
    strict: values.strict ?? false,
    ...(encoding ? { encoding } : {}),
    ...(delimiter ? { delimiter } : {}),
    batchSize,
    concurrency,
    actor: actorOf(values.actor),
    source: {
      ...(values['source-title'] !== undefined ? { title: values['source-title'] } : {}),
      ...(values['source-url'] !== undefined ? { url: values['source-url'] } : {}),
      ...(values.publisher !== undefined ? { publisher: values.publisher } : {}),
      ...(values['source-note'] !== undefined ? { note: values['source-note'] } : {}),
      ...(values.licence !== undefined ? { licence: values.licence } : {}),
    },
  };

  const jsonStatOnly = ['indicator', 'indicator-name', 'unit', 'higher-is-better', 'filter', 'sum-over'] as const;
  if (format !== 'ssb-jsonstat') {
    const misplaced = jsonStatOnly.find((name) => values[name] !== undefined);
    if (misplaced) throw new UsageError(`--${misplaced} applies to ssb-jsonstat only`);
  } else {
    if (!values.indicator) throw new UsageError('ssb-jsonstat needs --indicator <key>, e.g. --indicator ssb/higher-education-share');
    const better = values['higher-is-better'];
    if (better !== undefined && better !== 'true' && better !== 'false') throw new UsageError('--higher-is-better must be true or false');
    const filters: Record<string, string[]> = {};
    for (const filter of values.filter ?? []) {
      const match = /^([^=]+)=(.+)$/.exec(filter);
      if (!match) throw new UsageError(`--filter ${filter}: write it as DIMENSION=CODE or DIMENSION=CODE,CODE`);
      filters[match[1]!.trim()] = match[2]!.split(',').map((code) => code.trim()).filter(Boolean);
    }
    options.jsonStat = {
      indicator: values.indicator,
      ...(values['indicator-name'] !== undefined ? { indicatorName: values['indicator-name'] } : {}),
      ...(values.unit !== undefined ? { unit: values.unit } : {}),
      ...(better !== undefined ? { higherIsBetter: better === 'true' } : {}),
      filters,
      sumOver: values['sum-over'] ?? [],
    };
  }
  if (values['org-form'] !== undefined) {
    if (format !== 'brreg') throw new UsageError('--org-form applies to brreg only');
    options.brreg = { orgForms: values['org-form'].flatMap((list) => list.split(',')).map((form) => form.trim()).filter(Boolean) };
  }

  return {
    import: options,
    analyze: !(values['no-analysis'] ?? false),
    list: positiveInteger(values.list, 'list', 200),
    report: values.report ?? null,
    quiet: values.quiet ?? false,
  };
}
