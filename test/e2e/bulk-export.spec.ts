import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { goTo, mapEveryOrganization } from '../support/demo-console';
import { demoWorkspace } from '../support/demo-web';
import { connectClient, type TestClient } from '../support/rpc-ws-client';
import { axeProblems } from '../support/screen-checks';

/** Selections, bulk tickets and CSV export on the demo workspace, as a technician drives them. */
let rpc: TestClient;
const demo = demoWorkspace('bulk');

test.beforeAll(async () => {
  rpc = await connectClient(demo.web().origin, demo.web().token);
  await mapEveryOrganization(rpc);
});
test.afterAll(() => rpc?.close());

const deviceRows = (page: Page) => page.getByRole('table', { name: 'Devices' }).locator('[data-row-key]');
const alertRows = (page: Page) => page.getByRole('table', { name: 'Alerts' }).locator('[data-row-key]');

function csvRows(path: string): string[][] {
  const text = readFileSync(path, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  // The demo's fields hold no line breaks: one line per row.
  return text
    .slice(1)
    .split('\r\n')
    .filter(Boolean)
    .map((line) => line.split(','));
}

test('three devices selected with the keyboard make three tickets, one per device', async ({ page }) => {
  await demo.open(page);
  await goTo(page, 'Assets');
  const before = (await rpc.call('tickets.list', { limit: 500, filter: { kind: 'device' } })).items.length;
  const rows = deviceRows(page);
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('j');
    await expect(rows.nth(i)).toBeFocused();
    ids.push((await rows.nth(i).getAttribute('data-row-key'))!);
    await page.keyboard.press('x');
  }
  const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
  await expect(bar).toContainText('3 selected');
  expect(await axeProblems(page)).toEqual([]);

  await bar.getByRole('button', { name: 'Create tickets' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Create tickets for 3 devices' });
  await expect(dialog.getByRole('combobox', { name: 'Board' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Create 3 tickets' })).toBeFocused();
  expect(await axeProblems(page)).toEqual([]);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '3 created' })).toBeVisible();
  await expect(bar).toBeHidden();
  const after = (await rpc.call('tickets.list', { limit: 500, filter: { kind: 'device' } })).items;
  expect(after.length - before).toBe(3);
  expect(
    after
      .slice(0, 3)
      .map((t) => String(t.deviceId))
      .sort(),
  ).toEqual([...ids].sort());
});

test('selected alerts export as exactly those rows; the whole filtered list exports too', async ({
  page,
}) => {
  await demo.open(page);
  await goTo(page, 'Alerts');
  const rows = alertRows(page);
  await expect(rows.first()).toBeVisible();
  const uids: string[] = [];
  for (let i = 0; i < 2; i++) {
    await rows.nth(i).getByRole('checkbox', { name: 'Select alert' }).check();
    uids.push((await rows.nth(i).getAttribute('data-row-key'))!);
  }
  const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
  const [selection] = await Promise.all([
    page.waitForEvent('download'),
    bar.getByRole('button', { name: 'Export selection' }).click(),
  ]);
  expect(selection.suggestedFilename()).toMatch(/^alerts-selection-\d+\.csv$/);
  const picked = csvRows((await selection.path())!);
  expect(picked[0]![0]).toBe('Alert ID');
  expect(picked.slice(1).map((r) => r[0])).toEqual(uids);

  // The whole list under a filter: critical only, every row of it and nothing else.
  await page.getByRole('button', { name: 'Clear selection' }).click();
  await page.getByRole('group', { name: 'Severity' }).getByRole('button', { name: 'critical' }).click();
  const count = page
    .getByRole('status')
    .filter({ hasText: /\d alerts?$/ })
    .first();
  const critical = await rpc.call('alerts.list', {
    limit: 500,
    filter: { states: ['open'], severities: ['CRITICAL'] },
  });
  await expect(count).toHaveText(`${critical.items.length} alert${critical.items.length === 1 ? '' : 's'}`);
  const [whole] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const all = csvRows((await whole.path())!);
  expect(all.slice(1).map((r) => r[0])).toEqual(critical.items.map((a) => a.uid));
  expect(new Set(all.slice(1).map((r) => r[1]))).toEqual(new Set(['CRITICAL']));
});

test('the view answers a click while the whole fleet exports', async ({ page }) => {
  await demo.open(page);
  await goTo(page, 'Assets');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  // Served meanwhile: a search narrows the list.
  await page.getByRole('searchbox', { name: 'Search devices' }).fill('SRV');
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /devices?$/ })
      .first(),
  ).not.toHaveText('2,000 devices');
  const rows = csvRows((await (await download).path())!);
  expect(rows.length - 1).toBe(2000);
});

test('assets with a selection and the action bar, light and dark at 1024x700', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await demo.open(page);
  await goTo(page, 'Assets');
  const rows = deviceRows(page);
  for (let i = 0; i < 3; i++) await rows.nth(i).getByRole('checkbox', { name: 'Select device' }).check();
  await expect(page.getByRole('toolbar', { name: 'Bulk actions' })).toContainText('3 selected');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: test.info().outputPath(`assets-bulk-${scheme}.png`) });
  }
});
