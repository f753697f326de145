import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startNinjaOneSimulator, type NinjaOneSimulator } from '../../src/simulator/ninjaone';
import { freePort, testBrowser } from '../support/ninjaone';
import { connectClient, type TestClient } from '../support/rpc-ws-client';
import { startWebProcess, type WebProcess } from '../support/web-process';

/** NinjaOne goes away after a sync: the console says so and keeps working from its cache. */
let dir: string;
let web: WebProcess;
let sim: NinjaOneSimulator;
let rpc: TestClient;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alga-e2e-offline-'));
  const port = await freePort();
  sim = await startNinjaOneSimulator({
    devices: 150,
    seed: 12,
    redirectUris: [`http://127.0.0.1:${port}/callback`],
  });
  web = await startWebProcess(['--db', join(dir, 'cache.db'), '--no-build'], {
    ALGA_CONSOLE_KEYCHAIN_SERVICE: `alga-console-e2e-offline-${process.pid}`,
  });
  rpc = await connectClient(web.origin, web.token);
  const browser = testBrowser();
  rpc.on('shell.openExternal', ({ url, purpose }) => void browser.opener.open(url, purpose));
  await rpc.call('ninjaone.connect', {
    host: sim.url,
    clientId: sim.clientId,
    redirectPort: port,
    redirectPath: '/callback',
  });
  const run = await rpc.call('sync.now', { kind: 'full' });
  expect(run.state).toBe('succeeded');
});

test.afterAll(async () => {
  await rpc?.call('ninjaone.disconnect', {}).catch(() => undefined);
  rpc?.close();
  await web?.stop();
  await sim?.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

test('offline: NinjaOne unreachable shows the banner with the data age, and every view keeps working from the cache', async ({
  page,
}) => {
  const device = (sim.truth.devices() as { id: number; displayName?: string; systemName?: string }[])[17]!;
  await sim.close();
  const failed = await rpc.call('sync.now', { kind: 'incremental' });
  expect(failed.state).toBe('failed');
  await expect.poll(async () => (await rpc.call('sync.status', {})).state).toBe('paused_offline');

  await page.goto(web.url);
  const banner = page.getByRole('status').filter({ hasText: 'Offline: NinjaOne cannot be reached' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('You are looking at data from');
  await expect(page.getByRole('contentinfo')).toContainText('NinjaOne unreachable');

  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Assets' }).click();
  const name = device.displayName || device.systemName!;
  await page.getByRole('searchbox', { name: 'Search devices' }).fill(name);
  await page.locator(`[data-row-key="${device.id}"]`).click();
  await expect(
    page.getByRole('complementary', { name: 'Device detail' }).getByRole('heading', { name }),
  ).toBeVisible();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Software' }).click();
  await expect(
    page.getByRole('table', { name: 'Software titles' }).locator('[data-row-key]').first(),
  ).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('offline.png') });
});
