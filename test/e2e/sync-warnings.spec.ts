import { expect, test, type Page } from '@playwright/test';
import { connectedWeb, type ConnectedWeb } from '../support/connected-web';

/**
 * What a technician sees when NinjaOne is unkind: a sync that skipped a family the token may not
 * read (dashboard, sync history), and a full sync that held back deleting a fifth of the fleet until
 * someone confirms it from the dashboard.
 */
let app: ConnectedWeb;

test.beforeAll(async () => {
  app = await connectedWeb('sync-warnings', {
    devices: 250,
    seed: 14,
    behaviour: { software: 'lean', refusals: { '/v2/queries/software': 403 } },
  });
  // Connecting starts the first sync.
  await expect.poll(async () => (await app.rpc.call('sync.status', {})).lastRun?.state).toBe('partial');
});

test.afterAll(async () => {
  await app?.close();
});

async function openDashboard(page: Page, colorScheme: 'light' | 'dark' = 'light'): Promise<void> {
  await page.emulateMedia({ colorScheme });
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(app.web.url);
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
}

test('a partial sync: the dashboard and the sync history name the family NinjaOne refused', async ({
  page,
}) => {
  await openDashboard(page);
  const connections = page.getByRole('region', { name: 'Connections' });
  await expect(connections).toContainText('up to date, except what the last sync skipped');
  await expect(page.getByRole('contentinfo')).toContainText('Synced, with parts skipped');
  const skipped = connections.locator('.sync-warnings');
  await expect(skipped.getByRole('heading', { name: 'The last sync skipped' })).toBeVisible();
  await expect(skipped).toContainText('software: refused (403)');
  await expect(skipped).toContainText('GET /v2/queries/software');
  await expect(skipped).toContainText('monitoring scope');
  // Everything else synced: the devices are there.
  await expect(page.getByRole('button', { name: 'Total: 250' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('dashboard-partial-light.png') });

  await connections.getByRole('button', { name: 'Manage connections' }).click();
  const history = page.getByRole('table', { name: 'Sync history' });
  const row = history.locator('[data-row-key]').first();
  await expect(row).toContainText('partial');
  await expect(row).toContainText('software: refused (403)');
  // The row opens the run's warnings in full, from the keyboard too.
  await row.focus();
  await page.keyboard.press('Enter');
  const details = page.getByRole('region', { name: /^Sync run \d+$/ });
  await expect(details).toContainText('GET /v2/queries/software');
  await expect(page.getByRole('spinbutton', { name: /Hold a full sync's deletions above/ })).toHaveValue(
    '10',
  );
  await page.screenshot({ path: test.info().outputPath('sync-history-partial.png'), fullPage: true });
});

test('a held deletion: the dashboard says what and why, and one click deletes them', async ({ page }) => {
  const { sim, rpc } = app;
  sim.control.setBehaviour({ refusals: {} });
  const gone = sim.truth.deviceIds().filter((_, i) => i % 5 === 1);
  for (const id of gone) sim.control.deleteDevice(id);
  const run = await rpc.call('sync.now', { kind: 'full' });
  expect(run.warnings.map((w) => w.code)).toEqual(['deletion_held']);

  for (const colorScheme of ['dark', 'light'] as const) {
    await openDashboard(page, colorScheme);
    const held = page.getByRole('region', { name: /^Deletion held/ });
    await expect(held).toContainText(`Deletion held: ${gone.length} devices no longer listed by NinjaOne`);
    await expect(held).toContainText(`${gone.length} of 250 devices (20%)`);
    await expect(page.getByRole('button', { name: 'Total: 250' })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath(`dashboard-held-${colorScheme}.png`) });
  }

  const held = page.getByRole('region', { name: /^Deletion held/ });
  await held.getByRole('button', { name: `Delete ${gone.length} devices` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Removed ${gone.length} devices` })).toBeVisible();
  await expect(held).toHaveCount(0);
  await expect(page.getByRole('button', { name: `Total: ${250 - gone.length}` })).toBeVisible();
  expect((await rpc.call('sync.status', {})).heldDeletion).toBeNull();
});
