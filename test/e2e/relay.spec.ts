import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { Cache } from '../../src/core/cache/cache';
import { silentLogger } from '../../src/node/logger';
import { NinjaOneSyncJob } from '../../src/core/sync/ninjaone-sync-job';
import { SyncService } from '../../src/core/sync/sync-service';
import { hashAdminToken } from '../../src/relay/auth/admin-token';
import type { Relay } from '../../src/relay/relay';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { createToken, registerWebhook, startTestRelay } from '../support/relay';
import { simulatorClient } from '../support/ninjaone';
import { startWebProcess, type WebProcess } from '../support/web-process';

const ADMIN_TOKEN = 'alga_admin_e2e-token-0123456789abcdef';

let dir: string;
let sim: NinjaOneSimulator;
let relay: Relay;
let web: WebProcess;
let token: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alga-e2e-relay-'));
  const cachePath = join(dir, 'cache.db');
  sim = await startNinjaOneSimulator({ devices: 20, seed: 5 });
  // The console's cache holds the fleet (a sync ran before), so alerts need no NinjaOne call to show.
  const cache = Cache.open(cachePath);
  const sync = new SyncService(
    cache,
    new NinjaOneSyncJob({
      cache,
      client: () => Promise.resolve(simulatorClient(sim)),
      connected: () => Promise.resolve(true),
      logger: silentLogger,
    }),
    { progress: () => undefined, status: () => undefined },
    silentLogger,
  );
  await sync.runNow('full');
  await sync.stop();
  cache.close();
  relay = await startTestRelay(
    { db: join(dir, 'relay.db') },
    { secrets: { adminTokenHash: hashAdminToken(ADMIN_TOKEN) }, rulesIntervalMs: 100 },
  );
  token = await createToken(relay.store, 'e2e-console');
  await registerWebhook(sim, relay.url);
  // Secrets stay in the core's memory: no keychain needed for this test.
  web = await startWebProcess(['--db', cachePath, '--no-build'], { ALGA_CONSOLE_TEST_SECRETS: '{}' });
});

test.afterAll(async () => {
  await web?.stop();
  await relay?.close();
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function go(page: Page, view: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: view }).click();
}

test('connect the relay in Settings, see an alert arrive the moment it triggers, and edit a rule', async ({
  page,
}) => {
  await page.goto(web.url);
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
  await go(page, 'Settings');

  const card = page.getByRole('region', { name: 'Relay' });
  const connect = card.getByRole('form', { name: 'Connect the relay' });
  await connect.getByRole('textbox', { name: 'Relay address' }).fill(relay.url);
  await connect.getByLabel('Console token').fill(token);
  await connect.getByRole('button', { name: 'Connect relay' }).click();
  await expect(card.getByText('Connected', { exact: true })).toBeVisible();
  await expect(card).toContainText(relay.url);
  await page.screenshot({ path: test.info().outputPath('settings-relay.png') });

  await go(page, 'Alerts');
  const table = page.getByRole('table', { name: 'Alerts' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  const device = sim.truth.devices().find((d) => d.offline === false)!;
  sim.control.triggerAlert({
    deviceId: device.id as number,
    severity: 'CRITICAL',
    // The row shows the condition's one name and NinjaOne's message beside it.
    message: 'E2E: relay alert',
  });
  // No sync runs here: only the relay's stream can bring it, and it does at once. It waits behind
  // the "new alerts" button (the rows on screen do not move) until the technician asks for it.
  await page.getByRole('button', { name: '1 new alert · show' }).click({ timeout: 5_000 });
  await expect(table.getByText('E2E: relay alert')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('alerts-relay.png') });

  await go(page, 'Settings');
  await card.getByLabel('Admin token (to edit rules)').fill(ADMIN_TOKEN);
  await card.getByRole('button', { name: 'Save admin token' }).click();
  const rules = page.getByRole('region', { name: 'Alert rules' });
  await expect(rules.getByText('No rules')).toBeVisible();

  await rules.getByRole('button', { name: 'Add rule' }).click();
  const form = rules.getByRole('form', { name: 'New rule' });
  await form.getByRole('textbox', { name: 'Rule name' }).fill('Minor is noise');
  await form.getByRole('checkbox', { name: /^Minor/ }).check();
  await form.getByLabel('Action').selectOption('suppress');
  await form.getByRole('button', { name: 'Save rule' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rules saved (version 1)' })).toBeVisible();
  const list = rules.getByRole('list', { name: 'Alert rules' });
  await expect(list).toContainText('1. Minor is noise → Suppress');
  await expect(list).toContainText('Minor');

  // Edit it: rename and widen it to moderate alerts too.
  await list.getByRole('button', { name: 'Edit Minor is noise' }).click();
  const edit = rules.getByRole('form', { name: 'Edit rule Minor is noise' });
  await edit.getByRole('textbox', { name: 'Rule name' }).fill('Low severities are noise');
  await edit.getByRole('checkbox', { name: /^Moderate/ }).check();
  await edit.getByRole('button', { name: 'Save rule' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rules saved (version 2)' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('alert-rules.png') });

  const stored = await relay.store.getRules();
  expect(stored).toMatchObject({ version: 2, updatedBy: expect.any(String) });
  expect(stored.rules).toEqual([
    expect.objectContaining({
      name: 'Low severities are noise',
      when: expect.objectContaining({ severities: ['MINOR', 'MODERATE'] }),
      action: { type: 'suppress' },
    }),
  ]);

  // A minor alert now gets a decision with its reason, shown in Settings.
  sim.control.triggerAlert({ deviceId: device.id as number, severity: 'MINOR', subject: 'E2E: noise' });
  const decisions = page.getByRole('region', { name: 'Rule decisions' });
  await expect(decisions).toContainText('matched rule 1 "Low severities are noise": suppress', {
    timeout: 10_000,
  });
});
