import { expect, test, type Page } from '@playwright/test';
import type { NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { connectedWeb, type ConnectedWeb } from '../support/connected-web';
import type { TestClient } from '../support/rpc-ws-client';
import type { WebProcess } from '../support/web-process';

/**
 * What a technician sees of the sync's cost: how fresh device status is in the Assets view (and a
 * device going offline, which NinjaOne announces nowhere, showing after a status read), the calls a
 * run made and how long it waited for NinjaOne's rate limit in the sync history, and the request
 * budget in the settings.
 */
let app: ConnectedWeb;
let web: WebProcess;
let sim: NinjaOneSimulator;
let rpc: TestClient;

test.beforeAll(async () => {
  app = await connectedWeb('sync-cost', {
    devices: 120,
    seed: 31,
    behaviour: { software: 'lean', noise: { perDevicePerHour: 0 } },
    // The fleet queries allow two requests a second: the first sync meets 429s and waits.
    requestBudget: { requestsPerSecond: 2, burst: 2, retryAfter: 'seconds', route: '/v2/queries/*' },
  });
  ({ web, sim, rpc } = app);
  await expect
    .poll(async () => (await rpc.call('sync.status', {})).lastRun?.state, { timeout: 60_000 })
    .toBe('succeeded');
});

test.afterAll(async () => {
  await app?.close();
});

async function open(page: Page, colorScheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme });
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(web.url);
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
}

test('the Assets view says how fresh status is, and a status read shows an agent that went offline', async ({
  page,
}) => {
  const laptop = sim.truth
    .devices()
    .find((d) => d.nodeClass === 'WINDOWS_WORKSTATION' && d.offline === false)!;
  await open(page, 'light');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Assets' }).click();
  const age = page.getByTestId('status-age');
  // The full sync read every device's status.
  await expect(age).toContainText(/Status read (now|just now|\d+ (seconds?|minutes?) ago)/);
  await expect(age).toHaveAttribute('title', /every 5 minutes/);
  const row = page.locator(`[data-row-key="${laptop.id as number}"]`);
  await page.getByRole('searchbox', { name: 'Search devices' }).fill(laptop.displayName as string);
  await expect(row).toContainText(/online/i);

  // The agent stops checking in: no activity, no alert (a laptop's policy has no offline condition).
  sim.control.setOffline(laptop.id as number, true);
  expect(sim.truth.alerts().some((a) => a.deviceId === laptop.id)).toBe(false);
  await page.getByRole('button', { name: 'Read status now' }).click();
  await expect(row).toContainText(/offline/i);
  await expect(age).toContainText(/Status read (now|just now|\d+ seconds? ago)/);
  await page.screenshot({ path: test.info().outputPath('assets-status-light.png') });
  await open(page, 'dark');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Assets' }).click();
  await expect(page.getByTestId('status-age')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('assets-status-dark.png') });
});

test('the sync history shows each run’s calls and rate-limit waits; the request budget is a setting', async ({
  page,
}) => {
  const run = (await rpc.call('sync.history', { limit: 5 })).items.find((r) => r.kind === 'full')!;
  expect(run.throttled).toBeGreaterThan(0);
  expect(run.waitMs).toBeGreaterThanOrEqual(1000);
  await open(page, 'light');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Settings' }).click();
  const history = page.getByRole('table', { name: 'Sync history' });
  const row = history.locator(`[data-row-key="${run.id}"]`);
  await expect(row).toContainText(String(run.apiCalls));
  await expect(row).toContainText(`${(run.waitMs / 1000).toFixed(1)} s · ${run.throttled}× 429`);
  await row.focus();
  await page.keyboard.press('Enter');
  const details = page.getByRole('region', { name: `Sync run ${run.id}` });
  await expect(details).toContainText(`${run.apiCalls} API calls`);
  await expect(details).toContainText(`NinjaOne answered "too many requests" ${run.throttled} time`);

  const rate = page.getByRole('spinbutton', { name: 'NinjaOne requests per second' });
  await expect(rate).toHaveValue('10');
  await expect(page.getByRole('spinbutton', { name: 'Burst' })).toHaveValue('20');
  await rate.fill('25');
  await rate.press('Tab');
  await expect(page.getByRole('status').filter({ hasText: 'at most 25 times a second' })).toBeVisible();
  expect(await rpc.call('ninjaone.requestBudget', {})).toEqual({ requestsPerSecond: 25, burst: 20 });
  const sweep = page.getByRole('spinbutton', { name: 'Read device status every (minutes)' });
  await sweep.fill('2');
  await sweep.press('Tab');
  await expect.poll(async () => (await rpc.call('sync.status', {})).statusSweepMinutes).toBe(2);
  await page.screenshot({ path: test.info().outputPath('sync-settings-light.png'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: test.info().outputPath('sync-settings-dark.png'), fullPage: true });
});
