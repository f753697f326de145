import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { Cache } from '../../src/core/cache/cache';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { compareVersions } from '../../src/shared/version-compare';
import { fleetRecords, seedCache, type FleetRecords } from '../support/fleet-records';
import { patchRecords, softwareRecords } from '../support/inventory-records';
import { freeLoopbackPort } from '../../src/core/host/loopback-port';
import { startWebProcess, type WebProcess } from '../support/web-process';

let dir: string;
let web: WebProcess;
let fleet: FleetRecords;
let sim: NinjaOneSimulator;
let redirectPort: number;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alga-e2e-inventory-'));
  const cachePath = join(dir, 'cache.db');
  fleet = fleetRecords(600, 31);
  const cache = Cache.open(cachePath);
  seedCache(cache, fleet);
  cache.software.upsertMany(softwareRecords(fleet), 1);
  cache.software.refreshTitleCounts();
  cache.patches.upsertMany(patchRecords(fleet), 1, Date.now() - 45 * 86_400_000);
  cache.patches.refreshRollups('all');
  cache.activities.insertMany([
    {
      id: 900001,
      deviceId: fleet.devices[3]!.id,
      activityTime: Date.now() - 3_600_000,
      activityType: 'SYSTEM',
      statusCode: 'SYSTEM_REBOOTED',
      severity: 'NONE',
      seriesUid: null,
      subject: null,
      message: 'The system rebooted',
      raw: {},
    },
  ]);
  cache.close();
  redirectPort = await freeLoopbackPort();
  sim = await startNinjaOneSimulator({
    devices: 10,
    seed: 2,
    redirectUris: [`http://127.0.0.1:${redirectPort}/callback`],
  });
  web = await startWebProcess(['--db', cachePath, '--no-build'], {
    ALGA_CONSOLE_KEYCHAIN_SERVICE: `alga-console-e2e-${process.pid}`,
  });
});

test.afterAll(async () => {
  await web?.stop();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(page: Page, view: string): Promise<void> {
  await page.goto(web.url);
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: view }).click();
}

test('patches: compliance by organization opens the failing devices; a patch drills down to its devices', async ({
  page,
}) => {
  await open(page, 'Patches');
  const orgs = page.getByRole('table', { name: 'Compliance by organization' });
  const failedDevices = fleet.devices.filter((_, i) => i % 7 === 0);
  const acme = fleet.organizations.find((o) => o.name === 'Acme Corp')!;
  const acmeFailed = failedDevices.filter((d) => d.organizationId === acme.id).length;
  const acmeRow = orgs.locator('[data-row-key]').filter({ hasText: 'Acme Corp' });
  await expect(acmeRow.getByRole('button', { name: String(acmeFailed) })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('patches-by-org.png') });
  await acmeRow.getByRole('button', { name: String(acmeFailed) }).click();
  await expect(page.getByRole('status').filter({ hasText: 'device' })).toHaveText(
    `${acmeFailed} device${acmeFailed === 1 ? '' : 's'}`,
  );

  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Patches' }).click();
  await page.getByRole('tab', { name: 'By patch' }).click();
  const patches = page.getByRole('table', { name: 'Patches' });
  const pending = fleet.devices.filter((_, i) => i % 3 === 0).length;
  const november = patches.locator('[data-row-key]').filter({ hasText: 'KB5046617' });
  await expect(november).toContainText(String(pending));
  await november.click();
  const detail = page.getByRole('complementary', { name: 'Devices needing this patch' });
  await expect(
    detail.getByRole('table', { name: 'Devices' }).locator('[data-row-key]').first(),
  ).toBeVisible();

  await page.getByRole('tab', { name: 'Long pending' }).click();
  await expect(page.getByRole('table', { name: 'Devices' }).locator('[data-row-key]').first()).toContainText(
    /-/,
  );
});

test('software: "chrome below 120" lists exactly the devices on an older Chrome; a title shows its version spread', async ({
  page,
}) => {
  await open(page, 'Software');
  const expected = softwareRecords(fleet).filter(
    (s) => s.name === 'Google Chrome' && compareVersions(s.version!, '120') < 0,
  );
  await page.getByRole('searchbox', { name: 'Search software' }).fill('chrome below 120');
  await expect(page.getByRole('status').filter({ hasText: 'version' })).toHaveText(
    'Devices with “chrome” version < 120',
  );
  const installs = page.getByRole('table', { name: 'Installations' });
  await expect(installs).toHaveAttribute('aria-rowcount', String(expected.length + 1));
  for (const row of await installs.locator('[data-row-key]').all())
    await expect(row).toContainText(/11[89]\./);

  await page.getByRole('searchbox', { name: 'Search software' }).fill('anydesk');
  await page
    .getByRole('table', { name: 'Software titles' })
    .locator('[data-row-key]')
    .filter({ hasText: 'AnyDesk' })
    .click();
  const detail = page.getByRole('complementary', { name: 'Title detail' });
  const spread = detail.getByRole('list', { name: 'Version spread' });
  await expect(spread.getByRole('button')).toHaveCount(2);
  await spread.getByRole('button').filter({ hasText: '8.0.6' }).click();
  await expect(detail.getByRole('heading', { name: 'Devices on 8.0.6' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('software.png') });
});

test('asset detail shows the device patches, software and activity', async ({ page }) => {
  const device = fleet.devices[3]!;
  await page.goto(web.url);
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
  await page.goto(`${web.origin}/#/assets/${device.id}`);
  const detail = page.getByRole('complementary', { name: 'Device detail' });
  await expect(detail.getByRole('region', { name: 'Patches' })).toContainText('2026-11 Cumulative Update');
  await expect(detail.getByRole('region', { name: 'Software' })).toContainText('Google Chrome');
  await detail.getByRole('searchbox', { name: "Search this device's software" }).fill('zzz');
  await expect(detail.getByRole('region', { name: 'Software' })).toContainText('Nothing matches');
  await expect(detail.getByRole('region', { name: 'Activity' })).toContainText('system rebooted');
});

test('settings: connect NinjaOne through the browser sign-in, then disconnect', async ({ page, context }) => {
  await open(page, 'Settings');
  const form = page.getByRole('form', { name: 'Connect NinjaOne' });
  await form.getByLabel('Instance').selectOption('custom');
  await form.getByRole('textbox', { name: 'Host' }).fill(sim.url);
  await form.getByRole('textbox', { name: 'Client id' }).fill(sim.clientId);
  await form.getByText('Redirect (must match the app in NinjaOne)').click();
  await form.getByRole('textbox', { name: 'Port' }).fill(String(redirectPort));
  const signInTab = context.waitForEvent('page');
  await form.getByRole('button', { name: 'Connect NinjaOne' }).click();
  await expect(form.getByRole('status')).toHaveText(
    'Waiting for you to sign in to NinjaOne in your browser…',
  );
  // The console asked for a browser tab on NinjaOne's authorize page; NinjaOne redirects back to the console.
  const tab = await signInTab;
  await expect(tab.locator('body')).toContainText(/console/i);
  const card = page.getByRole('region', { name: 'NinjaOne' });
  await expect(card.getByText('Connected', { exact: true })).toBeVisible();
  await expect(card).toContainText(new URL(sim.url).host);
  await page.screenshot({ path: test.info().outputPath('settings-connected.png') });
  await card.getByRole('button', { name: 'Disconnect' }).click();
  await expect(card.getByText('Not connected', { exact: true })).toBeVisible();
});
