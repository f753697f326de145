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
