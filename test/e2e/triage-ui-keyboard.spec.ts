import { expect, test, type Locator, type Page } from '@playwright/test';
import { goTo, mapEveryOrganization } from '../support/demo-console';
import { demoWorkspace } from '../support/demo-web';
import { connectClient, type TestClient } from '../support/rpc-ws-client';

/**
 * Triage with the keyboard alone. No test here clicks: every step is a key, as a technician who
 * never reaches for the mouse would press it.
 */
let rpc: TestClient;

const demo = demoWorkspace('keyboard');

test.beforeAll(async () => {
  rpc = await connectClient(demo.web().origin, demo.web().token);
  await mapEveryOrganization(rpc);
});

test.afterAll(() => rpc?.close());

/** The focused element draws a visible ring: its outline is painted, not `none`. */
async function expectVisibleFocus(locator: Locator): Promise<void> {
  await expect(locator).toBeFocused();
  const outline = await locator.evaluate((el) => {
    const style = el.ownerDocument.defaultView!.getComputedStyle(el);
    return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
  });
  expect(outline.style).not.toBe('none');
  expect(outline.width).toBeGreaterThanOrEqual(2);
}

const alertRows = (page: Page): Locator =>
  page.getByRole('table', { name: 'Alerts' }).locator('[data-row-key]');

test('from the palette to tickets for two selected alerts, with the keyboard only', async ({ page }) => {
  await demo.open(page);

  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette.getByRole('combobox')).toBeFocused();
  await page.keyboard.type('alerts');
  await expect(palette.getByRole('option', { selected: true })).toHaveText(/Go to Alerts/);
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Alerts' })).toBeFocused();

  await page.keyboard.press('j');
  const rows = alertRows(page);
  await expectVisibleFocus(rows.nth(0));
  const first = await rows.nth(0).getAttribute('data-row-key');
  await page.keyboard.press('x');
  await page.keyboard.press('j');
  await expectVisibleFocus(rows.nth(1));
  const second = await rows.nth(1).getAttribute('data-row-key');
  await page.keyboard.press('x');
  await expect(page.getByRole('toolbar', { name: 'Bulk actions' })).toContainText('2 selected');
  await expect(rows.nth(0).getByRole('checkbox', { name: 'Select alert' })).toBeChecked();
  await expect(rows.nth(1).getByRole('checkbox', { name: 'Select alert' })).toBeChecked();

  await page.keyboard.press('t');
  const confirm = page.getByRole('dialog', { name: 'Create tickets for 2 alerts' });
  await expect(confirm.getByRole('button', { name: 'Create 2 tickets' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '2 created' })).toBeVisible();
  await expect(confirm).toBeHidden();
  // The focus is back on the row it left from, and both alerts carry their ticket.
  await expect(rows.nth(1)).toBeFocused();
  await expect(page.getByRole('toolbar', { name: 'Bulk actions' })).toBeHidden();
  for (const uid of [first!, second!]) {
    const alert = await rpc.call('alerts.get', { uid });
    expect(alert.ticket?.state).toBe('recorded');
    await expect(page.locator(`[data-row-key="${uid}"]`)).toContainText(alert.ticket!.number!);
  }
});

test('Enter opens a detail and Escape closes it, the focus back on its row; k moves up', async ({ page }) => {
  await demo.open(page);
  await goTo(page, 'Assets');
  await page.keyboard.press('j');
  const rows = page.getByRole('table', { name: 'Devices' }).locator('[data-row-key]');
  await expectVisibleFocus(rows.nth(0));
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await expectVisibleFocus(rows.nth(1));
  const name = (await rows.nth(1).locator('.cell-name').textContent())!;
  await page.keyboard.press('Enter');
  const detail = page.getByRole('complementary', { name: 'Device detail' });
  await expect(detail.getByRole('heading', { name })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
  await expectVisibleFocus(rows.nth(1));
  // A single Tab leaves the list: rows are one stop, not one per row.
  await page.keyboard.press('Shift+Tab');
  await expect(rows.nth(0)).not.toBeFocused();
  await page.keyboard.press('Tab');
  await expect(rows.nth(1)).toBeFocused();
});

test('keys pressed faster than the frames all count: j j j k from the first row lands on the third', async ({
  page,
}) => {
  await demo.open(page);
  await goTo(page, 'Assets');
  await page.keyboard.press('j');
  const rows = page.getByRole('table', { name: 'Devices' }).locator('[data-row-key]');
  await expectVisibleFocus(rows.nth(0));
  // Four key presses in one task, as a fast typist or key repeat delivers them before the next frame
  // moves the focus: each must start from the row the one before it moved to.
  await page.evaluate(`for (const key of ['j', 'j', 'j', 'k'])
    document.activeElement.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));`);
  await expectVisibleFocus(rows.nth(2));
  await expect(rows.nth(2)).toHaveAttribute('data-index', '2');
});

test('j pressed while the first page is still on its way lands on the first row when it arrives', async ({
  page,
}) => {
  // The alert list's answers wait at the socket until the test lets them through, as on a busy core.
  let holding = false;
  const held: (() => void)[] = [];
  await page.routeWebSocket(/\/rpc\?/, (ws) => {
    const server = ws.connectToServer();
    const listCalls = new Set<number>();
    ws.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { id?: number; proc?: string };
      if (frame.proc === 'alerts.list' && frame.id !== undefined) listCalls.add(frame.id);
      server.send(message);
    });
    server.onMessage((message) => {
      const frame = JSON.parse(String(message)) as { t?: string; id?: number };
      if (holding && frame.t === 'result' && frame.id !== undefined && listCalls.has(frame.id)) {
        held.push(() => ws.send(message));
      } else ws.send(message);
    });
  });
  await demo.open(page);
  holding = true;
  await goTo(page, 'Alerts');
  await expect.poll(() => held.length).toBeGreaterThan(0);
  await page.keyboard.press('j');
  await expect(alertRows(page)).toHaveCount(0);
  holding = false;
  for (const release of held.splice(0)) release();
  await expectVisibleFocus(alertRows(page).nth(0));
});

