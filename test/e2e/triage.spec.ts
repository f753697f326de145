import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { Cache } from '../../src/core/cache/cache';
import { alertRecords } from '../support/alert-records';
import { fleetRecords, seedCache, type FleetRecords } from '../support/fleet-records';
import { startWebProcess, type WebProcess } from '../support/web-process';

let dir: string;
let web: WebProcess;
let fleet: FleetRecords;
let alerts: ReturnType<typeof alertRecords>;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alga-e2e-triage-'));
  const cachePath = join(dir, 'cache.db');
  fleet = fleetRecords(2000, 21);
  alerts = alertRecords(fleet, 10);
  const cache = Cache.open(cachePath);
  seedCache(cache, fleet);
  cache.alerts.upsertMany(alerts);
  cache.close();
  web = await startWebProcess(['--db', cachePath, '--no-build']);
});

test.afterAll(async () => {
  await web?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function open(page: Page): Promise<void> {
  await page.goto(web.url);
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`dashboard figures open the filtered lists (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await open(page);
    const offline = fleet.devices.filter((d) => d.agentStatus === 'offline').length;
    const devices = page.getByRole('region', { name: 'Devices' });
    await expect(
      devices.getByRole('button', { name: `Offline: ${offline.toLocaleString('en-US')}` }),
    ).toBeVisible();
    const critical = alerts.filter((a) => a.severity === 'CRITICAL').length;
    await expect(
      page
        .getByRole('region', { name: 'Open alerts' })
        .getByRole('button', { name: `critical: ${critical.toLocaleString('en-US')}` }),
    ).toBeVisible();
    await page.screenshot({ path: test.info().outputPath(`dashboard-${colorScheme}.png`) });

    await devices.getByRole('button', { name: `Offline: ${offline.toLocaleString('en-US')}` }).click();
    await expect(page.getByRole('heading', { name: 'Assets' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'device' })).toHaveText(
      `${offline.toLocaleString('en-US')} devices`,
    );
    await expect(page.getByRole('table', { name: 'Devices' }).getByRole('row').nth(1)).toContainText(
      'offline',
    );
  });
}

test('assets: save a filter, clear it, and apply it again by name', async ({ page }) => {
  await open(page);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Assets' }).click();
  const filters = page.getByRole('group', { name: 'Filters' });
  await filters.getByLabel('Status').selectOption('offline');
  await filters.getByLabel('Type').selectOption('server');
  const expected = fleet.devices.filter(
    (d) => d.agentStatus === 'offline' && d.assetType === 'server',
  ).length;
  const count = page.getByRole('status').filter({ hasText: 'device' });
  await expect(count).toHaveText(`${expected} device${expected === 1 ? '' : 's'}`);
  await filters.getByRole('button', { name: 'Save this filter…' }).click();
  await filters.getByRole('textbox', { name: 'Name of the saved filter' }).fill('Offline servers');
  await filters.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Filter “Offline servers” saved' })).toBeVisible();

  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await expect(count).toHaveText(`${fleet.devices.length.toLocaleString('en-US')} devices`);
  await filters.getByLabel('Saved filters').selectOption({ label: 'Offline servers' });
  await expect(count).toHaveText(`${expected} device${expected === 1 ? '' : 's'}`);
  await expect(filters.getByLabel('Status')).toHaveValue('offline');
});

test('alerts: filter by severity, group by condition, drill down, mark as seen', async ({ page }) => {
  await open(page);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Alerts' }).click();
  const table = page.getByRole('table', { name: 'Alerts' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();

  await page.getByRole('group', { name: 'Severity' }).getByRole('button', { name: 'critical' }).click();
  const critical = alerts.filter((a) => a.severity === 'CRITICAL');
  await expect(page.getByRole('status').filter({ hasText: 'alert' })).toHaveText(`${critical.length} alerts`);
  for (const row of await table.locator('[data-row-key]').all()) await expect(row).toContainText('critical');

  await page.getByLabel('Group by').selectOption('condition');
  const groups = page.getByRole('list', { name: 'Alerts by condition' });
  const disk = critical.filter((a) => a.conditionName === 'Disk Free Space').length;
  await expect(groups.getByRole('button').filter({ hasText: 'Disk Free Space' })).toContainText(String(disk));
  await groups.getByRole('button').filter({ hasText: 'Disk Free Space' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'alert' })).toHaveText(
    `${disk} alert${disk === 1 ? '' : 's'}`,
  );

  const first = table.locator('[data-row-key]').first();
  await first.getByRole('checkbox', { name: 'Select alert' }).check();
  await page
    .getByRole('toolbar', { name: 'Bulk actions' })
    .getByRole('button', { name: 'Mark as seen' })
    .click();
  await expect(page.getByRole('status').filter({ hasText: 'marked as seen' })).toBeVisible();
  await expect(first).toContainText('✓');

  await first.click();
  const detail = page.getByRole('complementary', { name: 'Alert detail' });
  await expect(detail).toContainText('Disk C: free space is below 10%');
  await detail.getByRole('button', { name: /^[A-Z]+-/ }).click();
  await expect(page.getByRole('complementary', { name: 'Device detail' })).toBeVisible();
});

test('command palette jumps to a device by name with the keyboard', async ({ page }) => {
  await open(page);
  const target = fleet.devices[1234]!;
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox').fill(target.name.slice(-8));
  await expect(palette.getByRole('option').filter({ hasText: target.name })).toBeVisible();
  await palette.getByRole('option').filter({ hasText: target.name }).hover();
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  const detail = page.getByRole('complementary', { name: 'Device detail' });
  await expect(detail.getByRole('heading', { name: target.name })).toBeVisible();
  await expect(detail).toContainText(target.serial!);
  await page.screenshot({ path: test.info().outputPath('device-detail.png') });
});
