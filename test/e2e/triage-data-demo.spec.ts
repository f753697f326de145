import { expect, test, type Locator, type Page } from '@playwright/test';
import { osAccountName } from '../../src/core/host/technician';
import { demoWorkspace } from '../support/demo-web';
import { connectClient } from '../support/rpc-ws-client';

/**
 * The demo workspace as a technician meets it on a first run (`npm run web -- --demo`): real sync
 * from the NinjaOne simulator, live alerts through the relay, tickets in the simulated Alga PSA.
 * The tests run in order on one demo, as one shift would.
 */
const demo = demoWorkspace('triage-data');
const openDemo = demo.open;

const go = (page: Page, view: string): Promise<void> =>
  page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: view }).click();

const rowKeys = (table: Locator): Promise<string[]> =>
  table.locator('[data-row-key]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-key')!));

const cellText = (row: Locator, key: string): Promise<string> => row.locator(`.cell-${key}`).innerText();

test('first run asks for the technician’s name, offering the OS account’s, and signs with it', async ({
  page,
}) => {
  await openDemo(page);
  const prompt = page.getByRole('form', { name: 'Your name' });
  await expect(prompt).toBeVisible();
  await expect(prompt.getByRole('textbox')).toHaveValue(osAccountName());
  await page.screenshot({ path: test.info().outputPath('name-prompt.png') });
  await prompt.getByRole('textbox').fill('Alice Martin');
  await prompt.getByRole('button', { name: 'Use this name' }).click();
  await expect(prompt).toBeHidden();

  await go(page, 'Alerts');
  const first = page.getByRole('table', { name: 'Alerts' }).locator('[data-row-key]').first();
  await first.getByRole('checkbox', { name: 'Select alert' }).check();
  await page
    .getByRole('toolbar', { name: 'Bulk actions' })
    .getByRole('button', { name: 'Mark as seen' })
    .click();
  await expect(first).toContainText('✓ Alice Martin');
  await page.reload();
  await go(page, 'Settings');
  await expect(page.getByRole('textbox', { name: 'Technician name' })).toHaveValue('Alice Martin');
  await expect(page.getByRole('form', { name: 'Your name' })).toHaveCount(0);
});

test('new alerts keep arriving from the start, named and described at once, the same after a sync', async ({
  page,
}) => {
  await openDemo(page);
  await go(page, 'Alerts');
  const table = page.getByRole('table', { name: 'Alerts' });
  await expect(table.locator('[data-row-key]').first()).toBeVisible();
  const before = new Set(await rowKeys(table));
  // The demo fires an alert within seconds of starting: it reaches the console through the relay.
  let arrived: string[] = [];
  await expect
    .poll(
      async () => {
        // Arrivals wait behind the "N new alerts" bar (rows never move under the pointer).
        const show = page.getByRole('button', { name: /^\d+ new alerts? · show$/ });
        if (await show.isVisible()) await show.click();
        arrived = (await rowKeys(table)).filter((k) => !before.has(k));
        return arrived.length;
      },
      { timeout: 45_000 },
    )
    .toBeGreaterThan(0);
  const row = table.locator(`[data-row-key="${arrived[0]}"]`);
  // The cell starts with the "New" marker until the alert is seen: the name and message follow it.
  const live = (await cellText(row, 'condition')).replace(/^new\s*/i, '');
  // "Disk free space < 10% · Disk C: free space is below 10%": the condition, then NinjaOne's message.
  expect(live).toMatch(/^[^—·]+ · .+/);
  await page.screenshot({ path: test.info().outputPath('live-alert.png') });

  // The sync reads the same alert from the API: it keeps the name the webhook gave it.
  await page.getByRole('contentinfo').getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sync finished' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(row.locator('.cell-condition')).toContainText(live);
  const [condition, message] = live.split(' · ');
  await page.getByRole('searchbox', { name: 'Search alerts' }).fill(message!);
  await expect(table.locator(`[data-row-key="${arrived[0]}"]`)).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search alerts' }).fill(`${condition} zzz-nothing`);
  await expect(page.getByText('No alerts match these filters.')).toBeVisible();
});

