import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startWebProcess, type WebProcess } from '../support/web-process';

let dir: string;
const started: WebProcess[] = [];

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'alga-e2e-demo-'));
});

test.afterAll(async () => {
  for (const web of started) await web.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('first run: explore the demo workspace, use it, and leave it for a clean console', async ({ page }) => {
  const web = await startWebProcess(['--db', join(dir, 'first-run.db'), '--no-build'], {
    ALGA_CONSOLE_KEYCHAIN_SERVICE: `alga-console-e2e-demo-${process.pid}`,
  });
  started.push(web);
  await page.goto(web.url);
  const welcome = page.getByRole('region', { name: 'Welcome to the Alga Technician Console' });
  await expect(welcome).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('welcome.png') });
  await welcome.getByRole('button', { name: 'Explore the demo workspace' }).click();

  await expect(
    page.getByRole('region', { name: 'Devices' }).getByRole('button', { name: /^Total: 2000$/ }),
  ).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Demo workspace' })).toBeVisible();
  // The first full sync reads a real fleet's software (100-200 titles a Windows workstation, some
  // 200,000 rows for the demo's 2,000 devices): the devices are browsable before it ends.
  await expect(page.getByRole('contentinfo')).toContainText('Synced', { timeout: 90_000 });
  await page.screenshot({ path: test.info().outputPath('demo-dashboard.png') });

  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Alerts' }).click();
  await expect(page.getByRole('table', { name: 'Alerts' }).locator('[data-row-key]').first()).toBeVisible();

  await page
    .getByRole('status')
    .filter({ hasText: 'Demo workspace' })
    .getByRole('button', { name: 'Leave the demo' })
    .click();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('region', { name: 'Welcome to the Alga Technician Console' })).toBeVisible();
});

test('npm run web -- --demo opens the demo workspace directly', async ({ page }) => {
  const web = await startWebProcess(['--db', join(dir, 'demo.db'), '--no-build', '--demo']);
  started.push(web);
  await page.goto(web.url);
  await expect(page.getByRole('status').filter({ hasText: 'Demo workspace' })).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Devices' }).getByRole('button', { name: /^Total: 2000$/ }),
  ).toBeVisible({ timeout: 60_000 });
});
