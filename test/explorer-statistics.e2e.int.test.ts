import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import type { TestApi } from './support/api.js';
import { launchChromium, SCREENSHOTS, serveExplorer, type LaunchedChromium } from './support/browser.js';

/**
 * The explorer's statistics in a real headless Chromium: intervals and warnings of a
 * correlation, the screening heat map (a cell opens its scatter plot), Kongsberg's profile in the
 * node panel, and the export links with their citation blocks. Launched as
 * test/explorer.e2e.int.test.ts launches it.
 */

let db: Database;
let api: TestApi;
let baseUrl: string;
let browser: LaunchedChromium;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

function isLocal(url: string): boolean {
  return url === baseUrl || url.startsWith(`${baseUrl}/`) || url.startsWith('data:') || url.startsWith('blob:');
}

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  ({ db, api, baseUrl } = await serveExplorer());
  browser = await launchChromium('explorer-statistics', { viewport: { width: 1280, height: 900 } });
  ({ context, page } = browser);
  await context.route('**/*', async (route) => {
    if (isLocal(route.request().url())) await route.continue();
    else await route.abort('blockedbyclient');
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await db?.close();
});

describe('explorer statistics', () => {
  it('shows confidence intervals, the p-value method, series years and warnings of a correlation', async () => {
    await page.goto(`${baseUrl}/#/correlation?metric=COMMUTING_OUT_SHARE&indicator=ssb/higher-education-share&year=2018&control=size`);
    const interval = page.getByTestId('pearson-interval');
    await interval.waitFor({ timeout: 60_000 });
    await expect.poll(() => interval.textContent(), { timeout: 60_000 }).toMatch(/^\[-?\d\.\d{3}, -?\d\.\d{3}\]$/);
    expect(await page.getByTestId('spearman-interval').textContent()).toMatch(/^\[/);
    expect(await page.getByTestId('correlation-stats').textContent()).toContain('t approximation');
    expect(await page.getByTestId('series-years').textContent()).toMatch(/COMMUTING_OUT_SHARE 2020 · ssb\/higher-education-share 2018/);
    await page.getByText(/every variable ranked for ρ/).waitFor();
    await page.getByTestId('warnings').waitFor();
    expect(await page.getByTestId('warnings').textContent()).toContain('TIES');
    await screenshot('statistics-correlation');
  });

  it('shows why a small sample has no p-value', async () => {
    await page.goto(`${baseUrl}/#/correlation?metric=COMMUTING_PARTNERS&indicator=kommune-nm/kompetanse&year=2022`);
    await page.getByTestId('warnings').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('warnings').textContent(), { timeout: 60_000 }).toContain('COVERAGE_TOO_SMALL');
  });

  it('draws the screening heat map, and a cell opens that pair in the scatter plot', async () => {
    await page.goto(`${baseUrl}/#/screening`);
    const heatmap = page.getByTestId('screening-heatmap');
    await heatmap.waitFor({ timeout: 180_000 });
    expect(await heatmap.locator('button.heat-cell').count()).toBeGreaterThan(20);
    await page.getByTestId('screening-list').waitFor();
    const csv = await page.getByTestId('export-screening-csv').getAttribute('href');
    expect(csv).toMatch(/^\/export\/screening\.csv\?/);
    await screenshot('statistics-screening');
    const first = heatmap.locator('button.heat-cell').first();
    await first.click();
    await page.waitForURL(/#\/correlation\?/);
    expect(page.url()).toContain('metric=');
    await page.getByTestId('pearson-interval').waitFor({ timeout: 60_000 });
  });

  it("shows Kongsberg's profile in the kommune panel, with a profile CSV carrying its citation", async () => {
    await page.goto('about:blank');
    await page.goto(`${baseUrl}/#/graph?center=Kommune:3006`);
    const profile = page.getByTestId('kommune-profile');
    await profile.waitFor({ timeout: 120_000 });
    await profile.locator('table tbody tr').first().waitFor({ timeout: 120_000 });
    expect(await profile.locator('table tbody tr').count()).toBeGreaterThan(5);
    expect(await profile.textContent()).toMatch(/size peers/);
    await profile.scrollIntoViewIfNeeded();
    await screenshot('statistics-kommune-profile');
    const href = await page.getByTestId('export-profile-csv').getAttribute('href');
    const response = await fetch(`${baseUrl}${href}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toMatch(/^# Regional cooperation graph export/);
    expect(text).toContain('# Sources:');
    expect(text).toMatch(/\n"3006","Kongsberg","measure"/);
    expect(consoleErrors).toEqual([]);
  });
});

describe('export routes', () => {
  it('gives a correlation as CSV with quoted kommune numbers and as JSON with a citation', async () => {
    const query = 'metric=COMMUTING_OUT_SHARE&indicator=ssb/higher-education-share&year=2018&controlFor=LOG_POPULATION';
    const csv = await (await fetch(`${baseUrl}/export/correlation.csv?${query}`)).text();
    const lines = csv.split('\n');
    const header = lines.findIndex((line) => line.startsWith('"kommune_nr"'));
    expect(header).toBeGreaterThan(2);
    expect(lines.slice(0, header).every((line) => line.startsWith('#'))).toBe(true);
    expect(csv).toMatch(/\n"0301","Oslo","COMMUTING_OUT_SHARE",\d{4},[\d.]+,"ssb\/higher-education-share",2018,[\d.]+/);
    expect(csv).toContain('SSB');
    const json = (await (await fetch(`${baseUrl}/export/correlation.json?${query}`)).json()) as any;
    expect(json.citation.sources.length).toBeGreaterThan(0);
    expect(json.rows.length).toBe(json.result.correlation.n);
    expect(json.result.correlation.partial.covariates[0]).toMatch(/^log population/);
  });

  it('refuses bad arguments with the API error and an unknown export with the list of exports', async () => {
    const bad = await fetch(`${baseUrl}/export/correlation.csv?metric=COMMUTING_OUT_SHARE&indicator=ssb/higher-education-share&year=1990`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const unknown = await fetch(`${baseUrl}/export/nothing.csv`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as any).errors[0].message).toContain('screening.csv');
  });
});
