import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../paths.js';

const repoRoot = projectRoot;
const configFile = path.join(repoRoot, 'src', 'explorer', 'vite.config.ts');
const builtIndex = path.join(repoRoot, 'dist', 'explorer', 'index.html');
/** The digest of the inputs the bundle in dist/explorer was built from. */
const STAMP = path.join(repoRoot, 'dist', 'explorer', '.inputs');

/** What the bundle is made of: its source, the example queries it embeds, and the installed packages. */
const INPUTS = [
  path.join(repoRoot, 'src', 'explorer'),
  path.join(repoRoot, 'src', 'http', 'examples.ts'),
  path.join(repoRoot, 'node_modules', '.package-lock.json'),
];

/**
 * A digest of what a build is made of: the path and bytes of every file below `targets` that
 * `keep` accepts (a missing target counts as empty). Contents, not modification times: a
 * checkout, a copy or a clock that moved back must not hide a change, nor a touch fake one.
 */
export async function inputDigest(targets: readonly string[], keep: (file: string) => boolean = () => true): Promise<string> {
  const files: string[] = [];
  for (const target of targets) {
    const entries = await readdir(target, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOTDIR') return null;
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    if (entries === null) files.push(target);
    else files.push(...entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name)).filter(keep));
  }
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    hash.update(path.relative(repoRoot, file)).update('\0').update(await readFile(file)).update('\0');
  }
  return hash.digest('hex');
}

/** The digest a build recorded, or null when there is none (never built, or built by an older version). */
export async function recordedDigest(stamp: string): Promise<string | null> {
  return (await readFile(stamp, 'utf8').catch(() => '')).trim() || null;
}

/** True when dist/explorer is missing or was built from other inputs than the current ones. */
export async function explorerIsStale(): Promise<boolean> {
  const index = await readFile(builtIndex).catch(() => null);
  if (!index) return true;
  return (await recordedDigest(STAMP)) !== (await inputDigest(INPUTS));
}

/**
 * Runs `vite build` in a child process: a production NODE_ENV whatever the caller runs under
 * (vitest sets `test`, which would bundle React's development build).
 */
export async function buildExplorer(): Promise<void> {
  const vite = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const digest = await inputDigest(INPUTS);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--config', configFile, '--logLevel', 'warn'], {
      cwd: repoRoot,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
  });
  // Recorded after the build, from the inputs read before it: a change made meanwhile shows as stale.
  await writeFile(STAMP, `${digest}\n`);
}

// `tsx src/explorer/build.ts` (npm's prestart): builds only when something changed since the last build.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (await explorerIsStale()) {
    process.stdout.write('Building the explorer (dist/explorer)…\n');
    await buildExplorer();
  }
}
