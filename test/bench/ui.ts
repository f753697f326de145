import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { Cache } from '../../src/core/cache/cache';
import { buildRenderer } from '../../src/core/host/renderer-build';
import { alertRecords } from '../support/alert-records';
import { chromiumLaunchOptions } from '../support/chromium';
import { fleetRecords, seedCache } from '../support/fleet-records';
import { repoRoot, startWebProcess } from '../support/web-process';
import { percentile, printReport, round, type BenchRow } from './report';

/**
 * `npm run bench -- ui`: the console in Debian's Chromium against `npm run web` with 50,000 cached
 * devices. Every latency is measured inside the page, from the user's action to the rows on screen.
 */
const N = 50_000;

/**
 * In-page helpers, as plain JavaScript: functions compiled by tsx carry helpers that do not exist in
 * the page, so nothing here is a serialized TypeScript function.
 */
const pageHelpers = `
window.__bench = {
  setSearch(value) {
    const input = document.querySelector('input[type=search]');
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  },
  setSelect(label, value) {
    const select = [...document.querySelectorAll('.filters label')].find((l) => l.textContent.startsWith(label)).querySelector('select');
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(select, value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  },
  // Runs an action; resolves with the ms until the result count reads the expected text and rows show.
  async timeTo(action, args, expected) {
    const t0 = performance.now();
    this[action](...args);
    await new Promise((resolve) => {
      const check = () => {
        const text = document.querySelector('.result-count')?.textContent ?? '';
        if (text === expected && document.querySelector('[data-row-key]')) resolve();
        else requestAnimationFrame(check);
      };
      check();
    });
    return performance.now() - t0;
  },
  async scrollToEnd(step) {
    const scroller = document.querySelector('[data-testid=asset-scroll]');
    const frames = [];
    let placeholders = 0;
    let last = performance.now();
    while (scroller.scrollTop + scroller.clientHeight < scroller.scrollHeight - 1) {
      scroller.scrollTop += step;
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      frames.push(now - last);
      last = now;
      if (document.querySelector('.row.placeholder')) placeholders++;
    }
    await new Promise((resolve) => {
      const check = () => (document.querySelector('.row.placeholder') ? requestAnimationFrame(check) : resolve());
      check();
    });
    const rows = [...document.querySelectorAll('[data-testid=asset-scroll] [aria-rowindex]')].map((r) => Number(r.getAttribute('aria-rowindex')));
    return { frames, placeholders, lastRow: Math.max(...rows) };
  },
};`;

function timeTo(
  page: Page,
  action: 'setSearch' | 'setSelect',
  args: string[],
  expected: string,
): Promise<number> {
  return page.evaluate(
    `window.__bench.timeTo(${JSON.stringify(action)}, ${JSON.stringify(args)}, ${JSON.stringify(expected)})`,
  );
}

const devicesText = (n: number): string => `${n.toLocaleString('en-US')} device${n === 1 ? '' : 's'}`;

export async function benchUi(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'alga-bench-ui-'));
  const cachePath = join(dir, 'cache.db');
  const fleet = fleetRecords(N, 77);
  const cache = Cache.open(cachePath);
  seedCache(cache, fleet);
  cache.alerts.upsertMany(alertRecords(fleet, 25));
  cache.close();
  await buildRenderer(repoRoot);
  const web = await startWebProcess(['--db', cachePath, '--no-build']);
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript(pageHelpers);
    // The first visit moves the one-time token into this tab's sessionStorage; later loads reuse it.
    await page.goto(web.url);
    await page.waitForSelector('[data-app-state=ready]');
    const firstRows: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.goto(`${web.origin}/?run=${i}#/assets`);
      await page.waitForSelector('[data-row-key]', { state: 'attached' });
      firstRows.push(await page.evaluate(() => performance.now()));
    }

    const searches: number[] = [];
    const lower = (s: string): string => s.toLowerCase();
    for (let i = 0; i < 20; i++) {
      const device = fleet.devices[(i * 2477) % N]!;
      const term = device.name.slice(-9);
      const expected = fleet.devices.filter((d) =>
        lower(`${d.name} ${d.systemName ?? ''}`).includes(lower(term)),
      ).length;
      searches.push(await timeTo(page, 'setSearch', [term], devicesText(expected)));
      await timeTo(page, 'setSearch', [''], devicesText(N));
    }

    const filters: number[] = [];
    const offline = fleet.devices.filter((d) => d.agentStatus === 'offline').length;
    const servers = fleet.devices.filter((d) => d.assetType === 'server').length;
    for (let i = 0; i < 10; i++) {
      filters.push(await timeTo(page, 'setSelect', ['Status', 'offline'], devicesText(offline)));
      filters.push(await timeTo(page, 'setSelect', ['Status', ''], devicesText(N)));
      filters.push(await timeTo(page, 'setSelect', ['Type', 'server'], devicesText(servers)));
      filters.push(await timeTo(page, 'setSelect', ['Type', ''], devicesText(N)));
    }

    const scroll = (await page.evaluate('window.__bench.scrollToEnd(2000)')) as {
      frames: number[];
      placeholders: number;
      lastRow: number;
    };

    const rows: BenchRow[] = [
      { metric: 'devices', value: N, unit: 'rows' },
      { metric: 'first_rows_p50', value: round(percentile(firstRows, 50)), unit: 'ms', goal: '< 1000 ms' },
      { metric: 'first_rows_max', value: round(Math.max(...firstRows)), unit: 'ms', goal: '< 1000 ms' },
      { metric: 'search_p50', value: round(percentile(searches, 50)), unit: 'ms' },
      { metric: 'search_p95', value: round(percentile(searches, 95)), unit: 'ms', goal: '< 100 ms' },
      { metric: 'filter_p50', value: round(percentile(filters, 50)), unit: 'ms' },
      { metric: 'filter_p95', value: round(percentile(filters, 95)), unit: 'ms', goal: '< 100 ms' },
      { metric: 'scroll_frames', value: scroll.frames.length, unit: 'frames' },
      { metric: 'scroll_frame_p50', value: round(percentile(scroll.frames, 50)), unit: 'ms' },
      { metric: 'scroll_frame_p99', value: round(percentile(scroll.frames, 99)), unit: 'ms' },
      { metric: 'scroll_frame_max', value: round(Math.max(...scroll.frames)), unit: 'ms', goal: '< 50 ms' },
      { metric: 'scroll_frames_with_placeholders', value: scroll.placeholders, unit: 'frames' },
    ];
    printReport('ui', rows, { lastRowIndex: scroll.lastRow });
  } finally {
    await browser.close();
    await web.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