test('the palette opens empty every time and gives the focus back when it closes', async ({ page }) => {
  await demo.open(page);
  await goTo(page, 'Alerts');
  await page.keyboard.press('j');
  const row = alertRows(page).nth(0);
  await expect(row).toBeFocused();
  await page.keyboard.press('Control+k');
  const input = page.getByRole('dialog', { name: 'Command palette' }).getByRole('combobox');
  // As a technician does, type once the palette is there to take the text.
  await expect(input).toBeFocused();
  await page.keyboard.type('acme');
  await expect(input).toHaveValue('acme');
  await page.keyboard.press('Escape');
  await expect(input).toBeHidden();
  await expect(row).toBeFocused();
  await page.keyboard.press('Control+k');
  await expect(input).toHaveValue('');
  await expect(input).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(row).toBeFocused();
});

test('the palette field has the focus before the next key can come, so no letter is lost', async ({
  page,
}) => {
  await demo.open(page);
  await goTo(page, 'Assets');
  // Ctrl+K and the first letter can arrive in one frame: the field must take the focus before the
  // next task, not in the next frame, or the letter goes to the page.
  const focusedNextTask = await page.evaluate(`new Promise((done) => {
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, bubbles: true }));
    setTimeout(() => done(document.activeElement?.getAttribute('role') ?? null), 0);
  })`);
  expect(focusedNextTask).toBe('combobox');
  await page.keyboard.type('acme');
  const input = page.getByRole('dialog', { name: 'Command palette' }).getByRole('combobox');
  await expect(input).toHaveValue('acme');
});

test('? lists every list shortcut, and Escape closes the sheet', async ({ page }) => {
  await demo.open(page);
  await goTo(page, 'Alerts');
  await page.keyboard.press('j');
  await expect(alertRows(page).nth(0)).toBeFocused();
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  for (const [group, key, what] of [
    ['Lists', 'j', 'Next row'],
    ['Lists', 'k', 'Previous row'],
    ['Lists', 'Enter', 'Open'],
    ['Lists', 'x', 'Select'],
    ['Alerts', 't', 'Ticket'],
    ['Alerts', 'e', 'Mark as seen'],
    ['Anywhere', 'Esc', 'Close'],
  ] as const) {
    await expect(
      sheet
        .getByRole('region', { name: group })
        .locator('.shortcut')
        .filter({ has: page.locator('kbd').getByText(key, { exact: true }) }),
    ).toContainText(what);
  }
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(alertRows(page).nth(0)).toBeFocused();
});

test('e marks the focused alert as seen', async ({ page }) => {
  await demo.open(page);
  await goTo(page, 'Alerts');
  // An alert nobody marked as seen yet.
  await page.keyboard.press('j');
  const rows = alertRows(page);
  let index = 0;
  await expect(rows.nth(index)).toBeFocused();
  while (((await rows.nth(index).locator('.cell-ack').textContent()) ?? '').includes('✓')) {
    await page.keyboard.press('j');
    index++;
    await expect(rows.nth(index)).toBeFocused();
  }
  await page.keyboard.press('e');
  await expect(page.getByRole('status').filter({ hasText: '1 alert marked as seen' })).toBeVisible();
  await expect(rows.nth(index).locator('.cell-ack')).toContainText('✓');
});
