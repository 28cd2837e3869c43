import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { isEnumType } from 'graphql';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../src/config/index.js';
import type { Database } from '../src/db/database.js';
import { buildSchema, createAppServer, type AppServer } from '../src/server.js';
import type { TestApi } from './support/api.js';
import { launchChromium, SCREENSHOTS, serveExplorer, type LaunchedChromium } from './support/browser.js';

/**
 * The explorer in a real headless Chromium against the API and the seeded test graph. Besides
 * what each view shows, it records every request the browser makes: the page must reach
 * nothing but the server that serves it. Further servers of this file (an API with
 * introspection off, one that allows a second origin, the pages of two other origins) listen on
 * 127.0.0.1 too and are the only other addresses the browser may reach.
 */

let db: Database;
let api: TestApi;
let baseUrl: string;
let browser: LaunchedChromium;
let context: BrowserContext;
let page: Page;
const requestedUrls: string[] = [];
const graphqlBodies: string[] = [];
const consoleErrors: string[] = [];

// Page scripts are passed as strings: the test project's TypeScript has no DOM types. They go
// through page.evaluate, which the page's CSP allows; waitForFunction would need 'unsafe-eval'.
const canvasSelector = '[data-testid="graph-canvas"]';
const nodeCount = () => page.locator(canvasSelector).getAttribute('data-nodes').then(Number);

/** Origins of this file's own servers besides the main API. */
const ownOrigins = new Set<string>();

function isLocal(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  return [baseUrl, ...ownOrigins].some((origin) => url === origin || url.startsWith(`${origin}/`));
}

/** Every server this file starts beyond the main API, closed after the file. */
const extraServers: { close(): Promise<void> }[] = [];

async function listenLocally(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ownOrigins.add(origin);
  return origin;
}

/** Another API on the same database, started with settings of its own. */
async function startApi(settings: Omit<Parameters<typeof createAppServer>[0], 'db'>): Promise<string> {
  const server: AppServer = await createAppServer({ db, ...settings });
  extraServers.push({
    async close() {
      await server.apollo.stop();
      if (server.httpServer.listening) await new Promise((resolve) => server.httpServer.close(resolve));
    },
  });
  return listenLocally(server.httpServer);
}

/** A site of its own origin that serves one empty HTML page: what a browser app elsewhere would be. */
async function startSite(): Promise<string> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><meta charset="utf-8"><title>Another site</title><p>Another site</p>');
  });
  extraServers.push({ close: () => new Promise((resolve) => server.close(() => resolve())) });
  return listenLocally(server);
}

/** Label boxes (graph units, labels included) of the shown nodes of the graph view that overlap. */
function overlappingLabels(): Promise<string[][]> {
  return page.evaluate<string[][]>(`(() => {
    const boxes = document.querySelector('${canvasSelector}')._cyreg.cy.nodes(':visible')
      .map((node) => ({ id: node.id(), box: node.boundingBox({ includeLabels: true, includeOverlays: false }) }));
    const overlaps = [];
    for (let i = 0; i < boxes.length; i += 1) {
      for (let j = i + 1; j < boxes.length; j += 1) {
        const a = boxes[i].box, b = boxes[j].box;
        if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) overlaps.push([boxes[i].id, boxes[j].id]);
      }
    }
    return overlaps;
  })()`);
}

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

