import { expect, test, type Page } from '@playwright/test';
import { goTo, openDemo, startDemoWeb } from '../support/demo-console';
import { connectClient } from '../support/rpc-ws-client';
import { invisibleControls, lookAtScreen, paintOf } from '../support/screen-checks';
import type { WebProcess } from '../support/web-process';

/**
 * Every view, detail and dialog of the demo workspace, light and dark, at 1440x900 and 1024x700:
 * screenshots attached to the report, no serious or critical axe-core violation (colour contrast
 * included), and no control that shows nothing readable.
 */
let web: WebProcess;

test.beforeAll(async () => {
  web = await startDemoWeb('screens');
  // A ticket, so the ticket detail has something to show.
  const rpc = await connectClient(web.origin, web.token);
  try {
    // The demo maps the organizations whose names match a PSA client exactly, once its first sync
    // is done; until then, and for the others, a ticket is refused.
    await expect
      .poll(
        async () => {
          const { items } = await rpc.call('alerts.list', { filter: { states: ['open'] }, limit: 100 });
          const outcomes = await Promise.allSettled(
            items.map((a) => rpc.call('tickets.create', { source: { kind: 'alert', alertUid: a.uid } })),
          );
          return outcomes.some((o) => o.status === 'fulfilled');
        },
        { timeout: 60_000, intervals: [1000] },
      )
      .toBe(true);
  } finally {
    rpc.close();
  }
});

test.afterAll(async () => {
  await web?.stop();
});

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
      await openDemo(page, web);
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
    await openDemo(page, web);
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
