import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { Cache } from '../../src/core/cache/cache';
import { startPsaSimulator, type PsaSimulator } from '../../src/simulator/psa';
import { alertRecords } from '../support/alert-records';
import { fleetRecords, seedCache, type FleetRecords } from '../support/fleet-records';
import { connectClient } from '../support/rpc-ws-client';
import { startWebProcess, type WebProcess } from '../support/web-process';

let dir: string;
let web: WebProcess;
let fleet: FleetRecords;
let psa: PsaSimulator;
let alerts: ReturnType<typeof alertRecords>;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alga-e2e-tickets-'));
  const cachePath = join(dir, 'cache.db');
  fleet = fleetRecords(200, 8);
  alerts = alertRecords(fleet, 20);
  const cache = Cache.open(cachePath);
  seedCache(cache, fleet);
  cache.alerts.upsertMany(alerts);
  cache.close();
  psa = await startPsaSimulator({ organizationNames: fleet.organizations.map((o) => o.name) });
  web = await startWebProcess(['--db', cachePath, '--no-build'], {
    ALGA_CONSOLE_KEYCHAIN_SERVICE: `alga-console-e2e-tickets-${process.pid}`,
  });
});

test.afterAll(async () => {
  await web?.stop();
  await psa?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function go(page: Page, view: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: view }).click();
}

test('connect Alga PSA, confirm mappings, create a ticket from an alert, see it sent, and open that ticket from the alert', async ({
  page,
}) => {
  await page.goto(web.url);
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
  await go(page, 'Settings');

  const connect = page.getByRole('form', { name: 'Connect Alga PSA' });
  await connect.getByRole('textbox', { name: 'Address' }).fill(psa.baseUrl);
  await connect.getByLabel('API key').fill(psa.apiKey);
  await connect.getByRole('button', { name: 'Connect Alga PSA' }).click();
  const card = page.getByRole('region', { name: 'Alga PSA' });
  await expect(card.getByText('Connected', { exact: true })).toBeVisible();

  const mapping = page.getByRole('region', { name: 'Organizations → PSA clients' });
  await mapping.getByRole('button', { name: /^Confirm \d+ exact match/ }).click();
  await expect(mapping.getByRole('button', { name: /^Confirm \d+ exact match/ })).toBeHidden();
  await page.screenshot({ path: test.info().outputPath('settings-psa.png') });

  // An alert whose organization is now mapped (as the core reports it).
  const client = await connectClient(web.origin, web.token);
  const mapped = await client.call('mapping.list', { filter: { states: ['mapped'] }, limit: 100 });
  client.close();
  const mappedOrgs = new Set(mapped.items.map((m) => m.organizationId));
  expect(mappedOrgs.size).toBeGreaterThan(0);
  const target = alerts.find((a) =>
    mappedOrgs.has(fleet.devices.find((d) => d.id === a.deviceId)!.organizationId!),
  )!;
  const device = fleet.devices.find((d) => d.id === target.deviceId)!;

  await page.goto(`${web.origin}/#/alerts/${target.uid}`);
  const detail = page.getByRole('complementary', { name: 'Alert detail' });
  await detail.getByRole('button', { name: 'Create ticket' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a ticket for this alert' });
  const title = dialog.getByRole('textbox', { name: 'Title' });
  await expect(title).toHaveValue(`[NinjaOne] ${target.conditionName} on ${device.name}`);
  await title.fill(`${await title.inputValue()} (checked by phone)`);
  await page.screenshot({ path: test.info().outputPath('create-ticket.png') });
  await dialog.getByRole('button', { name: 'Create ticket' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'created in Alga PSA' })).toBeVisible();

  const created = psa.control.tickets();
  expect(created).toHaveLength(1);
  expect(created[0]!.title).toBe(`[NinjaOne] ${target.conditionName} on ${device.name} (checked by phone)`);

  await expect(detail).toContainText(String(created[0]!.ticket_number));
  // The alert now has its ticket: the button opens that one, and nothing is sent to the PSA again.
  await detail.getByRole('button', { name: `Open ticket ${created[0]!.ticket_number}` }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('complementary', { name: 'Ticket detail' })).toContainText(
    String(created[0]!.ticket_number),
  );
  expect(psa.control.tickets()).toHaveLength(1);

  await go(page, 'Tickets');
  const row = page.getByRole('table', { name: 'Tickets' }).locator('[data-row-key]').first();
  await expect(row).toContainText('Sent');
  await expect(row).toContainText(String(created[0]!.ticket_number));
  await page.screenshot({ path: test.info().outputPath('tickets.png') });
});
