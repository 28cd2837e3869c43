import cliProgress from 'cli-progress';
import type { PipelineProgress } from './pipeline.js';

interface ProgressReporter {
  update(progress: PipelineProgress): void;
  stop(): void;
}

const number = (n: number) => Math.round(n).toLocaleString('en');

/**
 * A progress bar with rows per second and an ETA on a terminal; on anything else (a log file,
 * CI) a plain line every few seconds, since a redrawn bar would fill a log with control codes.
 * The ETA follows the bytes read, because the number of rows is not known until the end.
 */
export function progressReporter(stream: NodeJS.WriteStream, label: string, options: { plainEveryMs?: number } = {}): ProgressReporter {
  const started = performance.now();
  const rate = (rows: number) => rows / Math.max((performance.now() - started) / 1000, 0.001);

  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar({
      stream,
      format: `${label} {bar} {percentage}% | {rows} rows | {rate} rows/s | {refused} refused | ETA {eta_formatted}`,
      hideCursor: true,
      etaBuffer: 50,
    }, cliProgress.Presets.shades_classic);
    let started_ = false;
    return {
      update(progress) {
        const total = progress.totalBytes ?? 0;
        const payload = { rows: number(progress.rows), rate: number(rate(progress.rows)), refused: number(progress.refused) };
        if (!started_) {
          bar.start(Math.max(total, 1), 0, payload);
          started_ = true;
        }
        bar.update(progress.bytes ?? 0, payload);
      },
      stop() {
        if (started_) bar.stop();
      },
    };
  }

  const every = options.plainEveryMs ?? 5000;
  // The first line only after a while: a small file needs none.
  let last = performance.now();
  return {
    update(progress) {
      const now = performance.now();
      if (now - last < every) return;
      last = now;
      const perSecond = rate(progress.rows);
      let share = '';
      if (progress.bytes !== null && progress.totalBytes) {
        const fraction = Math.min(progress.bytes / progress.totalBytes, 1);
        const left = fraction > 0 ? ((now - started) / 1000) * (1 / fraction - 1) : null;
        share = `, ${Math.round(fraction * 100)}% of the file${left !== null ? `, about ${Math.ceil(left)} s left` : ''}`;
      }
      stream.write(`${label}: ${number(progress.rows)} rows, ${number(perSecond)} rows/s, ${number(progress.refused)} refused${share}\n`);
    },
    stop() {},
  };
}
