import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { Cache } from '../../src/core/cache/cache';
import { alertRecord } from '../support/alert-records';
import { fleetRecords, seedCache } from '../support/fleet-records';
import { searchSpecimens } from '../support/search-devices';
import { startWebProcess, type WebProcess } from '../support/web-process';

/** The search boxes of the console, with what technicians type into them. */
let dir: string;
let web: WebProcess;
const fleet = fleetRecords(3000, 31);
const special = searchSpecimens(fleet.devices[0]!);

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alga-e2e-search-'));
  const cachePath = join(dir, 'cache.db');
  const cache = Cache.open(cachePath);
  seedCache(cache, fleet);
  cache.devices.upsertMany(special);
  cache.alerts.upsertMany([
    {
      ...alertRecord(900_002, 'MAJOR', 'Disk free space < 10%'),
      uid: 'disk-dc01',
      message: 'Disk D: free space is below 10%',
    },
    {
      ...alertRecord(900_006, 'MINOR', 'Print Spooler stopped'),
      uid: 'spooler-olivia',
      message: 'Service Print Spooler (Spooler) changed state to STOPPED',
    },
  ]);
  cache.close();
  web = await startWebProcess(['--db', cachePath, '--no-build']);
});

test.afterAll(async () => {
  await web?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function searchAssets(page: Page, text: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Search devices' }).fill(text);
}

const names = async (page: Page): Promise<string[]> =>
  (await page.getByRole('table', { name: 'Devices' }).locator('.cell-name').allInnerTexts()).map((t) =>
    t.replace(/\s+/g, ' '),
  );

test('assets search: apostrophes, every word, word starts, whole octets, MACs, and why a row matched', async ({
  page,
}) => {
  await page.goto(web.url);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Assets' }).click();
  const count = page.getByRole('status').filter({ hasText: /device/ });

  await searchAssets(page, "grace's");
  await expect(count).toHaveText('1 device');
  await expect(page.getByRole('table', { name: 'Devices' })).toContainText('Grace’s MacBook Air');

  await searchAssets(page, 'acme dc');
  await expect(count).toHaveText('3 devices');
  expect(await names(page)).toEqual(['ACME-DC01', 'ACME-DC02', 'ACME-DC03']);

  // 17.2.1 is 17.2.1.x: not 17.17.2.1, 117.2.1.4 or 17.2.10.9, which merely contain the text.
  await searchAssets(page, '17.2.1');
  await expect(count).toHaveText('1 device');
  expect(await names(page)).toEqual(['Grace’s MacBook Air IP 17.2.1.5']);
  await searchAssets(page, '17.2.');
  await expect(count).toHaveText('2 devices');
  expect(await names(page)).toEqual(['ACME-DC03 IP 17.2.10.9', 'Grace’s MacBook Air IP 17.2.1.5']);

  await searchAssets(page, 'a4-bb-6d-12-34-56');
  await expect(count).toHaveText('1 device');
  await expect(page.getByRole('table', { name: 'Devices' }).locator('.cell-name')).toHaveText(
    'Olivia’s MacBook Pro MAC A4:BB:6D:12:34:56',
  );

  // "srv" finds the MacBook through its serial, and the row says so.
  await searchAssets(page, 'srv macbook');
  await expect(count).toHaveText('1 device');
  const row = page.getByRole('table', { name: 'Devices' }).locator('[data-row-key="900006"]');
  await expect(row.locator('.match-hint')).toHaveText('serial C02SRV8Q1234');
  await page.screenshot({ path: test.info().outputPath('search-serial.png') });
});

test('the palette finds a device by any field and shows which one matched', async ({ page }) => {
  await page.goto(web.url);
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox').fill('C02SRV');
  const option = palette.getByRole('option').filter({ hasText: 'Olivia’s MacBook Pro' });
  await expect(option).toContainText('serial C02SRV8Q1234');
  // Alerts are found by their message, too.
  await palette.getByRole('combobox').fill('spooler stopped');
  await expect(
    palette.getByRole('option').filter({ hasText: 'Print Spooler stopped on Olivia’s MacBook Pro' }),
  ).toBeVisible();
});

test('alerts show their message next to the condition and are searched by it', async ({ page }) => {
  await page.goto(web.url);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Alerts' }).click();
  const table = page.getByRole('table', { name: 'Alerts' });
  await expect(table.locator('[data-row-key="disk-dc01"] .cell-condition')).toHaveText(
    'Disk free space < 10% · Disk D: free space is below 10%',
  );
  await page.getByRole('searchbox', { name: 'Search alerts' }).fill('D: free space');
  await expect(page.getByRole('status').filter({ hasText: /alert/ })).toHaveText('1 alert');
  await page.getByRole('searchbox', { name: 'Search alerts' }).fill('spooler olivia’s');
  await expect(table.locator('[data-row-key]')).toHaveCount(1);
  await expect(table.locator('[data-row-key="spooler-olivia"]')).toBeVisible();
});
