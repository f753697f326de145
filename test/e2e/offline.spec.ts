import { expect, test } from '@playwright/test';
import { connectedWeb, type ConnectedWeb } from '../support/connected-web';

/** NinjaOne goes away after a sync: the console says so and keeps working from its cache. */
let app: ConnectedWeb;

test.beforeAll(async () => {
  app = await connectedWeb('offline', { devices: 150, seed: 12 });
  const run = await app.rpc.call('sync.now', { kind: 'full' });
  expect(run.state).toBe('succeeded');
});

test.afterAll(async () => {
  await app?.close();
});

test('offline: NinjaOne unreachable shows the banner with the data age, and every view keeps working from the cache', async ({
  page,
}) => {
  const { sim, rpc, web } = app;
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
