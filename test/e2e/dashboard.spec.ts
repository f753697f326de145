import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import axe from 'axe-core';
import { connectClient } from '../support/rpc-ws-client';
import { startWebProcess, type WebProcess } from '../support/web-process';

/**
 * The dashboard on the demo workspace (`npm run web -- --demo`): what needs attention, each row's
 * action, the trends and the lists their points open, from the mouse and from the keyboard alone.
 */
const DAY = 86_400_000;
let dir: string;
let web: WebProcess;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alga-e2e-dashboard-'));
  web = await startWebProcess(['--db', join(dir, 'demo.db'), '--no-build', '--demo']);
  // After the first sync the console reads the month of alert history the trends count; until it
  // has, the trends change under the pointer.
  const client = await connectClient(web.origin, web.token);
  try {
    const now = Date.now();
    await expect
      .poll(
        async () =>
          (await client.call('dashboard.alertVolume', { boundaries: [now - 31 * DAY, now] })).historyFrom ??
          now,
        { timeout: 150_000 },
      )
      .toBeLessThan(now - 25 * DAY);
  } finally {
    client.close();
  }
});

test.afterAll(async () => {
  await web?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function openDashboard(page: Page, colorScheme: 'light' | 'dark' = 'light'): Promise<void> {
  await page.emulateMedia({ colorScheme });
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(web.url);
  await expect(page.getByRole('contentinfo').getByText(/^Synced (?!never)/)).toBeVisible({
    timeout: 90_000,
  });
}

const attention = (page: Page): Locator => page.getByRole('region', { name: 'Needs attention' });
const resultCount = (page: Page, noun: string): Locator =>
  page.getByRole('status').filter({ hasText: new RegExp(`^[\\d,]+ ${noun}s?$`) });

test('an attention row opens its device and the group opens the list it counts', async ({ page }) => {
  await openDashboard(page);
  const down = attention(page).getByRole('region', { name: /^Devices down/ });
  const first = down.getByRole('listitem').first();
  const name = (await first.getByRole('button').first().textContent())!;
  await first.getByRole('button', { name: `Open ${name}` }).click();
  const detail = page.getByRole('complementary', { name: 'Device detail' });
  await expect(detail.getByRole('heading', { name })).toBeVisible();
  await expect(detail).toContainText('offline');

  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Dashboard' }).click();
  const alerts = attention(page).getByRole('region', { name: /^Critical and major alerts without a ticket/ });
  const total = Number((await alerts.locator('.count').textContent())!.replaceAll(',', ''));
  expect(total).toBeGreaterThan(0);
  await alerts.getByRole('button', { name: `Show all ${total.toLocaleString('en-US')} alerts` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Alerts' })).toBeVisible();
  await expect(resultCount(page, 'alert')).toHaveText(`${total.toLocaleString('en-US')} alerts`);
  await expect(page.getByRole('group', { name: 'Alert filters' }).getByLabel('Ticket')).toHaveValue('no');
  await expect(
    page.getByRole('group', { name: 'Severity' }).getByRole('button', { name: 'critical' }),
  ).toHaveAttribute('aria-pressed', 'true');
});

test('create ticket from the keyboard: the alert leaves the list once Alga PSA has it', async ({ page }) => {
  // As a technician does once in Settings: every organization gets a PSA client (its suggestion, or
  // else the first client), so any alert's ticket can be sent.
  const client = await connectClient(web.origin, web.token);
  const organizations = await client.call('mapping.list', { limit: 500 });
  const fallback = (await client.call('psa.clients', { limit: 1 })).items[0]!;
  for (const o of organizations.items.filter((row) => !row.client))
    await client.call('mapping.change', {
      organizationId: o.organizationId,
      clientId: o.suggestion?.id ?? fallback.id,
    });
  client.close();
  await openDashboard(page);
  const alerts = attention(page).getByRole('region', { name: /^Critical and major alerts without a ticket/ });
  const row = alerts.getByRole('listitem').first();
  const action = row.getByRole('button', { name: /^Create ticket: / });
  const label = (await action.getAttribute('aria-label'))!;
  await action.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Create a ticket for this alert' });
  const device = (await row.locator('.attention-meta').textContent())!.split(' · ')[0]!;
  expect(await dialog.getByRole('textbox', { name: 'Title' }).inputValue()).toMatch(/^\[NinjaOne\] /);
  expect((await dialog.getByRole('textbox', { name: 'Title' }).inputValue()).endsWith(` on ${device}`)).toBe(
    true,
  );
  await dialog.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'created in Alga PSA' })).toBeVisible();
  // (Not the count: the demo keeps firing and resetting alerts while the test runs.)
  await expect(alerts.getByRole('button', { name: label, exact: true })).toHaveCount(0);
});

test('a bar of the alert volume opens the alerts it counts', async ({ page }) => {
  await openDashboard(page);
  const volume = page.getByRole('region', { name: 'Alert volume' });
  await volume.getByRole('button', { name: '30 days' }).click();
  await expect(volume.getByRole('button', { name: '30 days' })).toHaveAttribute('aria-pressed', 'true');
  // The table beside the chart says what yesterday's bar holds, severity by severity.
  await volume.getByText('Alert volume as a table').click();
  const rows = volume.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(31);
  const yesterday = rows.nth(29); // after the header row: bucket 28 of 0..29
  const cells = await yesterday.getByRole('cell').allTextContents();
  const severities = ['critical', 'major', 'moderate', 'minor', 'none'];
  // The bar's bottom segment is the most severe that triggered that day.
  const bottom = severities.find((_, i) => Number(cells[i]) > 0)!;
  expect(bottom).toBeDefined();

  // Where the zero line is: triggered bars rise above it, resets hang below, the scale spans both.
  const all: number[][] = [];
  for (const tr of (await rows.all()).slice(1))
    all.push((await tr.getByRole('cell').allTextContents()).map(Number));
  const up = Math.max(1, ...all.map((r) => r.slice(0, 5).reduce((a, b) => a + b, 0)));
  const down = Math.max(0, ...all.map((r) => r[5]!));
  const chart = volume.locator('[data-chart="Alert volume"] .u-over');
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;
  await chart.click({
    position: { x: ((28 + 0.5) / 30) * box.width, y: (box.height * up) / (up + down) - 1 },
  });

  await expect(page.getByRole('heading', { level: 1, name: 'Alerts' })).toBeVisible();
  await expect(
    page.getByRole('group', { name: 'Severity' }).getByRole('button', { name: bottom }),
  ).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('group', { name: 'Alert filters' }).getByLabel('State')).toHaveValue(
    'open,reset',
  );
  await expect(page.getByRole('button', { name: /^Remove the time window/ })).toBeVisible();
  const listed = page.getByRole('table', { name: 'Alerts' }).locator('[data-row-key]');
  await expect(listed.first()).toBeVisible();
  for (const item of (await listed.all()).slice(0, 20)) await expect(item).toContainText(bottom);
});

