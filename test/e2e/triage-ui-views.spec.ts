import { expect, test, type Locator, type Page } from '@playwright/test';
import { goTo, mapEveryOrganization } from '../support/demo-console';
import { demoWorkspace } from '../support/demo-web';
import { connectClient, type TestClient } from '../support/rpc-ws-client';

/** Drill-downs, filter chips, selection through grouping, quiet hours' zone, and narrow windows. */
let rpc: TestClient;
/** Open alerts that got a ticket. */
let ticketed: string[];

const demo = demoWorkspace('views');

test.beforeAll(async () => {
  rpc = await connectClient(demo.web().origin, demo.web().token);
  await mapEveryOrganization(rpc);
  const { items } = await rpc.call('alerts.list', { filter: { states: ['open'] }, limit: 2 });
  for (const a of items) await rpc.call('tickets.create', { source: { kind: 'alert', alertUid: a.uid } });
  ticketed = items.map((a) => a.uid);
});

test.afterAll(() => rpc?.close());

const deviceCount = (page: Page): Locator =>
  page
    .getByRole('region', { name: 'Assets' })
    .getByRole('status')
    .filter({ hasText: /device/ });

const devicesText = (n: number): string => `${n.toLocaleString('en-US')} device${n === 1 ? '' : 's'}`;

test('a dashboard drill-down replaces the last search, and every filter shows as a removable chip', async ({
  page,
}) => {
  const offline = (await rpc.call('assets.list', { filter: { agentStatus: 'offline' }, limit: 1 })).total!;
  await demo.open(page);
  await goTo(page, 'Assets');
  await page.getByRole('searchbox', { name: 'Search devices' }).fill('FJOR-DC01');
  await expect(deviceCount(page)).toHaveText('1 device');

  await goTo(page, 'Dashboard');
  await page
    .getByRole('region', { name: 'Devices' })
    .getByRole('button', { name: /^Offline: / })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Assets' })).toBeVisible();
  await expect(deviceCount(page)).toHaveText(devicesText(offline));
  await expect(page.getByRole('searchbox', { name: 'Search devices' })).toHaveValue('');
  const chips = page.getByRole('list', { name: 'Active filters' });
  await expect(chips.getByRole('button')).toHaveText(['Status: offline ×']);

  // A second filter, then each chip removes its own.
  await page.getByRole('group', { name: 'Filters' }).getByLabel('Type').selectOption('server');
  await expect(chips.getByRole('button', { name: /^Remove / })).toHaveText([
    'Type: server ×',
    'Status: offline ×',
  ]);
  await chips.getByRole('button', { name: 'Remove Status: offline' }).click();
  const servers = (await rpc.call('assets.list', { filter: { assetTypes: ['server'] }, limit: 1 })).total!;
  await expect(deviceCount(page)).toHaveText(devicesText(servers));
  await chips.getByRole('button', { name: 'Remove Type: server' }).click();
  await expect(chips).toHaveCount(0);
  await expect(deviceCount(page)).toHaveText(devicesText(2000));
});

test('a patches drill-down sets the organization and patch state, whatever was searched', async ({
  page,
}) => {
  await demo.open(page);
  await goTo(page, 'Assets');
  await page.getByRole('searchbox', { name: 'Search devices' }).fill('FJOR-DC01');
  await goTo(page, 'Patches');
  // An organization with failed patches: its count is the link.
  const row = page
    .getByRole('table', { name: 'Compliance by organization' })
    .locator('[data-row-key]')
    .filter({ has: page.locator('.cell-failed button') })
    .first();
  const organization = (await row.locator('.cell-org').textContent())!;
  await row.locator('.cell-failed').getByRole('button').click();
  const chips = page.getByRole('list', { name: 'Active filters' });
  await expect(chips.getByRole('button', { name: /^Remove / })).toHaveText([
    `Organization: ${organization} ×`,
    'Patches: failed ×',
  ]);
  await expect(page.getByRole('searchbox', { name: 'Search devices' })).toHaveValue('');
  const count = Number((await deviceCount(page).textContent())!.split(' ')[0]!.replace(',', ''));
  expect(count).toBeGreaterThan(0);
});

test('the selection survives grouping and opening a group', async ({ page }) => {
  await demo.open(page);
  await goTo(page, 'Alerts');
  const rows = page.getByRole('table', { name: 'Alerts' }).locator('[data-row-key]');
  await rows.nth(0).getByRole('checkbox', { name: 'Select alert' }).check();
  await rows.nth(1).getByRole('checkbox', { name: 'Select alert' }).check();
  const picked = [
    await rows.nth(0).getAttribute('data-row-key'),
    await rows.nth(1).getAttribute('data-row-key'),
  ];
  const bulk = page.getByRole('toolbar', { name: 'Bulk actions' });
  await expect(bulk).toContainText('2 selected');

  await page.getByLabel('Group by').selectOption('condition');
  await expect(bulk).toContainText('2 selected');
  await page.getByRole('list', { name: 'Alerts by condition' }).getByRole('button').first().click();
  await expect(bulk).toContainText('2 selected');
  await page.getByRole('button', { name: 'Remove the device or condition filter' }).click();
  await expect(bulk).toContainText('2 selected');
  for (const uid of picked)
    await expect(
      page.locator(`[data-row-key="${uid}"]`).getByRole('checkbox', { name: 'Select alert' }),
    ).toBeChecked();
});

