import { readFileSync } from 'node:fs';
import { expect, test, type Download, type Locator, type Page } from '@playwright/test';
import { parseCsv } from '../support/csv';
import { goTo, mapEveryOrganization } from '../support/demo-console';
import { demoWorkspace } from '../support/demo-web';
import { connectClient, type TestClient } from '../support/rpc-ws-client';
import { lookAtScreen } from '../support/screen-checks';

/**
 * Selection, bulk actions and CSV export in the patch and software drill-downs, on the demo
 * workspace, as a technician drives them: the browser form downloads the files.
 */
let rpc: TestClient;
const demo = demoWorkspace('drilldown');

test.beforeAll(async () => {
  rpc = await connectClient(demo.web().origin, demo.web().token);
  await mapEveryOrganization(rpc);
});
test.afterAll(() => rpc?.close());

/** The downloaded CSV's data rows (the header checked and dropped). */
async function csvData(download: Download, header: string[]): Promise<string[][]> {
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows = parseCsv(text.slice(1));
  expect(rows[0]).toEqual(header);
  return rows.slice(1);
}

async function download(page: Page, button: Locator): Promise<Download> {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return file;
}

/** The number the list's own count shows ("12 devices"): exact, not "200+". */
async function listCount(panel: Locator, noun: string): Promise<number> {
  const status = panel.getByRole('status').filter({ hasText: new RegExp(`^[\\d,]+ ${noun}s?$`) });
  await expect(status).toBeVisible();
  return Number((await status.textContent())!.split(' ')[0]!.replaceAll(',', ''));
}

const deviceOf = (rowKey: string | null): string => rowKey!.split(':')[0]!;

test("a failed patch's devices: two selected export as those two, the list exports whole, tickets for the two", async ({
  page,
}) => {
  // A patch that failed on a few devices, all of them on the list's first page.
  const failedPatches = (await rpc.call('patches.byPatch', { state: 'failed', limit: 500 })).items;
  const target = failedPatches.find((p) => p.failed >= 3 && p.failed < 150)!;
  expect(target).toBeDefined();
  await demo.open(page);
  await goTo(page, 'Patches');
  await page.getByRole('tab', { name: 'By patch' }).click();
  await page.getByLabel('Needed by devices that').selectOption('failed');
  await page.getByRole('searchbox', { name: 'Search patches' }).fill(target.name);
  const patch = page.locator(`[data-row-key="${target.kind}:${target.name}"]`);
  await expect(patch.locator('.cell-failed')).toHaveText(String(target.failed));
  const failed = target.failed;
  await patch.click();
  const panel = page.getByRole('complementary', { name: 'Devices needing this patch' });
  const rows = panel.getByRole('table', { name: 'Devices' }).locator('[data-row-key]');
  await expect(rows.first()).toBeVisible();
  expect(await listCount(panel, 'device')).toBe(failed);

  // The first with the mouse, the second with the keyboard: j to the next row, x.
  await rows.nth(0).getByRole('checkbox', { name: 'Select device' }).check();
  await page.keyboard.press('j');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('x');
  const picked = [
    await rows.nth(0).getAttribute('data-row-key'),
    await rows.nth(1).getAttribute('data-row-key'),
  ];
  const names = [
    await rows.nth(0).locator('.cell-name').textContent(),
    await rows.nth(1).locator('.cell-name').textContent(),
  ];
  const bar = panel.getByRole('toolbar', { name: 'Bulk actions' });
  await expect(bar).toContainText('2 selected');
  await expect(rows.nth(1).getByRole('checkbox', { name: 'Select device' })).toBeChecked();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await lookAtScreen(page, test.info(), `patch devices, two selected, ${scheme}`)).toEqual([]);
  }

  const header = ['Device ID', 'Name', 'Organization', 'Status', 'Patches', 'Oldest since'];
  const selection = await download(page, bar.getByRole('button', { name: 'Export selection' }));
  expect(selection.suggestedFilename()).toMatch(/^patch-devices-selection-\d{12}\.csv$/);
  expect((await csvData(selection, header)).map((r) => [r[0], r[1]])).toEqual([
    [picked[0], names[0]],
    [picked[1], names[1]],
  ]);

  // The whole list: as many rows as it says, the same devices the list procedure answers.
  const whole = await download(page, panel.getByRole('button', { name: 'Export CSV' }));
  expect(whole.suggestedFilename()).toMatch(/^patch-devices-list-\d{12}\.csv$/);
  const all = await csvData(whole, header);
  expect(all).toHaveLength(failed);
  const listed = await rpc.call('patches.devices', {
    kind: target.kind,
    name: target.name,
    state: 'failed',
    limit: 500,
  });
  expect(all.map((r) => Number(r[0]))).toEqual(listed.items.map((d) => d.deviceId));

  // Create tickets opens the bulk dialog with the two devices, one ticket each.
  await bar.getByRole('button', { name: 'Create tickets' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create tickets for 2 devices' });
  await expect(dialog.getByRole('listitem')).toHaveText(names as string[]);
  await expect(dialog.getByRole('button', { name: 'Create 2 tickets' })).toBeFocused();
  expect(await lookAtScreen(page, test.info(), 'patch devices, create tickets, dark')).toEqual([]);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(bar).toContainText('2 selected');

  // Another patch is another drill-down: it starts with nothing selected.
  await page.getByRole('searchbox', { name: 'Search patches' }).fill('');
  await page.getByRole('table', { name: 'Patches' }).locator('[data-row-key]:not(.selected)').first().click();
  await expect(panel.getByRole('heading', { level: 2 })).not.toHaveText(target.name);
  await expect(rows.first()).toBeVisible();
  await expect(bar).toBeHidden();
});

