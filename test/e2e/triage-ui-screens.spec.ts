import { expect, test, type Page } from '@playwright/test';
import { demoSimulator, goTo, mapEveryOrganization } from '../support/demo-console';
import { demoWorkspace } from '../support/demo-web';
import { connectClient, type TestClient } from '../support/rpc-ws-client';
import { invisibleControls, lookAtScreen, paintOf } from '../support/screen-checks';

/**
 * Every view, detail and dialog of the demo workspace, light and dark, at 1440x900 and 1024x700:
 * screenshots attached to the report, no serious or critical axe-core violation (colour contrast
 * included), and no control that shows nothing readable.
 */
let rpc: TestClient;

const demo = demoWorkspace('screens');

test.beforeAll(async () => {
  rpc = await connectClient(demo.web().origin, demo.web().token);
  // A ticket, so the ticket detail has something to show.
  await mapEveryOrganization(rpc);
  const [alert] = (await rpc.call('alerts.list', { filter: { states: ['open'] }, limit: 1 })).items;
  await rpc.call('tickets.create', { source: { kind: 'alert', alertUid: alert!.uid } });
});

test.afterAll(() => rpc?.close());

async function settled(page: Page): Promise<void> {
  await expect(page.getByText('Loading…', { exact: true })).toHaveCount(0);
  await expect(page.getByText('Preparing the ticket…')).toHaveCount(0);
}

const sizes = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
];