test('a failed patch counts each device once, and a device lists each KB once', async ({ page }) => {
  await openDemo(page);
  await go(page, 'Patches');
  await page.getByRole('tab', { name: 'By patch' }).click();
  await page.getByLabel('Needed by devices that').selectOption('failed');
  const patches = page.getByRole('table', { name: 'Patches' });
  const top = patches.locator('[data-row-key]').first();
  await expect(top).toBeVisible();
  expect(Number(await cellText(top, 'failed'))).toBeGreaterThan(0);
  await top.click();
  const detail = page.getByRole('complementary', { name: 'Devices needing this patch' });
  // The demo keeps syncing, so the detail (read as it opens) may be a sync ahead of the list's row:
  // its own count is the one its device list must match.
  const header = detail.getByText(/^Devices: \d+ failed/);
  await expect(header).toBeVisible();
  const failed = Number(/(\d+) failed/.exec((await header.textContent())!)![1]);
  const devices = detail.getByRole('table', { name: 'Devices' });
  // One row per device that failed, each with the patch once.
  await expect(devices).toHaveAttribute('aria-rowcount', String(failed + 1));
  for (const count of await devices.locator('.cell-patches').allInnerTexts()) expect(count).toBe('1');
  await page.screenshot({ path: test.info().outputPath('failed-patch.png') });

  await devices.locator('[data-row-key]').first().click();
  const device = page.getByRole('complementary', { name: 'Device detail' });
  const list = device.getByRole('region', { name: 'Patches' }).getByRole('listitem');
  await expect(list.first()).toBeVisible();
  const items = await list.allInnerTexts();
  expect(new Set(items).size).toBe(items.length);
});

