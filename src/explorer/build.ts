import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../paths.js';

const repoRoot = projectRoot;
const configFile = path.join(repoRoot, 'src', 'explorer', 'vite.config.ts');
const builtIndex = path.join(repoRoot, 'dist', 'explorer', 'index.html');

/** What the bundle is made of: its source, the example queries it embeds, and the installed packages. */
const INPUTS = [
  path.join(repoRoot, 'src', 'explorer'),
  path.join(repoRoot, 'src', 'http', 'examples.ts'),
  path.join(repoRoot, 'node_modules', '.package-lock.json'),
];

/** The newest modification time of a file, or of a folder and the files below it that `keep` accepts. */
export async function newestMtime(target: string, keep: (file: string) => boolean = () => true): Promise<number> {
  const info = await stat(target).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(target, { recursive: true, withFileTypes: true });
  const times = await Promise.all(
    entries
      .filter((entry) => entry.isFile() && keep(path.join(entry.parentPath, entry.name)))
      .map(async (entry) => (await stat(path.join(entry.parentPath, entry.name))).mtimeMs),
  );
  return Math.max(info.mtimeMs, ...times);
}

/** True when dist/explorer is missing or older than any of its inputs. */
export async function explorerIsStale(): Promise<boolean> {
  const built = await stat(builtIndex).catch(() => undefined);
  if (!built) return true;
  const inputs = await Promise.all(INPUTS.map((input) => newestMtime(input)));
  return Math.max(...inputs) > built.mtimeMs;
}

/**
 * Runs `vite build` in a child process: a production NODE_ENV whatever the caller runs under
 * (vitest sets `test`, which would bundle React's development build).
 */
export function buildExplorer(): Promise<void> {
  const vite = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--config', configFile, '--logLevel', 'warn'], {
      cwd: repoRoot,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: 'inherit',
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
  });
}

// `tsx src/explorer/build.ts` (npm's prestart): builds only when something changed since the last build.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (await explorerIsStale()) {
    process.stdout.write('Building the explorer (dist/explorer)…\n');
    await buildExplorer();
  }
}
