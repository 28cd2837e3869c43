import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildExplorer, explorerIsStale, inputDigest, recordedDigest } from './explorer/build.js';
import { DIST_DIR, projectRoot } from './paths.js';

/**
 * `npm start` runs the server compiled to JavaScript (`dist/build/src/main.js`): about 55 MB
 * less memory than running the TypeScript through tsx, which also keeps a compiler in the
 * process. The build is plain `tsc -p tsconfig.build.json`, made again only when a source
 * changed; the benchmark's contenders run from the same build.
 */
export const BUILD_DIR = path.join(DIST_DIR, 'build');
const STAMP = path.join(BUILD_DIR, '.built');

/**
 * The Node options `npm start` gives the server, read from its script in package.json (the one
 * place they are written), so that the benchmark runs every contender as the server is run.
 * `--max-semi-space-size=8` halves V8's young generation (16 MB semi-spaces by default): the
 * server keeps about 34 MB live, and the default let its resident memory under load reach
 * 276 MB at 100,000 companies, against 247 MB with 8 (docs/benchmarks.md).
 */
export function startNodeOptions(startScript: string = readStartScript()): string[] {
  const words = startScript.trim().split(/\s+/);
  if (words[0] !== 'node') throw new Error(`The start script should run node, not "${startScript}".`);
  return words.slice(1).filter((word) => word.startsWith('--'));
}

function readStartScript(): string {
  const manifest = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const script = manifest.scripts?.start;
  if (script === undefined) throw new Error('package.json has no start script.');
  return script;
}

/** What the compiled code is made of. */
const INPUTS = ['src', path.join('bench', 'servers'), path.join('bench', 'floor'), 'tsconfig.json', 'tsconfig.build.json', path.join('node_modules', '.package-lock.json')].map((input) => path.join(projectRoot, input));

/** TypeScript sources of the server and the benchmark's contenders; the explorer has its own build. */
const isServerSource = (file: string) => file.endsWith('.ts') && !file.includes(`${path.sep}explorer${path.sep}`);

/** True when dist/build is missing or was compiled from other inputs than the current ones. */
export async function serverBuildIsStale(): Promise<boolean> {
  return (await recordedDigest(STAMP)) !== (await inputDigest(INPUTS, isServerSource));
}

/** Compiles afresh (an old output of a deleted source must not linger). */
export async function buildServer(): Promise<void> {
  const digest = await inputDigest(INPUTS, isServerSource);
  await rm(BUILD_DIR, { recursive: true, force: true });
  const tsc = path.join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [tsc, '-p', path.join(projectRoot, 'tsconfig.build.json')], { cwd: projectRoot, stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`tsc exited with ${code}`))));
  });
  await writeFile(STAMP, `${digest}\n`);
}

/** Builds what is missing or older than its sources. */
export async function ensureBuilt(log: (message: string) => void): Promise<void> {
  if (await explorerIsStale()) {
    log('Building the explorer (dist/explorer)…');
    await buildExplorer();
  }
  if (await serverBuildIsStale()) {
    log('Compiling the server (dist/build)…');
    await buildServer();
  }
}

// `tsx src/build.ts` (npm's prestart).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await ensureBuilt((message) => process.stdout.write(`${message}\n`));
}
