import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isEnumType } from 'graphql';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { applyMigrations } from '../src/graph/migrations.js';
import { buildExplorer, explorerIsStale } from '../src/explorer/build.js';
import { seedIfEmpty } from '../src/seed/loadSeeds.js';
import { buildSchema } from '../src/server.js';
import { createTestApi, type TestApi } from './support/api.js';
import { testDatabase } from './support/database.js';

/**
 * The explorer in a real headless Chromium against the API and the seeded test graph. Besides
 * what each view shows, it records every request the browser makes: the page must reach
 * nothing but the server that serves it.
 */

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// The docs' screenshots are refreshed on request (`npm run screenshots`); ordinary runs write
// theirs to a temp folder so a test run never dirties the working tree.
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1'
  ? fileURLToPath(new URL('../docs/screenshots/', import.meta.url))
  : path.join(os.tmpdir(), 'explorer-screenshots');

let db: Database;
let api: TestApi;
let baseUrl: string;
let userDataDir: string;
let context: BrowserContext;
let page: Page;
const requestedUrls: string[] = [];
const graphqlBodies: string[] = [];
const consoleErrors: string[] = [];

// Page scripts are passed as strings: the test project's TypeScript has no DOM types. They go
// through page.evaluate, which the page's CSP allows; waitForFunction would need 'unsafe-eval'.
const canvasSelector = '[data-testid="graph-canvas"]';
const nodeCount = () => page.locator(canvasSelector).getAttribute('data-nodes').then(Number);

function isLocal(url: string): boolean {
  return url === baseUrl || url.startsWith(`${baseUrl}/`) || url.startsWith('data:') || url.startsWith('blob:');
}

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The explorer tests need Debian's Chromium at ${CHROMIUM}; install it with "apt-get install -y chromium".`);
  }
  if (await explorerIsStale()) await buildExplorer();
  await mkdir(SCREENSHOTS, { recursive: true });

  db = testDatabase();
  await applyMigrations(db);
  // Other files may or may not have run first; seeding an empty graph only keeps this file independent.
  await seedIfEmpty(db);
  api = await createTestApi(db);
  baseUrl = await api.listen();

  userDataDir = await mkdtemp(path.join(os.tmpdir(), 'explorer-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  // Every request passes here; one for elsewhere is recorded and refused, never sent.
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    requestedUrls.push(url);
    if (url === `${baseUrl}/graphql`) graphqlBodies.push(route.request().postData() ?? '');
    if (isLocal(url)) await route.continue();
    else await route.abort('blockedbyclient');
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
}, 300_000);

afterAll(async () => {
  await context?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  await api?.close();
  await db?.close();
});

