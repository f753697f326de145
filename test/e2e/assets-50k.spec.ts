import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { Cache } from '../../src/core/cache/cache';
import { fleetRecords, seedCache, type FleetRecords } from '../support/fleet-records';
import { startWebProcess, type WebProcess } from '../support/web-process';

const DEVICES = 50_000;
let dir: string;
let web: WebProcess;
let fleet: FleetRecords;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alga-e2e-'));
  const cachePath = join(dir, 'cache.db');
  fleet = fleetRecords(DEVICES, 11);
  const cache = Cache.open(cachePath);
  seedCache(cache, fleet);
  cache.close();
  web = await startWebProcess(['--db', cachePath, '--no-build']);
});

test.afterAll(async () => {
  await web?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const sortedByName = (): FleetRecords['devices'] =>
  [...fleet.devices].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id - b.id);

test('pages 50,000 cached devices: search by name and IP, scroll to the last device', async ({ page }) => {
  await page.goto(web.url);
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Assets' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'devices' })).toHaveText('50,000 devices');
  // The token left the address bar once read.
  expect(page.url()).not.toContain('token=');

  const search = page.getByRole('searchbox', { name: 'Search devices' });
  const target = fleet.devices[31_337]!;
  await search.fill(target.name.toLowerCase());
  await expect(page.locator(`[data-row-key="${target.id}"]`)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'device' })).toHaveText('1 device');

  const byIp = fleet.devices[4_242]!;
  await search.fill(byIp.ipAddresses[0]!);
  await expect(page.locator(`[data-row-key="${byIp.id}"]`)).toBeVisible();
  const ipMatches = fleet.devices.filter((d) =>
    d.ipAddresses.some((ip) => ip.includes(byIp.ipAddresses[0]!)),
  );
  await expect(page.locator('[data-row-key]')).toHaveCount(ipMatches.length);
  for (const row of await page.locator('[data-row-key]').all())
    await expect(row).toContainText(byIp.ipAddresses[0]!);

  await search.fill('');
  await expect(page.getByRole('status').filter({ hasText: 'devices' })).toHaveText('50,000 devices');
  const last = sortedByName().at(-1)!;
  const scroller = page.getByTestId('asset-scroll');
  // Scroll in steps like a technician holding End: pages load in order behind the viewport.
  await expect(async () => {
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(page.locator(`[data-row-key="${last.id}"]`)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.locator(`[data-row-key="${last.id}"]`)).toContainText(last.name);
  await page.screenshot({ path: test.info().outputPath('assets-last-device.png') });
});

test('a wheel step leaves the rows on screen alone; a jump gives them other devices in place', async ({
  page,
}) => {
  await page.goto(web.url);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Assets' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'devices' })).toHaveText('50,000 devices');
  const scroller = page.getByTestId('asset-scroll');
  // Page-side code as strings: these tests compile without the DOM's types.
  const focusedDevice = async (): Promise<string | null> =>
    (await page.evaluate(
      "document.activeElement?.closest('[role=row]')?.getAttribute('data-row-key') ?? null",
    )) as string | null;

  // Into the list, so rows above and below the screen are rendered too, then a row picked.
  await scroller.evaluate((el) => (el.scrollTop = 100 * 32));
  const picked = page.locator('[data-row-key]').nth(12);
  await picked.focus();
  const device = await picked.getAttribute('data-row-key');
  // Three rows on, as a wheel step: every row still on screen is the element that showed it before
  // (the browser neither rebuilds nor repaints it), and the picked device keeps the focus.
  const moved = (await page.evaluate(`(async () => {
    const rows = () => [...document.querySelectorAll('[data-testid=asset-scroll] [data-row-key]')];
    for (const row of rows()) row.shownDevice = row.dataset.rowKey;
    document.querySelector('[data-testid=asset-scroll]').scrollTop += 3 * 32;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return rows().filter((row) => row.shownDevice && row.shownDevice !== row.dataset.rowKey).length;
  })()`)) as number;
  expect(moved).toBe(0);
  await expect(page.locator(`[data-row-key="${device}"]`)).toBeFocused();

  // A screen or more per frame, as when the scrollbar is dragged: the rows on screen show other
  // devices. Building them anew cost about 36 rows a frame; at most the last one comes and goes, as
  // the screen holds one row more or less with the scroll offset.
  const rowsBuilt = (await page.evaluate(`(async () => {
    const scroller = document.querySelector('[data-testid=asset-scroll]');
    let built = 0;
    const observer = new MutationObserver((records) => {
      for (const record of records)
        for (const node of record.addedNodes) if (node.getAttribute?.('role') === 'row') built++;
    });
    observer.observe(scroller, { childList: true, subtree: true });
    for (let i = 0; i < 20; i++) {
      scroller.scrollTop += 2000;
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    observer.disconnect();
    return built;
  })()`)) as number;
  expect(rowsBuilt).toBeLessThanOrEqual(20);
  // The picked device scrolled away, and the focus with it: no other device's row has it.
  await expect(page.locator(`[data-row-key="${device}"]`)).toHaveCount(0);
  expect(await focusedDevice()).toBeNull();
});