test("a title's devices: two selected export as those two, the list exports whole", async ({ page }) => {
  // A title on a few devices, all of them on the list's first page.
  const { items: titles } = await rpc.call('software.titles', { limit: 500 });
  const title = titles.find((t) => t.devices >= 3 && t.devices < 150)!;
  expect(title).toBeDefined();
  const installs = (await rpc.call('software.installs', { name: title.name, titleId: title.id, limit: 500 }))
    .items;

  await demo.open(page);
  await goTo(page, 'Software');
  await page.getByRole('searchbox', { name: 'Search software' }).fill(title.name);
  await page.getByRole('table', { name: 'Software titles' }).locator(`[data-row-key="${title.id}"]`).click();
  const panel = page.getByRole('complementary', { name: 'Title detail' });
  const rows = panel.getByRole('table', { name: 'Installations' }).locator('[data-row-key]');
  await expect(rows.first()).toBeVisible();
  expect(await listCount(panel, 'installation')).toBe(installs.length);

  // Rows are installations: pick two rows of two different devices.
  const first = deviceOf(await rows.nth(0).getAttribute('data-row-key'));
  let second = 1;
  while (deviceOf(await rows.nth(second).getAttribute('data-row-key')) === first) second++;
  const picked = [first, deviceOf(await rows.nth(second).getAttribute('data-row-key'))];
  await rows.nth(0).getByRole('checkbox', { name: 'Select device' }).check();
  await rows.nth(second).getByRole('checkbox', { name: 'Select device' }).check();
  const bar = panel.getByRole('toolbar', { name: 'Bulk actions' });
  await expect(bar).toContainText('2 selected');
  expect(await lookAtScreen(page, test.info(), 'title devices, two selected')).toEqual([]);

  const header = ['Device ID', 'Name', 'Organization', 'Status', 'Title', 'Version', 'Installed'];
  const selection = await download(page, bar.getByRole('button', { name: 'Export selection' }));
  expect(selection.suggestedFilename()).toMatch(/^software-installs-selection-\d{12}\.csv$/);
  const chosen = await csvData(selection, header);
  expect(chosen.map((r) => [r[0], r[4], r[5]])).toEqual(
    installs
      .filter((i) => picked.includes(String(i.deviceId)))
      .map((i) => [String(i.deviceId), title.name, i.version ?? '']),
  );
  expect(new Set(chosen.map((r) => r[0]))).toEqual(new Set(picked));

  const whole = await download(page, panel.getByRole('button', { name: 'Export CSV' }));
  const all = await csvData(whole, header);
  expect(all).toHaveLength(installs.length);
  expect(all.map((r) => Number(r[0]))).toEqual(installs.map((i) => i.deviceId));
});

test('a title on more devices than the first page shows its whole count at once, not "200+"', async ({
  page,
}) => {
  const { items: titles } = await rpc.call('software.titles', { limit: 500 });
  const title = titles.find((t) => t.devices > 500)!;
  expect(title).toBeDefined();
  let installs = 0;
  let cursor: string | null = null;
  do {
    const next: { items: unknown[]; nextCursor: string | null } = await rpc.call('software.installs', {
      name: title.name,
      titleId: title.id,
      cursor,
      limit: 500,
    });
    installs += next.items.length;
    cursor = next.nextCursor;
  } while (cursor);

  await demo.open(page);
  await goTo(page, 'Software');
  await page.getByRole('searchbox', { name: 'Search software' }).fill(title.name);
  await page.getByRole('table', { name: 'Software titles' }).locator(`[data-row-key="${title.id}"]`).click();
  const panel = page.getByRole('complementary', { name: 'Title detail' });
  await expect(
    panel.getByRole('table', { name: 'Installations' }).locator('[data-row-key]').first(),
  ).toBeVisible();
  expect(await listCount(panel, 'installation')).toBe(installs);
});