describe('explorer', () => {
  it('is served at / with a same-origin-only content security policy and long-cached assets', async () => {
    const response = await fetch(`${baseUrl}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy'), 'GET / must be served by explorerRouter (src/http/explorer.ts)').toContain("default-src 'self'");
    const html = await response.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${baseUrl}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it("lands on Kongsberg's neighbourhood", async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByRole('heading', { name: 'Kongsberg', exact: true }).waitFor();
    await expect.poll(nodeCount, { timeout: 30_000 }).toBeGreaterThan(5);
    await page.getByText(/nodes and \d+ edges around Kongsberg/).waitFor();
    // The sources of the selected node arrive after the graph.
    await page.locator('.node-details .sources li').first().waitFor();
    await screenshot('graph');
  });

  it('draws the neighbourhood of the entity found by a search for "Kongsberg"', async () => {
    await page.goto(`${baseUrl}/#/graph?center=Fylke:30`);
    await page.getByText(/around Viken/).waitFor();
    await page.getByLabel('Find an entity').fill('Kongsberg');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('button', { name: 'Kongsberg (Kommune)', exact: true }).click();
    await page.getByText(/nodes and \d+ edges around Kongsberg/).waitFor();

    const expected = await api.query(`{ graph(center: "Kommune:3006", limit: 200) { nodes { id } } }`);
    expect(await nodeCount()).toBe(expected.data.graph.nodes.length);
    expect(page.url()).toContain('center=Kommune%3A3006');
  });

  it('expands a node when it is clicked', async () => {
    const before = await nodeCount();
    // Cytoscape keeps its instance on the container; only a commuting partner's id, name and
    // position on screen are read here (reference hubs such as the fylke are left out by default).
    const partner = await page.evaluate<{ id: string; label: string; x: number; y: number }>(
      `(() => { const node = document.querySelector('${canvasSelector}')._cyreg.cy.nodes().filter((n) => n.id().startsWith('Kommune:') && n.id() !== 'Kommune:3006')[0];
        return { id: node.id(), label: node.data('label'), ...node.renderedPosition() }; })()`,
    );
    const box = (await page.locator(canvasSelector).boundingBox())!;
    await page.mouse.click(box.x + partner.x, box.y + partner.y);

    await page.getByRole('heading', { name: partner.label, exact: true }).waitFor();
    await expect.poll(nodeCount, { timeout: 30_000 }).toBeGreaterThan(before);
    await page.getByText(new RegExp(`Expanded ${partner.label}: \\d+ new nodes?`)).waitFor();
  });

  it('exports the graph as JSON in the shape of the API', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Graph (JSON)' }).click()]);
    const graph = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(graph.nodes.length).toBe(await nodeCount());
    expect(graph.nodes.map((node: { id: string }) => node.id)).toEqual(expect.arrayContaining(['Kommune:3006', 'Cluster:kongsberg-klyngen']));
    expect(graph.edges[0]).toEqual(expect.objectContaining({ source: expect.any(String), target: expect.any(String), type: expect.any(String) }));
  });

  it('shows a ranking table with a kommune history, and exports it as CSV', async () => {
    await page.goto(`${baseUrl}/#/rankings?indicator=kommune-nm/kompetanse&edition=2022`);
    const kongsberg = page.locator('table.data').getByRole('button', { name: 'Kongsberg', exact: true });
    await kongsberg.click();
    await page.getByRole('heading', { name: /Kongsberg: Kommune-NM: Kompetanse over the editions/ }).waitFor();
    await page.locator('.rank-history canvas').waitFor();

    await page.getByRole('button', { name: 'Kommune', exact: true }).click();
    expect(await page.locator('th[aria-sort="ascending"]').textContent()).toContain('Kommune');
    await screenshot('rankings');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toContain('rank');
    expect(csv).toContain('Kongsberg');
  });

  it('draws the points of a correlation and opens a kommune from it in the graph view', async () => {
    graphqlBodies.length = 0;
    await page.goto(`${baseUrl}/#/correlation?metric=COMMUTING_PARTNERS&indicator=ssb/long-higher-education-share&year=2021`);
    const scatter = page.getByTestId('scatter');
    await scatter.waitFor();
    // The metrics are the schema's CooperationMetric values, in its order, generated into the
    // explorer: the view asks the API for none of them (no introspection).
    const metricEnum = buildSchema().getType('CooperationMetric');
    const options = await page.getByLabel('Cooperation metric (x)').locator('option').all();
    expect(await Promise.all(options.map((option) => option.getAttribute('value'))))
      .toEqual(isEnumType(metricEnum) ? metricEnum.getValues().map((value) => value.name) : 'an enum CooperationMetric');
    expect(graphqlBodies.length).toBeGreaterThan(0);
    expect(graphqlBodies.filter((body) => /__type|__schema/.test(body))).toEqual([]);
    expect(Number(await scatter.getAttribute('data-points'))).toBeGreaterThan(100);
    // The coverage of the metric is shown: commuting covers every kommune.
    expect(await page.getByTestId('coverage').textContent()).toMatch(/every kommune.*356 of 356 kommuner measured, metric year 2021/);
    // Counts blue pixels on the canvas: the points (and the small legend box) are the only blue drawn.
    const bluePixels = await page.evaluate<number>(`(() => {
      const canvas = document.querySelector('[data-testid="scatter"] canvas');
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 100 && data[i + 2] > data[i] + 60 && data[i + 2] > data[i + 1] + 30) count += 1;
      return count;
    })()`);
    expect(bluePixels).toBeGreaterThan(1000);
    await page.getByText(/Pearson r/).waitFor();
    await screenshot('correlation');

    await page.getByText(/^Points \(\d+\)$/).click();
    await page.locator('details.points').getByRole('link', { name: 'Kongsberg', exact: true }).click();
    await page.getByText(/nodes and \d+ edges around Kongsberg/).waitFor();
  });

  it('runs the saved example queries in the GraphiQL playground', async () => {
    await page.goto(`${baseUrl}/#/playground`);
    await page.getByRole('tab', { name: /KongsbergDetail/ }).waitFor();
    // Monaco fills the editor after the tab bar renders; a click before that would run nothing.
    await page.locator('.graphiql-query-editor').getByText(/query\s+KongsbergDetail/).waitFor();
    await page.locator('.graphiql-execute-button').click();
    // Monaco draws spaces as no-break spaces, which \s matches.
    await expect.poll(() => page.locator('.graphiql-response').innerText(), { timeout: 30_000 }).toMatch(/"officialName":\s*"Kongsberg"/);
    await screenshot('playground');
  });

  it('made no request beyond the local server and logged no console error', () => {
    expect(requestedUrls.length).toBeGreaterThan(0);
    expect(requestedUrls.filter((url) => !isLocal(url))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
