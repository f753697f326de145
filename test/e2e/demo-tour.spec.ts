import { expect, test } from '@playwright/test';
import { demoWorkspace } from '../support/demo-web';

/** The demo workspace (`npm run web -- --demo`): every view, remote connect and silencing a device. */
const demo = demoWorkspace('tour');
const openDemo = demo.open;

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every view, with the demo's data (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openDemo(page);
    for (const view of ['Dashboard', 'Assets', 'Alerts', 'Patches', 'Software', 'Tickets', 'Settings']) {
      await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: view }).click();
      await expect(page.getByRole('heading', { level: 1, name: view })).toBeVisible();
      await expect(page.getByText('Loading…')).toHaveCount(0);
      await page.screenshot({ path: test.info().outputPath(`${view.toLowerCase()}-${colorScheme}.png`) });
    }
  });
}

test('remote connect opens the device in NinjaOne in a new tab', async ({ page, context }) => {
  await openDemo(page);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Assets' }).click();
  await page.getByRole('table', { name: 'Devices' }).locator('[data-row-key]').first().click();
  const detail = page.getByRole('complementary', { name: 'Device detail' });
  const id = await page
    .getByRole('table', { name: 'Devices' })
    .locator('[data-row-key]')
    .first()
    .getAttribute('data-row-key');
  const tab = context.waitForEvent('page');
  await detail.getByRole('button', { name: 'Remote connect' }).click();
  const opened = await tab;
  await opened.waitForLoadState();
  expect(opened.url()).toMatch(
    new RegExp(`^http://127\\.0\\.0\\.1:\\d+/.*#/deviceDashboard/${id}/overview$`),
  );
  await expect(page.getByRole('status').filter({ hasText: 'start the remote session there' })).toBeVisible();
});

test('silencing a device from its detail shows who silenced it until when, and ending it', async ({
  page,
}) => {
  await openDemo(page);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Assets' }).click();
  await page.getByRole('table', { name: 'Devices' }).locator('[data-row-key]').nth(2).click();
  const detail = page.getByRole('complementary', { name: 'Device detail' });
  await detail.getByLabel('Silence for').selectOption({ label: '4 hours' });
  await expect(detail.getByRole('status')).toContainText('Its alerts notify nobody');
  await expect(detail.getByRole('status')).toContainText('in 4 hours');
  await detail.getByRole('button', { name: 'End silence' }).click();
  await expect(detail.getByLabel('Silence for')).toBeVisible();
});

test('the command palette runs actions: a sync, a theme', async ({ page }) => {
  await openDemo(page);
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox').fill('theme: dark');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.keyboard.press('Control+k');
  await palette.getByRole('combobox').fill('sync now');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /^Sync succeeded/ })).toBeVisible();
});