for (const size of sizes) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`every view, detail and dialog reads right (${size.width}x${size.height}, ${colorScheme})`, async ({
      page,
    }, testInfo) => {
      test.setTimeout(300_000);
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme });
      await demo.open(page);
      const problems: string[] = [];
      const look = async (where: string): Promise<void> => {
        await settled(page);
        const found = await lookAtScreen(
          page,
          testInfo,
          `${where} ${size.width}x${size.height} ${colorScheme}`,
        );
        console.log(found.join('\n'));
        problems.push(...found);
      };

      await goTo(page, 'Dashboard');
      await look('dashboard');
      await page
        .getByRole('region', { name: 'Devices' })
        .getByRole('button', { name: /^Offline: / })
        .click();
      await expect(page.getByRole('list', { name: 'Active filters' })).toBeVisible();
      await look('assets, drilled down to offline devices');
      await page.getByRole('list', { name: 'Active filters' }).getByRole('button').first().click();

      await goTo(page, 'Assets');
      await look('assets');
      await page.getByRole('table', { name: 'Devices' }).locator('[data-row-key]').first().click();
      const device = page.getByRole('complementary', { name: 'Device detail' });
      await expect(device.getByRole('button', { name: 'Remote connect' })).toBeVisible();
      await look('device detail');
      await device.getByRole('button', { name: 'Create ticket' }).click();
      await expect(page.getByRole('dialog', { name: 'Create a ticket for this device' })).toBeVisible();
      await look('create ticket dialog');
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

      await goTo(page, 'Alerts');
      await look('alerts');
      const [online] = (await rpc.call('assets.list', { filter: { agentStatus: 'online' }, limit: 1 })).items;
      const sim = await demoSimulator(rpc);
      const screenCheck = await sim.triggerAlert({
        deviceId: online!.id,
        severity: 'CRITICAL',
        message: 'Screen check',
      });
      await expect(page.getByRole('button', { name: /new alerts? · show$/ })).toBeVisible();
      await look('alerts, new ones waiting');
      const fresh = page.getByRole('button', { name: /new alerts? · show$/ });
      await fresh.click();
      // The list reloads with them on top; rows are picked once it has (not from the old list).
      await expect(fresh).toBeHidden();
      await expect(page.locator(`[data-row-key="${screenCheck.uid}"]`)).toHaveClass(/\bnew\b/);
      const rows = page.getByRole('table', { name: 'Alerts' }).locator('[data-row-key]');
      await rows.nth(0).getByRole('checkbox', { name: 'Select alert' }).check();
      await rows.nth(1).getByRole('checkbox', { name: 'Select alert' }).check();
      await look('alerts, new ones shown, two selected');
      await rows.nth(1).focus();
      await page.keyboard.press('t');
      await expect(page.getByRole('dialog', { name: 'Create tickets for 2 alerts' })).toBeVisible();
      await look('create tickets dialog');
      await page.keyboard.press('Escape');
      await page
        .getByRole('toolbar', { name: 'Bulk actions' })
        .getByRole('button', { name: 'Clear selection' })
        .click();
      await page.getByRole('table', { name: 'Alerts' }).locator('[data-row-key]').first().click();
      await expect(page.getByRole('complementary', { name: 'Alert detail' })).toBeVisible();
      await look('alert detail');
      await page.getByLabel('Group by').selectOption('condition');
      await expect(page.getByRole('list', { name: 'Alerts by condition' })).toBeVisible();
      await look('alerts by condition');
      await page.getByLabel('Group by').selectOption('none');

      await goTo(page, 'Patches');
      await look('patches by organization');
      await page.getByRole('tab', { name: 'By patch' }).click();
      await page.getByRole('table', { name: 'Patches' }).locator('[data-row-key]').first().click();
      await expect(page.getByRole('complementary', { name: 'Devices needing this patch' })).toBeVisible();
      await look('patch detail');
      await page.getByRole('tab', { name: 'Long pending' }).click();
      await look('long pending patches');

      await goTo(page, 'Software');
      await look('software');
      await page.getByRole('table', { name: 'Software titles' }).locator('[data-row-key]').first().click();
      await look('software title detail');

      await goTo(page, 'Tickets');
      await look('tickets');
      await page.getByRole('table', { name: 'Tickets' }).locator('[data-row-key]').first().click();
      await expect(page.getByRole('complementary', { name: 'Ticket detail' })).toBeVisible();
      await look('ticket detail');

      await goTo(page, 'Settings');
      await look('settings');
      await page.getByRole('radio', { name: 'dark' }).scrollIntoViewIfNeeded();
      await look('settings, appearance');

      await page.keyboard.press('Control+k');
      await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
      await look('command palette');
      await page.keyboard.press('Escape');

      await page.keyboard.press('?');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
      await look('keyboard shortcuts');

      expect(problems).toEqual([]);
    });
  }
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`remote connect is a filled button that reads, and the chosen theme shows (${colorScheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme });
    await demo.open(page);
    await goTo(page, 'Assets');
    await page.getByRole('table', { name: 'Devices' }).locator('[data-row-key]').first().click();
    const detail = page.getByRole('complementary', { name: 'Device detail' });
    const connect = await paintOf(detail.getByRole('button', { name: 'Remote connect' }));
    const panel = await paintOf(detail.getByRole('heading', { level: 2 }));
    expect(connect.contrast).toBeGreaterThanOrEqual(4.5);
    // The headline action is filled with the accent, not drawn like the panel around it.
    expect(connect.background).not.toBe(panel.background);

    await goTo(page, 'Settings');
    const theme = page.getByRole('radiogroup', { name: 'Theme' });
    await theme.getByRole('radio', { name: colorScheme }).click();
    await expect(theme.getByRole('radio', { name: colorScheme })).toBeChecked();
    const chosen = await paintOf(theme.getByRole('radio', { name: colorScheme }));
    const other = await paintOf(theme.getByRole('radio', { name: 'Follow the system' }));
    expect(chosen.contrast).toBeGreaterThanOrEqual(4.5);
    expect(chosen.background).not.toBe(other.background);
  });
}

test('the screen check catches a labelled control painted in its background colour, and one with no text', async ({
  page,
}) => {
  await page.setContent(`
    <div style="background:#fff">
      <button style="background:#fff;color:#fff;border:1px solid #ddd">Remote connect</button>
      <button aria-label="Close"></button>
      <button style="background:#1b1f26;color:#0d1117">Dark on dark</button>
      <button style="background:#2f6fed;color:#fff">Readable</button>
      <a href="#x" style="color:#2f6fed">A link</a>
    </div>`);
  const problems = await invisibleControls(page);
  expect(problems).toEqual([
    expect.stringMatching(
      /^button "Remote connect": its text is rgb\(255, 255, 255\) on rgb\(255, 255, 255\)/,
    ),
    'button "Close": shows no text',
    expect.stringMatching(/^button "Dark on dark": its text is rgb\(13, 17, 23\) on rgb\(27, 31, 38\)/),
  ]);
});
