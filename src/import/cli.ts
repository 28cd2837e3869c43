import { writeFile } from 'node:fs/promises';
import { GraphQLError } from 'graphql';
import { ConfigError, readConfig } from '../config/index.js';
import { openJobDatabase } from '../db/jobDatabase.js';
import { parseCliOptions, UsageError, USAGE } from './cliOptions.js';
import { FileError, formatSummary, ImportAbortedError, importFile, type ImportSummary, type Refusal } from './index.js';
import { progressReporter } from './progress.js';

/** `npm run import -- <format> <file> [options]`; see docs/importing.md. */

const EXIT_REFUSED = 1;
const EXIT_UNUSABLE = 2;
const EXIT_INTERRUPTED = 130;

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function writeReport(file: string, refused: readonly Refusal[]): Promise<void> {
  const lines = ['line,index,reason', ...refused.map((r) => [r.line, r.index, r.reason].map(csvCell).join(','))];
  await writeFile(file, `${lines.join('\n')}\n`, 'utf8');
}

async function main(): Promise<number> {
  let cli;
  try {
    cli = parseCliOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`npm run import: ${error.message}\n\n${USAGE}\n`);
    return EXIT_UNUSABLE;
  }
  if (cli === null) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  let config;
  try {
    config = readConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`npm run import: ${error.message}\nNothing was written.\n`);
    return EXIT_UNUSABLE;
  }
  const { db, uri } = openJobDatabase(config);
  const controller = new AbortController();
  const interrupt = () => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    process.stderr.write('\nStopping after the batch being written (Ctrl-C again to stop at once) ...\n');
    controller.abort();
  };
  process.on('SIGINT', interrupt);
  const progress = cli.quiet ? null : progressReporter(process.stderr, cli.import.format);
  let written = 0;
  try {
    try {
      await db.verify();
    } catch {
      throw new FileError(null, `cannot reach Neo4j at ${uri}; start it with npm run neo4j (or npm start), or set NEO4J_URI`);
    }
    const summary: ImportSummary = await importFile(db, {
      ...cli.import,
      analyze: cli.analyze,
      signal: controller.signal,
      onProgress: (p) => {
        written = p.written;
        progress?.update(p);
      },
    });
    progress?.stop();
    process.stdout.write(formatSummary(summary, { listRefusals: cli.list }));
    if (cli.report) await writeReport(cli.report, summary.refused);
    return summary.refusedCount > 0 ? EXIT_REFUSED : 0;
  } catch (error) {
    progress?.stop();
    if (error instanceof ImportAbortedError) {
      process.stderr.write(`Stopped after ${error.partial.rows.toLocaleString('en')} rows (${error.partial.created + error.partial.updated} written); `
        + 'run the same command again to finish: rows already written are left as they are.\n');
      return EXIT_INTERRUPTED;
    }
    if (error instanceof FileError || error instanceof GraphQLError) {
      const outcome = written === 0 || cli.import.dryRun
        ? 'Nothing was written.'
        : `The rows of the batches before it (${written.toLocaleString('en')}) were written; after fixing the file, run the import again.`;
      process.stderr.write(`npm run import: ${error.message}\n${outcome}\n`);
      return EXIT_UNUSABLE;
    }
    throw error;
  } finally {
    process.off('SIGINT', interrupt);
    await db.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`npm run import failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = EXIT_UNUSABLE;
  },
);