beforeAll(async () => {
  ({ db, api, baseUrl } = await serveExplorer());
  browser = await launchChromium('explorer', { viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  ({ context, page } = browser);
  // Every request passes here; one for elsewhere is recorded and refused, never sent.
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    requestedUrls.push(url);
    if (url.endsWith('/graphql')) graphqlBodies.push(route.request().postData() ?? '');
    if (isLocal(url)) await route.continue();
    else await route.abort('blockedbyclient');
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(extraServers.map((server) => server.close()));
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
    await expect.poll(nodeCount, { timeout: 90_000 }).toBeGreaterThan(5);
    await page.getByText(/nodes and \d+ edges around Kongsberg/).waitFor();
    // The sources of the selected node arrive after the graph.
    await page.locator('.node-details .sources li').first().waitFor();
    await screenshot('graph');
  });

  it("shows Kongsberg's newest Kommune-NM ranks and its cooperation figures in the kommune panel", async () => {
    const expected = await api.query(`{ kommune(nr: "3006") {
      rankings { edition rank scopeName indicator { key name } }
      cooperation { measures { metric value measured year } }
    } }`);
    const { rankings, cooperation } = expected.data.kommune as {
      rankings: { edition: number; rank: number; scopeName: string; indicator: { key: string; name: string } }[];
      cooperation: { measures: { metric: string; value: number | null; measured: boolean; year: number | null }[] };
    };
    const newest = new Map<string, number>();
    for (const entry of rankings) newest.set(entry.indicator.key, Math.max(newest.get(entry.indicator.key) ?? 0, entry.edition));
    expect(newest.size, 'the seeds hold Kommune-NM ranks of Kongsberg').toBeGreaterThan(0);

    const ranks = page.getByTestId('kommune-ranks');
    await ranks.waitFor();
    const rows = await ranks.locator('tbody tr').allInnerTexts();
    expect(rows).toHaveLength(newest.size);
    for (const entry of rankings.filter((candidate) => candidate.edition === newest.get(candidate.indicator.key))) {
      const row = rows.find((text) => text.includes(entry.indicator.name.replace(/^Kommune-NM:\s*/, '')));
      expect(row, entry.indicator.key).toContain(`${entry.rank} in ${entry.scopeName}`);
      expect(row, entry.indicator.key).toContain(String(entry.edition));
    }

    const figures = await page.getByTestId('kommune-cooperation').locator('tbody tr').allInnerTexts();
    expect(figures).toHaveLength(cooperation.measures.length);
    const companies = cooperation.measures.find((measure) => measure.metric === 'COMPANIES')!;
    expect(figures[0]).toMatch(new RegExp(`^Companies\\s+${companies.value}\\s+${companies.year}$`));
    await page.locator('aside.details').screenshot({ path: path.join(SCREENSHOTS, 'kommune-panel.png') });
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
    await expect.poll(nodeCount, { timeout: 90_000 }).toBeGreaterThan(before);
    await page.getByText(new RegExp(`Expanded ${partner.label}: \\d+ new nodes?`)).waitFor();
  });

  it('exports the graph as JSON in the shape of the API', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Graph (JSON)' }).click()]);
    const graph = JSON.parse(await readFile((await download.path())!, 'utf8'));
    expect(graph.nodes.length).toBe(await nodeCount());
    expect(graph.nodes.map((node: { id: string }) => node.id)).toEqual(expect.arrayContaining(['Kommune:3006', 'Cluster:kongsberg-klyngen']));
    expect(graph.edges[0]).toEqual(expect.objectContaining({ source: expect.any(String), target: expect.any(String), type: expect.any(String) }));
  });

  it('draws Kongsberg at depth 2 with labelled edges and no two node labels on top of each other', async () => {
    await page.goto(`${baseUrl}/#/graph?center=Kommune:3006&depth=2`);
    await page.getByText(/nodes and \d+ edges around Kongsberg/).waitFor();
    expect(await nodeCount()).toBeGreaterThan(100);
    expect(await overlappingLabels()).toEqual([]);

    const edges = await page.evaluate<{ type: string; label: string }[]>(
      `document.querySelector('${canvasSelector}')._cyreg.cy.edges().map((edge) => ({ type: edge.data('type'), label: edge.data('label') }))`,
    );
    for (const edge of edges) expect(edge.label.startsWith(edge.type.toLowerCase().replace(/_/g, ' ')), edge.label).toBe(true);
    expect(edges.find((edge) => edge.type === 'COMMUTES_TO')?.label).toMatch(/^commutes to · [\d,]+ · \d{4}$/);

    // Bigger nodes carry bigger labels, so sizing by another measure must keep them apart too.
    const totalSize = () => page.evaluate<number>(
      `document.querySelector('${canvasSelector}')._cyreg.cy.nodes().reduce((sum, node) => sum + node.data('size'), 0)`,
    );
    const sizedByDegree = await totalSize();
    await page.getByLabel('Size nodes by').selectOption('pageRank');
    await expect.poll(totalSize).not.toBe(sizedByDegree);
    expect(await overlappingLabels()).toEqual([]);
    await page.getByLabel('Size nodes by').selectOption('degree');

    // Zoomed in on Kongsberg, every node and edge near it is named.
    await page.evaluate(`(() => {
      const cy = document.querySelector('${canvasSelector}')._cyreg.cy;
      cy.zoom({ level: 1.3, renderedPosition: cy.getElementById('Kommune:3006').renderedPosition() });
    })()`);
    // Cytoscape first scales its cached label images and redraws them sharp a moment later;
    // only the picture waits for that, no assertion does.
    await page.waitForTimeout(1000);
    await screenshot('graph-depth2');
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
    expect(csv.charCodeAt(0), 'no byte-order mark').not.toBe(0xfeff);
    expect(csv.split('\r\n')[0]).toContain('rank');
    expect(csv).toContain('Kongsberg');
    // Kommune numbers are quoted: text, with their leading zeros.
    expect(csv).toMatch(/,"3006",Kongsberg,/);
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
    expect(graphqlBodies.filter((body) => /\b__(type|schema)\b/.test(body))).toEqual([]);
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
    await expect.poll(() => page.locator('.graphiql-response').innerText(), { timeout: 90_000 }).toMatch(/"officialName":\s*"Kongsberg"/);
    await screenshot('playground');
  });

  it('works with introspection off: the views ask for none and the playground says why it has no schema', async () => {
    const quiet = await startApi({ limits: { ...readConfig().limits, introspection: false } });
    const errorsBefore = consoleErrors.length;
    graphqlBodies.length = 0;
    await page.goto(`${quiet}/#/graph`);
    await page.getByText(/nodes and \d+ edges around Kongsberg/).waitFor();
    await page.getByTestId('kommune-ranks').waitFor();
    await page.goto(`${quiet}/#/correlation?metric=COMMUTING_PARTNERS&indicator=ssb/long-higher-education-share&year=2021`);
    await expect.poll(async () => Number(await page.getByTestId('scatter').getAttribute('data-points')), { timeout: 90_000 }).toBeGreaterThan(100);
    await page.goto(`${quiet}/#/rankings?indicator=kommune-nm/kompetanse&edition=2022`);
    await page.locator('table.data').getByRole('button', { name: 'Kongsberg', exact: true }).waitFor();
    expect(graphqlBodies.filter((body) => /\b__(type|schema)\b/.test(body))).toEqual([]);

    await page.goto(`${quiet}/#/playground`);
    await expect.poll(() => page.getByTestId('schema-note').textContent(), { timeout: 90_000 }).toContain('GRAPHQL_INTROSPECTION=false');
    await page.locator('.graphiql-query-editor').getByText(/query\s+KongsbergDetail/).waitFor();
    await page.locator('.graphiql-execute-button').click();
    await expect.poll(() => page.locator('.graphiql-response').innerText(), { timeout: 90_000 }).toMatch(/"officialName":\s*"Kongsberg"/);
    expect(await page.getByText(/introspection is not allowed/).count(), "Apollo's refusal is not shown raw").toBe(0);
    // Chromium logs the refusal (HTTP 400) as a failed load; it is expected once, and nothing else may fail.
    expect(consoleErrors.splice(errorsBefore)).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    await screenshot('playground-no-introspection');
  });

  it('lets a browser app of an allowed origin call the API and keeps other origins out', async () => {
    const allowedSite = await startSite();
    const otherSite = await startSite();
    const corsApi = await startApi({ cors: { origins: [allowedSite], credentials: false, maxAgeSeconds: 600 } });

    const preflight = (origin: string) => fetch(`${corsApi}/graphql`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });
    const allowed = await preflight(allowedSite);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(allowedSite);
    expect(allowed.headers.get('access-control-allow-methods')?.split(',')).toEqual(expect.arrayContaining(['GET', 'POST']));
    expect(allowed.headers.get('access-control-allow-headers')?.split(',')).toEqual(expect.arrayContaining(['content-type', 'authorization']));
    expect(allowed.headers.get('access-control-max-age')).toBe('600');
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    expect(allowed.headers.get('vary')).toContain('Origin');
    const refused = await preflight(otherSite);
    expect(refused.status).toBe(204);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();

    // The page's own fetch, as a browser app on that origin would send it (with a preflight).
    const call = `fetch('${corsApi}/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ kommune(nr: "3006") { name } }' }),
      }).then((response) => response.json()).then((body) => body.data.kommune.name, (error) => 'blocked: ' + error.message)`;
    // A page of its own: the refused call's console error belongs to this test, not to the explorer's.
    const browserApp = await context.newPage();
    try {
      await browserApp.goto(`${allowedSite}/`);
      expect(await browserApp.evaluate<string>(call)).toBe('Kongsberg');
      await browserApp.goto(`${otherSite}/`);
      expect(await browserApp.evaluate<string>(call)).toMatch(/^blocked: /);
    } finally {
      await browserApp.close();
    }
  });

  it('fits a 390 px wide phone screen in every view, without scrolling sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      const views: [string, () => Promise<unknown>][] = [
        ['#/graph', () => page.getByText(/nodes and \d+ edges around Kongsberg/).waitFor()],
        ['#/rankings?indicator=kommune-nm/kompetanse&edition=2022&kommune=3006', () => page.locator('.rank-history canvas').waitFor()],
        ['#/correlation?metric=COMMUTING_PARTNERS&indicator=ssb/long-higher-education-share&year=2021', () => page.getByText(/Pearson r/).waitFor()],
        ['#/playground', () => page.locator('.graphiql-query-editor').getByText(/query\s+KongsbergDetail/).waitFor()],
      ];
      for (const [hash, ready] of views) {
        await page.goto(`${baseUrl}/${hash}`);
        await ready();
        expect(await page.evaluate<number>('document.scrollingElement.scrollWidth'), hash).toBeLessThanOrEqual(390);
        for (const tab of await page.getByRole('navigation', { name: 'Views' }).getByRole('link').all()) {
          const box = (await tab.boundingBox())!;
          expect(box.x + box.width, `${await tab.textContent()} on ${hash}`).toBeLessThanOrEqual(390);
        }
      }
      await page.goto(`${baseUrl}/#/graph`);
      await page.getByText(/nodes and \d+ edges around Kongsberg/).waitFor();
      await page.getByTestId('kommune-ranks').waitFor();
      await page.locator('.graph-main').scrollIntoViewIfNeeded();
      await screenshot('mobile');
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });

  it('made no request beyond the local server and logged no console error', () => {
    expect(requestedUrls.length).toBeGreaterThan(0);
    expect(requestedUrls.filter((url) => !isLocal(url))).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
