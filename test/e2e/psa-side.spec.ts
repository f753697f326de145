import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { AssetRow } from '../../src/shared/contract/assets';
import { connectClient, type TestClient } from '../support/rpc-ws-client';
import { startWebProcess, type WebProcess } from '../support/web-process';

/**
 * The PSA's side of a device on the demo workspace, whose Alga tenant holds what Alga's own NinjaOne
 * integration made (an asset per device of a mapped organization, tickets on every ninth device): the
 * device detail shows its open Alga tickets, then the cache with its age when Alga stops answering; a
 * ticket and an alert link to each other and to the device; Remote connect is offered from both.
 */
let dir: string;
let web: WebProcess;
let rpc: TestClient;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alga-e2e-psa-side-'));
  web = await startWebProcess(['--db', join(dir, 'demo.db'), '--no-build', '--demo']);
  rpc = await connectClient(web.origin, web.token);
});

test.afterAll(async () => {
  rpc?.close();
  await web?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function openDemo(page: Page, colorScheme: 'light' | 'dark' = 'light'): Promise<void> {
  await page.emulateMedia({ colorScheme });
  await page.goto(web.url);
  await expect(
    page.getByRole('region', { name: 'Devices' }).getByRole('button', { name: /^Total: 2,?000$/ }),
  ).toBeVisible({ timeout: 60_000 });
}

/** The devices of organizations the demo mapped to an Alga client (their assets are in Alga). */
async function mappedDevices(): Promise<AssetRow[]> {
  const mapped = async (): Promise<number[]> =>
    (await rpc.call('mapping.list', { filter: { states: ['mapped'] }, limit: 500 })).items.map(
      (r) => r.organizationId,
    );
  // The demo confirms its exact mappings after the first sync.
  await expect.poll(mapped, { timeout: 60_000 }).not.toHaveLength(0);
  return (await rpc.call('assets.list', { filter: { organizationIds: await mapped() }, limit: 500 })).items;
}

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate(
    (h) => ((globalThis as unknown as { location: { hash: string } }).location.hash = h),
    hash,
  );
}

/** No serious or critical axe-core violation inside `scope` (injected past the page's CSP, as a tool). */
async function expectAccessible(page: Page, scope: Locator): Promise<void> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axeSource);
  const violations = await scope.evaluate((element) =>
    (
      globalThis as unknown as {
        axe: { run(context: unknown): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe
      .run(element)
      .then((result) =>
        result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      ),
  );
  expect(violations).toEqual([]);
}
interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

async function sim(path: string, method: string, body?: unknown): Promise<void> {
  const { baseUrl } = await rpc.call('psa.status', {});
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.ok).toBe(true);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`a device's open Alga PSA tickets, then the cache with its age when Alga fails (${colorScheme})`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await openDemo(page, colorScheme);
    const device = (await mappedDevices()).find((d) => d.id % 9 === 0)!;
    await go(page, `#/assets/${device.id}`);
    const detail = page.getByRole('complementary', { name: 'Device detail' });
    const side = detail.getByRole('region', { name: 'Alga PSA tickets' });
    const list = side.getByRole('list', { name: 'Open tickets in Alga PSA' });
    await expect(list.getByRole('listitem').first()).toContainText('[NinjaOne Alert]');
    await expect(list.getByRole('button', { name: /^TIC\d{6} \(open in Alga PSA\)$/ }).first()).toBeVisible();
    await expect(side.locator('.psa-tickets-age')).toContainText(/As of (just now|\d+ seconds? ago)/);
    await expect(side.locator('.psa-tickets-age')).toContainText("(Alga's NinjaOne sync)");
    const shown = await list.locator(':scope > li').count();
    await side.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath(`device-psa-tickets-${colorScheme}.png`) });
    await expectAccessible(page, detail);

    // Alga answers every request with 503: the refresh says so and the cached list stays, with its age.
    await sim('/_sim/faults', 'POST', { route: '*', status: 503, times: -1 });
    try {
      await side.getByRole('button', { name: 'Refresh' }).click();
      await expect(side.locator('.error-banner')).toContainText('The list below is the cached one.', {
        timeout: 30_000,
      });
      await expect(side.locator('.psa-tickets-age')).toContainText('As of');
      await expect(list.locator(':scope > li')).toHaveCount(shown);
      await side.scrollIntoViewIfNeeded();
      await page.screenshot({
        path: test.info().outputPath(`device-psa-tickets-offline-${colorScheme}.png`),
      });
      await expectAccessible(page, side);
    } finally {
      await sim('/_sim/faults', 'DELETE');
    }
  });
}

