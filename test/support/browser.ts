import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Database } from '../../src/db/database.js';
import { buildExplorer, explorerIsStale } from '../../src/explorer/build.js';
import { applyMigrations } from '../../src/graph/migrations.js';
import { seedIfEmpty } from '../../src/seed/loadSeeds.js';
import { createTestApi, type TestApi } from './api.js';
import { testDatabase } from './database.js';

/**
 * What the explorer's browser tests share: Debian's Chromium (never a downloaded browser), the
 * built explorer served by an API on the seeded test graph, and where screenshots go
 * (docs/screenshots/ with UPDATE_SCREENSHOTS=1, `npm run screenshots`; a temp folder otherwise).
 */
const CHROMIUM = '/usr/bin/chromium';
/** Without the background-networking flags Chromium tries to reach Google's hosts at every start. */
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1'
  ? fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))
  : path.join(os.tmpdir(), 'explorer-screenshots');

export interface ServedExplorer {
  db: Database;
  api: TestApi;
  baseUrl: string;
}

/** The explorer bundle (built when its inputs changed) served with the API on a free port. */
export async function serveExplorer(): Promise<ServedExplorer> {
  if (await explorerIsStale()) await buildExplorer();
  const db = testDatabase();
  await applyMigrations(db);
  // Other files may or may not have run first; seeding an empty graph only keeps each file independent.
  await seedIfEmpty(db);
  const api = await createTestApi(db);
  return { db, api, baseUrl: await api.listen() };
}

export interface LaunchedChromium {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A fresh headless Chromium with its own profile folder, removed again by `close`. */
export async function launchChromium(
  name: string, options: { viewport: { width: number; height: number }; acceptDownloads?: boolean },
): Promise<LaunchedChromium> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The explorer tests need Debian's Chromium at ${CHROMIUM}; install it with "apt-get install -y chromium".`);
  }
  await mkdir(SCREENSHOTS, { recursive: true });
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), `${name}-chromium-`));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, ...options,
  });
  // Bounds, not timings: a first graph view on a cold JVM of a loaded 2-core machine can take
  // longer than Playwright's default 30 s to appear, and a wait that gives up early fails a
  // working page.
  context.setDefaultTimeout(90_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