test('a device among the noisiest opens exactly the alerts it counts', async ({ page }) => {
  await openDashboard(page);
  const noisiest = page.getByRole('region', { name: 'Noisiest this week' });
  const top = noisiest.getByRole('list').first().getByRole('button').first();
  const text = (await top.textContent())!;
  const alerts = Number(/(\d+) alerts? ·/.exec(text)![1]);
  expect(text).toMatch(/flapping/);
  await top.click();
  await expect(resultCount(page, 'alert')).toHaveText(`${alerts} alert${alerts === 1 ? '' : 's'}`);
  await expect(page.getByRole('button', { name: 'Remove the device or condition filter' })).toBeVisible();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds nothing serious on the dashboard (${colorScheme})`, async ({ page }) => {
    await openDashboard(page, colorScheme);
    // The tables behind the charts are part of the page a screen reader reads.
    for (const summary of await page.locator('.trend-table summary').all()) await summary.click();
    await page.evaluate(axe.source);
    // Page code as a string: the tests are type-checked for Node, without the DOM.
    const results = (await page.evaluate(
      "axe.run(document, { resultTypes: ['violations'] })",
    )) as axe.AxeResults;
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(serious).toEqual([]);
  });
}

test('the keyboard alone reaches every attention row and its action', async ({ page }) => {
  await openDashboard(page);
  const targets = attention(page).getByRole('listitem').getByRole('button');
  const expected = await targets.count();
  expect(expected).toBeGreaterThan(8);
  await page.evaluate(
    "document.querySelectorAll('section.attention li button').forEach((b, i) => b.setAttribute('data-kb', String(i)))",
  );
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Dashboard' }).focus();
  const reached = new Set<string>();
  for (let i = 0; i < 120 && reached.size < expected; i++) {
    await page.keyboard.press('Tab');
    const kb = (await page.evaluate("document.activeElement?.getAttribute('data-kb') ?? null")) as
      string | null;
    if (kb !== null) reached.add(kb);
  }
  expect(reached.size).toBe(expected);
});