test('an alert and its ticket link to each other and to the device, and both offer Remote connect', async ({
  page,
  context,
}) => {
  await openDemo(page);
  const organizationIds = [...new Set((await mappedDevices()).map((d) => d.organizationId!))];
  const alert = (
    await rpc.call('alerts.list', {
      filter: { states: ['open'], organizationIds, hasTicket: false },
      limit: 20,
    })
  ).items[0]!;

  // The alert: Remote connect from its toolbar opens the device in NinjaOne.
  await go(page, `#/alerts/${alert.uid}`);
  const alertDetail = page.getByRole('complementary', { name: 'Alert detail' });
  const alertActions = alertDetail.getByRole('toolbar', { name: 'Alert actions' });
  let tab = context.waitForEvent('page');
  await alertActions.getByRole('button', { name: 'Remote connect' }).click();
  expect((await tab).url()).toMatch(new RegExp(`#/deviceDashboard/${alert.deviceId}/overview$`));

  await alertActions.getByRole('button', { name: 'Create ticket' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a ticket for this alert' });
  await dialog.getByRole('button', { name: 'Create ticket' }).click();
  // The alert's ticket: a link to the ticket's entry in the Tickets view.
  const ticketLink = alertDetail.getByRole('button', { name: /^TIC\d{6}$/ });
  await expect(ticketLink).toBeVisible();
  const number = (await ticketLink.textContent())!;
  await expectAccessible(page, alertDetail);
  await page.screenshot({ path: test.info().outputPath('alert-ticket-link.png') });
  await ticketLink.click();

  // The ticket: its device (with Remote connect) and its alert, as links.
  const ticketDetail = page.getByRole('complementary', { name: 'Ticket detail' });
  await expect(ticketDetail).toContainText(number);
  const relations = ticketDetail.getByRole('region', { name: 'Devices and alerts of this ticket' });
  await expect(relations.getByRole('button', { name: alert.deviceName })).toBeVisible();
  await expectAccessible(page, ticketDetail);
  await page.screenshot({ path: test.info().outputPath('ticket-device-and-alerts.png') });
  tab = context.waitForEvent('page');
  await relations.getByRole('button', { name: 'Remote connect' }).click();
  expect((await tab).url()).toMatch(new RegExp(`#/deviceDashboard/${alert.deviceId}/overview$`));

  await relations
    .getByRole('button', { name: new RegExp(alert.conditionName ?? alert.subject ?? '') })
    .click();
  await expect(page.getByRole('complementary', { name: 'Alert detail' })).toBeVisible();
  await go(page, `#/tickets`);
  await page.getByRole('table', { name: 'Tickets' }).locator('[data-row-key]').first().click();
  await relations.getByRole('button', { name: alert.deviceName }).click();

  // The device: the ticket among its open Alga tickets, with the alert under it.
  const side = page
    .getByRole('complementary', { name: 'Device detail' })
    .getByRole('region', { name: 'Alga PSA tickets' });
  const row = side.getByRole('listitem').filter({ hasText: number });
  await expect(row.getByRole('button', { name: number, exact: true })).toBeVisible();
  await row
    .getByRole('list', { name: `Alerts of ${number}` })
    .getByRole('button')
    .click();
  await expect(page.getByRole('complementary', { name: 'Alert detail' })).toContainText(number);
});
