import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import axe from 'axe-core';
import { startWebProcess, type WebProcess } from '../support/web-process';

/**
 * The relay rules editor on the demo workspace (`npm run web -- --demo`, which runs a relay with an
 * admin token): conditions offered from the fleet, the preview on the last 7 days, saving in one
 * step; and the Settings section list, from the mouse and from the keyboard alone.
 */
let dir: string;
let web: WebProcess;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alga-e2e-rules-'));
  web = await startWebProcess(['--db', join(dir, 'demo.db'), '--no-build', '--demo']);
});

test.afterAll(async () => {
  await web?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function openSettings(page: Page, colorScheme: 'light' | 'dark' = 'light'): Promise<void> {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.emulateMedia({ colorScheme });
  await page.goto(web.url);
  // The demo starts its relay once the first sync ended; the rules editor needs it.
  await expect(page.getByRole('contentinfo')).toContainText('Synced', { timeout: 110_000 });
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Settings' }).click();
}

const rulesCard = (page: Page): Locator => page.getByRole('region', { name: 'Alert rules' });
const preview = (form: Locator): Locator => form.getByRole('region', { name: 'Last 7 days with this rule' });

/** "It would have matched 12 alerts of 340 and made 9 tickets" → { matched: 12, tickets: 9 }. */
async function previewCounts(form: Locator): Promise<{ matched: number; of: number; tickets: number }> {
  const status = preview(form).getByRole('status');
  // Read and parse in one retried step: a live refresh may show "Looking at…" between two reads.
  const counts = /matched (\d+) alerts? of (\d+) and made (\d+) tickets?/;
  let text = '';
  await expect
    .poll(async () => {
      text = (await status.textContent()) ?? '';
      return counts.test(text);
    })
    .toBe(true);
  const [, matched, of, tickets] = counts.exec(text)!;
  return { matched: Number(matched), of: Number(of), tickets: Number(tickets) };
}

test('pick a condition seen in the fleet, see what it would have done this week, save it in one step', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openSettings(page);
  await page
    .getByRole('navigation', { name: 'Settings sections' })
    .getByRole('link', { name: 'Rules' })
    .click();
  await expect(page.getByRole('group', { name: 'Rules' })).toBeFocused();
  await expect(page).toHaveURL(/#\/settings\/rules$/);

  const card = rulesCard(page);
  await card.getByRole('button', { name: 'Add rule' }).click();
  const form = card.getByRole('form', { name: 'New rule' });
  await form.getByRole('textbox', { name: 'Rule name' }).fill('Disk space tickets');

  // Choices come from the fleet, in a technician's words, never NinjaOne's codes.
  const condition = form.getByRole('combobox', { name: 'Condition' });
  // The choices arrive with the editor's query: wait for the option rather than read the list once.
  const diskOption = condition.locator('option', { hasText: /^Disk free space < 10%/ });
  await expect(diskOption).toHaveText(/^Disk free space < 10% \(Disk Free Space\) · \d+ this week$/);
  const disk = (await diskOption.textContent())!;
  const classes = form.getByRole('group', { name: 'Device class (none checked: any)' });
  await expect(
    classes.getByRole('checkbox', { name: /^Windows workstation \(\d+ devices\)$/ }),
  ).toBeVisible();
  await expect(classes).not.toContainText('WINDOWS_');
  await expect(
    form
      .getByRole('listbox', { name: /Organizations/ })
      .locator('option')
      .first(),
  ).toHaveText(/^.+ · \d+ devices?$/);

  const everything = await previewCounts(form);
  expect(everything.matched).toBe(everything.of);
  await condition.selectOption({ label: disk });
  await expect(preview(form).getByRole('status')).not.toContainText(`matched ${everything.of} alerts`);
  const diskOnly = await previewCounts(form);
  expect(diskOnly.matched).toBeGreaterThan(0);
  expect(diskOnly.matched).toBeLessThan(everything.matched);
  expect(diskOnly.tickets).toBeGreaterThan(0);
  expect(diskOnly.tickets).toBeLessThanOrEqual(diskOnly.matched);
  await expect(
    preview(form)
      .getByRole('list', { name: 'Alerts the rule would have matched' })
      .getByRole('listitem')
      .first(),
  ).toContainText(/→ (new ticket|comment \(flapping\)).*Disk free space < 10%/);

  // Narrowing to one severity the condition never has leaves nothing.
  await form.getByRole('checkbox', { name: /^Minor/ }).check();
  await expect(preview(form).getByRole('status')).toContainText('It would have matched 0 alerts');
  await form.getByRole('checkbox', { name: /^Minor/ }).uncheck();
  await expect(preview(form).getByRole('status')).toContainText(`matched ${diskOnly.matched} alert`);

  await page.screenshot({ path: test.info().outputPath('rules-editor-light.png') });
  await form.getByRole('button', { name: 'Save rule' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rules saved (version 1)' })).toBeVisible();
  await expect(form).toBeHidden();
  const list = card.getByRole('list', { name: 'Alert rules' });
  await expect(list).toContainText('1. Disk space tickets → Create a ticket');
  await expect(list).toContainText('condition Disk free space < 10%');
});

test('the rules editor in dark, and axe finds nothing serious in Settings in either theme', async ({
  page,
}) => {
  test.setTimeout(180_000);
  for (const colorScheme of ['light', 'dark'] as const) {
    await openSettings(page, colorScheme);
    await rulesCard(page).getByRole('button', { name: 'Edit Disk space tickets' }).click();
    const form = rulesCard(page).getByRole('form', { name: 'Edit rule Disk space tickets' });
    await expect(form.getByRole('combobox', { name: 'Condition' })).toHaveValue('Disk free space < 10%');
    await previewCounts(form);
    await form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath(`rules-editor-${colorScheme}.png`) });
    await page.evaluate(axe.source);
    // Page code as a string: the tests are type-checked for Node, without the DOM.
    const results = (await page.evaluate(
      "axe.run(document, { resultTypes: ['violations'] })",
    )) as axe.AxeResults;
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(serious, colorScheme).toEqual([]);
  }
});

const focused = (target: Locator): Promise<boolean> =>
  target.evaluate((el: { matches(selector: string): boolean }) => el.matches(':focus'));

/** Presses Tab (or Shift+Tab) until the target has the focus, failing after `limit` presses. */
async function tabTo(
  page: Page,
  target: Locator,
  key: 'Tab' | 'Shift+Tab' = 'Tab',
  limit = 80,
): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await focused(target)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${target.toString()}`);
}

test('the keyboard alone jumps between sections and writes, previews and saves a rule', async ({ page }) => {
  test.setTimeout(180_000);
  await openSettings(page);
  const sections = page.getByRole('navigation', { name: 'Settings sections' });
  await tabTo(page, sections.getByRole('link', { name: 'Rules' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('group', { name: 'Rules' })).toBeFocused();
  await expect(page).toHaveURL(/#\/settings\/rules$/);
  await expect(rulesCard(page)).toBeInViewport();

  const card = rulesCard(page);
  await tabTo(page, card.getByRole('button', { name: 'Add rule' }));
  await page.keyboard.press('Enter');
  const form = card.getByRole('form', { name: 'New rule' });
  await tabTo(page, form.getByRole('textbox', { name: 'Rule name' }));
  await page.keyboard.type('Critical servers');
  await tabTo(page, form.getByRole('checkbox', { name: /^Critical/ }));
  await page.keyboard.press('Space');
  await tabTo(page, form.getByRole('checkbox', { name: /^Windows server/ }));
  await page.keyboard.press('Space');
  await expect(form.getByRole('checkbox', { name: /^Windows server/ })).toBeChecked();
  await expect(preview(form).getByRole('status')).toContainText('It would have matched');
  const counts = await previewCounts(form);
  expect(counts.matched).toBeLessThan(counts.of);
  await tabTo(page, form.getByRole('button', { name: 'Save rule' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /Rules saved \(version \d+\)/ })).toBeVisible();
  const list = card.getByRole('list', { name: 'Alert rules' });
  await expect(list).toContainText('Critical servers → Create a ticket');
  await expect(list).toContainText('Critical · Windows server');

  // Back up to the section list and on to another section; the next Tab continues inside it.
  await tabTo(page, sections.getByRole('link', { name: 'Appearance' }), 'Shift+Tab', 200);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('group', { name: 'Appearance' })).toBeFocused();
  await expect(page.getByRole('radiogroup', { name: 'Theme' })).toBeInViewport();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: 'Follow the system' })).toBeFocused();
});