test('"Long pending" reads NinjaOne’s dates on a console that synced today, oldest first', async ({
  page,
}) => {
  await openDemo(page);
  await go(page, 'Patches');
  await page.getByRole('tab', { name: 'Long pending' }).click();
  const devices = page.getByRole('table', { name: 'Devices' });
  await expect(devices.locator('[data-row-key]').first()).toBeVisible();
  await expect(devices.getByRole('columnheader', { name: 'Since' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  await expect(devices.locator('[data-row-key]').first().locator('.cell-since')).toContainText(
    /months? ago|days ago/,
  );
  await page.screenshot({ path: test.info().outputPath('long-pending.png') });
});

test('patch tables sort by a column header, and again the other way', async ({ page }) => {
  await openDemo(page);
  await go(page, 'Patches');
  const table = page.getByRole('table', { name: 'Compliance by organization' });
  await expect(table.locator('[data-row-key]').first()).toBeVisible();
  const failed = (): Promise<number[]> =>
    table
      .locator('.cell-failed')
      .allInnerTexts()
      .then((t) => t.map(Number));
  await table.getByRole('button', { name: 'Failed' }).click();
  await expect(table.getByRole('columnheader', { name: /Failed/ })).toHaveAttribute(
    'aria-sort',
    'descending',
  );
  await expect.poll(async () => (await failed())[0]).toBe(Math.max(...(await failed())));
  const down = await failed();
  expect(down).toEqual([...down].sort((a, b) => b - a));
  await table.getByRole('button', { name: /Failed/ }).click();
  await expect(table.getByRole('columnheader', { name: /Failed/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(async () => (await failed())[0]).toBeLessThan(down[0]!);
  const up = await failed();
  expect(up).toEqual([...up].sort((a, b) => a - b));
});

test('the organization filter of the alerts counts alerts, and says so', async ({ page }) => {
  await openDemo(page);
  await go(page, 'Alerts');
  const select = page.getByRole('group', { name: 'Alert filters' }).getByLabel('Organization');
  await expect(select.locator('option').nth(1)).toHaveText(/\((\d+ open alerts?|no open alerts)\)$/);
  const options = await select.locator('option').allInnerTexts();
  const withAlerts = options.find((o) => /\(\d+ open alerts?\)$/.test(o))!;
  const count = Number(/\((\d+) open/.exec(withAlerts)![1]);
  await select.selectOption({ label: withAlerts });
  await expect(page.getByRole('status').filter({ hasText: /^\d+ alerts?$/ })).toHaveText(
    `${count} alert${count === 1 ? '' : 's'}`,
  );
});

test('"Open ticket" on an alert with a ticket opens that ticket, which leads back to its alert', async ({
  page,
}) => {
  await openDemo(page);
  // An alert with no ticket yet, of an organization the demo mapped (it leaves near-matches for the
  // technician to confirm, and a ticket for those is refused until they are).
  const { origin, token } = demo.web();
  const client = await connectClient(origin, token);
  const mapped = await client.call('mapping.list', { filter: { states: ['mapped'] }, limit: 500 });
  const unticketed = await client.call('alerts.list', {
    filter: {
      states: ['open'],
      hasTicket: false,
      organizationIds: mapped.items.map((m) => m.organizationId).slice(0, 500),
    },
    limit: 1,
  });
  client.close();
  const { uid, deviceName, conditionName } = unticketed.items[0]!;
  await page.goto(`${origin}/#/alerts/${encodeURIComponent(uid)}`);
  const detail = page.getByRole('complementary', { name: 'Alert detail' });
  await detail.getByRole('button', { name: 'Create ticket' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Ticket .+ created in Alga PSA/ })).toBeVisible({
    timeout: 30_000,
  });

  await page.goto(`${demo.web().origin}/#/alerts/${encodeURIComponent(uid)}`);
  const open = detail.getByRole('button', { name: /^Open ticket / });
  await expect(open).toBeVisible();
  await open.click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const ticket = page.getByRole('complementary', { name: 'Ticket detail' });
  await expect(ticket).toBeVisible();
  await expect(ticket.getByRole('button', { name: /open in Alga PSA/ })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('ticket-detail.png') });

  await ticket
    .getByRole('region', { name: 'Devices and alerts of this ticket' })
    .getByRole('button', { name: conditionName ?? 'alert' })
    .click();
  await expect(page).toHaveURL(new RegExp(`#/alerts/${uid}$`));
  await expect(page.getByRole('complementary', { name: 'Alert detail' })).toBeVisible();
  await page.goBack();
  await page
    .getByRole('complementary', { name: 'Ticket detail' })
    .getByRole('button', { name: deviceName })
    .click();
  await expect(
    page.getByRole('complementary', { name: 'Device detail' }).getByRole('heading', { name: deviceName }),
  ).toBeVisible();
});

test('"every device with AnyDesk" and "… Chrome" list the devices, in Software and in the palette', async ({
  page,
}) => {
  await openDemo(page);
  await go(page, 'Software');
  await page.getByRole('searchbox', { name: 'Search software' }).fill('every device with AnyDesk');
  await expect(page.getByRole('status').filter({ hasText: 'Devices with “AnyDesk”' })).toBeVisible();
  const installs = page.getByRole('table', { name: 'Installations' });
  await expect(installs.locator('[data-row-key]').first()).toBeVisible();
  for (const title of await installs.locator('.cell-title').allInnerTexts()) expect(title).toBe('AnyDesk');
  await page.screenshot({ path: test.info().outputPath('anydesk.png') });

  await go(page, 'Dashboard');
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox').fill('every device with Chrome');
  await expect(palette.getByRole('option').first()).toContainText('Devices with “Chrome”');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Software' })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Search software' })).toHaveValue(
    'every device with Chrome',
  );
  await expect(installs.locator('[data-row-key]').first().locator('.cell-title')).toHaveText('Google Chrome');
});

test('"chrome below 120", the README’s example, finds the demo’s stragglers on an old Chrome', async ({
  page,
}) => {
  await openDemo(page);
  await go(page, 'Software');
  await page.getByRole('searchbox', { name: 'Search software' }).fill('chrome below 120');
  await expect(page.getByRole('status').filter({ hasText: 'version' })).toHaveText(
    'Devices with “chrome” version < 120',
  );
  const installs = page.getByRole('table', { name: 'Installations' });
  await expect(installs.locator('[data-row-key]').first()).toBeVisible();
  const versions = await installs.locator('.cell-version').allInnerTexts();
  expect(versions.length).toBeGreaterThan(0);
  for (const version of versions) expect(Number(version.split('.')[0])).toBeLessThan(120);
});