test('quiet hours say which time zone they are read in', async ({ page }) => {
  await rpc.call('notifications.setPreferences', {
    quietHours: { start: '22:00', end: '07:00', exceptCritical: true },
  });
  const { timeZone } = await rpc.call('app.info', {});
  await demo.open(page);
  await goTo(page, 'Settings');
  const from = page.getByRole('group', { name: 'Quiet hours' }).getByLabel('From');
  await expect(from).toHaveAccessibleDescription(
    `Times are in ${timeZone.replaceAll('_', ' ')}, the time zone of the computer the console runs on.`,
  );
});

/** Columns narrower than this show two or three letters: the list is no longer readable. */
const readable = 60;

async function expectReadableColumns(table: Locator): Promise<void> {
  const widths = await table
    .getByRole('columnheader')
    .evaluateAll((cells) =>
      cells.map((c) => [c.textContent, Math.round(c.getBoundingClientRect().width)] as const),
    );
  expect(widths.length).toBeGreaterThan(1);
  // The check-box column is narrow on purpose.
  for (const [label, width] of widths.filter(([l]) => l))
    expect(`${label}: ${width}`).toBe(`${label}: ${Math.max(width, readable)}`);
}

/** True when every element matched in the table shows its whole text (none is cut by its cell). */
function shownWhole(table: Locator, selector: string): Promise<boolean> {
  return table.locator(selector).evaluateAll(
    (elements) =>
      elements.length > 0 &&
      elements.every((el) => {
        const cell = el.closest('[role=cell]')!;
        if (el === cell) return el.scrollWidth <= el.clientWidth;
        const right =
          cell.getBoundingClientRect().right -
          Number.parseFloat(cell.ownerDocument.defaultView!.getComputedStyle(cell).paddingRight);
        return el.getBoundingClientRect().right <= right + 0.5;
      }),
  );
}

test('at 1024x700 the sidebar is a rail, lists keep readable columns and a detail is a drawer over them', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await demo.open(page);
  const nav = page.getByRole('navigation', { name: 'Views' });
  expect((await nav.boundingBox())!.width).toBeLessThanOrEqual(64);
  await expect(nav.getByRole('link', { name: 'Assets' })).toBeVisible();

  for (const [view, table, detail] of [
    ['Assets', 'Devices', 'Device detail'],
    ['Alerts', 'Alerts', 'Alert detail'],
    ['Tickets', 'Tickets', null],
    ['Software', 'Software titles', 'Title detail'],
  ] as const) {
    await goTo(page, view);
    const list = page.getByRole('table', { name: table }).first();
    await expect(list.locator('[data-row-key]').first()).toBeVisible();
    await expectReadableColumns(list);
    const listWidth = (await list.boundingBox())!.width;
    if (!detail) continue;
    await list.locator('[data-row-key]').first().click();
    const panel = page.getByRole('complementary', { name: detail });
    await expect(panel).toBeVisible();
    // The list keeps its width under the drawer; the drawer is wide enough to read.
    expect((await list.boundingBox())!.width).toBe(listWidth);
    expect((await panel.boundingBox())!.width).toBeGreaterThanOrEqual(400);
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
  }

  // The alert queue at this width: what identifies an alert (its condition, when it fired, its
  // ticket number) is shown whole, and the message has room beside the condition.
  await goTo(page, 'Alerts');
  await page.getByRole('group', { name: 'Alert filters' }).getByLabel('Ticket').selectOption('yes');
  const alerts = page.getByRole('table', { name: 'Alerts' });
  await expect(alerts.locator(`[data-row-key="${ticketed[0]}"]`)).toBeVisible();
  expect(await shownWhole(alerts, '.ticket-number')).toBe(true);
  expect(await shownWhole(alerts, '.cell-created')).toBe(true);
  const condition = await alerts.getByRole('columnheader', { name: 'Condition · message' }).boundingBox();
  expect(condition!.width).toBeGreaterThanOrEqual(225);
});

test('at 1440 with a detail open, ticket numbers and versions are not cut', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await demo.open(page);

  await goTo(page, 'Tickets');
  const tickets = page.getByRole('table', { name: 'Tickets' });
  await tickets.locator('[data-row-key]').first().click();
  await expect(page.getByRole('complementary', { name: 'Ticket detail' })).toBeVisible();
  await expect(tickets.locator('.cell-ticket').first()).toHaveText(/\d/);
  expect(await shownWhole(tickets, '.ticket-number')).toBe(true);
  await expectReadableColumns(tickets);

  await goTo(page, 'Alerts');
  const alerts = page.getByRole('table', { name: 'Alerts' });
  await alerts.locator(`[data-row-key="${ticketed[0]}"]`).click();
  await expect(page.getByRole('complementary', { name: 'Alert detail' })).toBeVisible();
  await expect(alerts.locator(`[data-row-key="${ticketed[0]}"] .cell-ticket`)).toHaveText(/\d/);
  expect(await shownWhole(alerts, '.ticket-number')).toBe(true);

  await goTo(page, 'Software');
  await page.getByRole('table', { name: 'Software titles' }).locator('[data-row-key]').first().click();
  const installs = page
    .getByRole('complementary', { name: 'Title detail' })
    .getByRole('table', { name: 'Installations' });
  await expect(installs.locator('.cell-version').first()).toHaveText(/\d/);
  expect(await shownWhole(installs, '.cell-version')).toBe(true);
  await expectReadableColumns(installs);
});
