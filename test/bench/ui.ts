import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { Cache } from '../../src/core/cache/cache';
import { buildRenderer } from '../../src/core/host/renderer-build';
import { alertRecords } from '../support/alert-records';
import { chromiumLaunchOptions } from '../support/chromium';
import { seedDashboardHistory } from '../support/dashboard-history-records';
import { fleetRecords, seedCache, type FleetRecords } from '../support/fleet-records';
import { activity, createToken, postWebhook, startTestRelay } from '../support/relay';
import { connectClient } from '../support/rpc-ws-client';
import { repoRoot, startWebProcess } from '../support/web-process';
import { percentile, printReport, round, type BenchRow } from './report';

/**
 * `npm run bench -- ui`: the console in Debian's Chromium against `npm run web` with 50,000 cached
 * devices and a month of the history the dashboard's trends read, while alerts keep arriving through
 * a relay (5 a second, as NinjaOne webhooks): the live updates run the whole time. Every latency is
 * measured inside the page, from the user's action (or the navigation) to what it shows on screen.
 */
const N = 50_000;
const ARRIVALS_PER_SECOND = 5;
/** The dashboard's trends read a month of history; this many alert series trigger each day of it. */
const HISTORY_DAYS = 30;
const SERIES_PER_DAY = 2_500;
const DASHBOARD_LOADS = 10;

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
  // The window title at each change (its unseen count follows arrivals), from the title when asked.
  titles: [],
  watchTitle() {
    this.titles = [{ at: Date.now(), title: document.title }];
    new MutationObserver(() => this.titles.push({ at: Date.now(), title: document.title })).observe(
      document.querySelector('title'), { childList: true, characterData: true, subtree: true });
  },
  // The dashboard as the technician sees it: the Needs attention list and every trend with its data.
  dashboardShown() {
    const text = (selector) => document.querySelector(selector)?.textContent ?? '';
    return Boolean(
      document.querySelector('.attention [role=status]') &&
        document.querySelector('.attention-row') &&
        document.querySelector('[data-chart="Alert volume"] canvas') &&
        document.querySelector('[aria-labelledby=trend-noisiest] .ranked-pair') &&
        text('[aria-labelledby=trend-patches] .trend-readout').includes('% up to date') &&
        text('[aria-labelledby=trend-offline] .trend-readout').startsWith('Last sample'),
    );
  },
  // From the navigation's start (performance.now() counts from it) to the first frame that shows
  // the attention list, and the first that shows all of it: [attention, shown], in ms.
  watchDashboard() {
    let attention;
    this.dashboard = new Promise((resolve) => {
      const check = () => {
        if (attention === undefined && document.querySelector('.attention-row')) attention = performance.now();
        if (this.dashboardShown()) resolve([attention, performance.now()]);
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
  },
  // Frame times from now until stopFrames(), scrolling the device list by step px in each frame.
  startFrames(step) {
    const scroller = document.querySelector('[data-testid=asset-scroll]');
    this.frames = [];
    this.placeholders = 0;
    this.recording = true;
    this.framesFrom = performance.now();
    let last = null;
    const tick = (now) => {
      if (!this.recording) return;
      if (last !== null) this.frames.push(now - last);
      last = now;
      if (document.querySelector('.row.placeholder')) this.placeholders++;
      scroller.scrollTop += step;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  },
  stopFrames() {
    this.recording = false;
    return { frames: this.frames, placeholders: this.placeholders, busy: this.busySince(this.framesFrom) };
  },
  // The frames since t in which the page's main thread worked 50 ms or more (Long Animation Frames):
  // the longest, 0 when none. A long frame without one waited for the CPU, not for the console.
  longFrames: [],
  busySince(t) {
    return Math.max(0, ...this.longFrames.filter((f) => f.startTime >= t).map((f) => f.duration));
  },
  async scrollToEnd(step, testId = 'asset-scroll') {
    const scroller = document.querySelector('[data-testid=' + testId + ']');
    const frames = [];
    let placeholders = 0;
    const from = performance.now();
    let last = from;
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
    const rows = [...document.querySelectorAll('[data-testid=' + testId + '] [aria-rowindex]')].map((r) => Number(r.getAttribute('aria-rowindex')));
    // Long frames are reported a task after they end.
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { frames, placeholders, lastRow: Math.max(...rows), busy: this.busySince(from) };
  },
};
new PerformanceObserver((list) => window.__bench.longFrames.push(...list.getEntries())).observe({
  type: 'long-animation-frame',
  buffered: true,
});
if (location.hash === '#/dashboard') window.__bench.watchDashboard();`;

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

/**
 * Alerts triggering on random cached devices, posted to the relay as NinjaOne webhooks at a steady
 * rate; `sent` holds when each was posted (epoch ms).
 */
function arrivals(relayUrl: string, fleet: FleetRecords): { sent: number[]; pause(): void; resume(): void } {
  const sent: number[] = [];
  let n = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  const post = (): void => {
    n++;
    const device = fleet.devices[(n * 7919) % fleet.devices.length]!;
    const at = Date.now();
    const body = activity(1_000_000 + n, {
      activityTime: at / 1000,
      deviceId: device.id,
      seriesUid: `bench-arrival-${n}`,
      severity: n % 10 === 0 ? 'CRITICAL' : 'MAJOR',
      device: {
        id: device.id,
        organizationId: device.organizationId,
        nodeClass: device.nodeClass,
        offline: false,
      },
    });
    sent.push(at);
    void postWebhook(relayUrl, body);
  };
  const resume = (): void => {
    timer ??= setInterval(post, 1000 / ARRIVALS_PER_SECOND);
  };
  resume();
  return {
    sent,
    pause: () => {
      if (timer) clearInterval(timer);
      timer = null;
    },
    resume,
  };
}

export async function benchUi(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'alga-bench-ui-'));
  const cachePath = join(dir, 'cache.db');
  const fleet = fleetRecords(N, 77);
  const cache = Cache.open(cachePath);
  seedCache(cache, fleet);
  cache.alerts.upsertMany(alertRecords(fleet, 25));
  const history = seedDashboardHistory(cache, fleet, {
    days: HISTORY_DAYS,
    now: Date.now(),
    seriesPerDay: SERIES_PER_DAY,
  });
  cache.close();
  await buildRenderer(repoRoot);
  const relay = await startTestRelay({ db: join(dir, 'relay.db') });
  // The console's secrets (its relay token) stay in its memory: no keychain for a benchmark.
  const web = await startWebProcess(['--db', cachePath, '--no-build'], { ALGA_CONSOLE_TEST_SECRETS: '{}' });
  const rpc = await connectClient(web.origin, web.token);
  await rpc.call('relay.connect', { url: relay.url, token: await createToken(relay.store, 'bench') });
  const feed = arrivals(relay.url, fleet);
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
      busy: number;
    };

    // The dashboard over the fleet and its month of history, loaded afresh each time.
    const dashboardAttention: number[] = [];
    const dashboardShown: number[] = [];
    for (let i = 0; i < DASHBOARD_LOADS; i++) {
      await page.goto(`${web.origin}/?dashboard=${i}#/dashboard`);
      const at = (await page.evaluate('window.__bench.dashboard')) as [number, number];
      dashboardAttention.push(at[0]!);
      dashboardShown.push(at[1]!);
    }

    // Export CSV of the whole list, as the browser form downloads it, while the technician keeps
    // reading the list (a wheel step a frame): from the click to the last byte on disk.
    await page.goto(`${web.origin}/?export#/assets`);
    await page.waitForSelector('[data-testid=asset-scroll] [data-row-key]', { state: 'attached' });
    await page.evaluate('window.__bench.startFrames(100)');
    const exportStarted = performance.now();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    const exportMs = performance.now() - exportStarted;
    const exportFrames = (await page.evaluate('window.__bench.stopFrames()')) as {
      frames: number[];
      placeholders: number;
      busy: number;
    };
    const exportLines = csv.split('\n').filter((line) => line !== '').length;

    // The alert queue while alerts arrive: scrolling it, and how long an arrival takes to reach the
    // page (webhook posted to the relay -> the window title's unseen count one higher). The feed
    // pauses while the page loads, so every count change after it resumes is one known arrival.
    await page.goto(`${web.origin}/?alerts#/alerts`);
    await page.waitForSelector('[data-testid=alert-scroll] [data-row-key]', { state: 'attached' });
    feed.pause();
    await page.waitForTimeout(2000);
    await page.evaluate('window.__bench.watchTitle()');
    const watchFrom = feed.sent.length;
    feed.resume();
    const alertScroll = (await page.evaluate("window.__bench.scrollToEnd(600, 'alert-scroll')")) as {
      frames: number[];
      busy: number;
    };
    await page.waitForTimeout(5000);
    feed.pause();
    await page.waitForTimeout(2000);
    const watched = (await page.evaluate('window.__bench.titles')) as { at: number; title: string }[];
    const latencies = arrivalLatencies(feed.sent.slice(watchFrom), watched);
    const unseen = (await rpc.call('alerts.unseen', {})).uids.length;

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
      { metric: 'scroll_busy_frame_max', value: round(scroll.busy), unit: 'ms' },
      { metric: 'scroll_frames_with_placeholders', value: scroll.placeholders, unit: 'frames' },
      { metric: 'dashboard_attention_p50', value: round(percentile(dashboardAttention, 50)), unit: 'ms' },
      { metric: 'dashboard_shown_p50', value: round(percentile(dashboardShown, 50)), unit: 'ms' },
      {
        metric: 'dashboard_shown_p95',
        value: round(percentile(dashboardShown, 95)),
        unit: 'ms',
        goal: '< 500 ms',
      },
      { metric: 'export_lines', value: exportLines, unit: 'lines', goal: `${N + 1}` },
      { metric: 'export_time', value: round(exportMs), unit: 'ms' },
      { metric: 'export_frames', value: exportFrames.frames.length, unit: 'frames' },
      { metric: 'export_frame_p50', value: round(percentile(exportFrames.frames, 50)), unit: 'ms' },
      {
        metric: 'export_frame_max',
        value: round(Math.max(...exportFrames.frames)),
        unit: 'ms',
        goal: '< 50 ms',
      },
      { metric: 'export_busy_frame_max', value: round(exportFrames.busy), unit: 'ms' },
      { metric: 'export_frames_with_placeholders', value: exportFrames.placeholders, unit: 'frames' },
      { metric: 'arrivals_posted', value: feed.sent.length, unit: 'alerts' },
      { metric: 'arrivals_unseen_in_console', value: unseen, unit: 'alerts' },
      { metric: 'arrivals_timed', value: latencies.length, unit: 'alerts' },
      { metric: 'arrival_to_title_p50', value: round(percentile(latencies, 50)), unit: 'ms' },
      { metric: 'arrival_to_title_p95', value: round(percentile(latencies, 95)), unit: 'ms' },
      {
        metric: 'alert_scroll_frame_max',
        value: round(Math.max(...alertScroll.frames)),
        unit: 'ms',
        goal: '< 50 ms',
      },
      { metric: 'alert_scroll_busy_frame_max', value: round(alertScroll.busy), unit: 'ms' },
    ];
    printReport('ui', rows, {
      lastRowIndex: scroll.lastRow,
      arrivalsPerSecond: ARRIVALS_PER_SECOND,
      history,
      dashboardLoads: dashboardShown.map((ms) => round(ms)),
      loadAverage: loadavg(),
    });
  } finally {
    feed.pause();
    rpc.close();
    await browser.close();
    await web.stop();
    await relay.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * For each arrival posted at `sent[k]` (in order, after the first title was recorded), the time until
 * the title's unseen count first reached the starting count + k + 1.
 */
function arrivalLatencies(sent: number[], titles: { at: number; title: string }[]): number[] {
  const count = (title: string): number => Number(/^\((\d+)\)/.exec(title)?.[1] ?? 0);
  const base = count(titles[0]?.title ?? '');
  const out: number[] = [];
  sent.forEach((at, k) => {
    const shown = titles.find((t) => count(t.title) >= base + k + 1);
    if (shown) out.push(shown.at - at);
  });
  return out;
}
