import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../test/support/chromium';
import { repoRoot, startWebProcess } from '../test/support/web-process';

/**
 * `npm run screenshots`: the README's and docs' pictures, taken from the demo workspace
 * (`npm run web -- --demo`) in Chromium, light and dark, at a laptop's size.
 * Run it again after changing a view; a test checks that it runs and that every image it names exists.
 */

export const viewport = { width: 1280, height: 800 };
const schemes = ['light', 'dark'] as const;

interface Shot {
  name: string;
  /** Brings the page from the dashboard to what the picture shows. */
  show(page: Page): Promise<void>;
}

async function openView(page: Page, view: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: view }).click();
  await page.getByRole('heading', { level: 1, name: view }).waitFor();
}

async function settled(page: Page): Promise<void> {
  // Page code as strings: this file is type-checked for Node, without the DOM.
  await page.waitForFunction("!document.body.innerText.includes('Loading…')");
  // A picture of the view, not of a first-run prompt above it.
  for (const prompt of [
    page.getByRole('region', { name: 'Browser notifications' }),
    page.getByRole('form', { name: 'Your name' }),
  ])
    if (await prompt.isVisible()) throw new Error('A first-run prompt is still open over the view.');
  // Let virtual lists measure and transitions end before the picture.
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
}

/** The name the pictures' technician signs with, instead of the account that ran the script. */
const technician = 'Sam Rivera';

/**
 * The first-run prompts answered as a technician would, so the pictures show the views rather than
 * the prompts above them. Browser notifications are declined ("Not now", kept per browser profile,
 * so in every context); the name is given once, and the core keeps it for the contexts after.
 */
async function answerPrompts(page: Page, askName: boolean): Promise<void> {
  const notifications = page.getByRole('region', { name: 'Browser notifications' });
  await notifications.getByRole('button', { name: 'Not now' }).click();
  await notifications.waitFor({ state: 'detached' });
  if (!askName) return;
  const prompt = page.getByRole('form', { name: 'Your name' });
  await prompt.getByRole('textbox').fill(technician);
  await prompt.getByRole('button', { name: 'Use this name' }).click();
  await prompt.waitFor({ state: 'detached' });
  const signed = page.getByRole('status').filter({ hasText: `Your actions are signed “${technician}”` });
  await signed.getByRole('button', { name: 'Dismiss' }).click();
  await signed.waitFor({ state: 'detached' });
}

const shots: Shot[] = [
  { name: 'dashboard', show: (page) => openView(page, 'Dashboard') },
  {
    name: 'dashboard-trends',
    show: async (page) => {
      await openView(page, 'Dashboard');
      // The trends count the month of alert history read after the first sync: wait for its bars.
      await page
        .getByRole('region', { name: 'Noisiest this week' })
        .getByText(/flapping/)
        .first()
        .waitFor({ timeout: 120_000 });
      await page.getByRole('region', { name: 'Patch compliance, last 30 days' }).scrollIntoViewIfNeeded();
    },
  },
  {
    name: 'assets',
    show: async (page) => {
      await openView(page, 'Assets');
      await page.getByRole('table', { name: 'Devices' }).locator('[data-row-key]').first().waitFor();
    },
  },
  {
    name: 'assets-bulk',
    show: async (page) => {
      await openView(page, 'Assets');
      const rows = page.getByRole('table', { name: 'Devices' }).locator('[data-row-key]');
      for (let i = 0; i < 3; i++) await rows.nth(i).getByRole('checkbox', { name: 'Select device' }).check();
      await page.getByRole('toolbar', { name: 'Bulk actions' }).getByText('3 selected').waitFor();
    },
  },
  {
    name: 'alerts',
    show: async (page) => {
      await openView(page, 'Alerts');
      await page.getByRole('table', { name: 'Alerts' }).locator('[data-row-key]').first().waitFor();
    },
  },
  {
    name: 'rules-editor',
    show: async (page) => {
      await openView(page, 'Settings');
      await page
        .getByRole('navigation', { name: 'Settings sections' })
        .getByRole('link', { name: 'Rules' })
        .click();
      await page.getByRole('button', { name: 'Add rule' }).click();
      const form = page.getByRole('form', { name: 'New rule' });
      await form.getByRole('textbox', { name: 'Rule name' }).fill('Disk space tickets');
      const condition = form.getByRole('combobox', { name: 'Condition' });
      // The choices are what the fleet has seen: read from the cache after the form opens.
      const disk = condition.locator('option', { hasText: /^Disk free space/ }).first();
      await disk.waitFor({ state: 'attached' });
      await condition.selectOption({ label: (await disk.textContent())! });
      // The preview follows the choice (after a short pause): some, not all, of the week's alerts.
      await form.getByText(/It would have matched (\d+) alerts? of (?!\1\b)\d+/).waitFor();
    },
  },
];

/** Every file the script writes, e.g. `dashboard-light.png`. */
export const imageNames = shots.flatMap((shot) => schemes.map((scheme) => `${shot.name}-${scheme}.png`));

export async function takeScreenshots(outDir: string): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'alga-screenshots-'));
  const web = await startWebProcess(['--db', join(work, 'demo.db'), '--demo']);
  const browser = await chromium.launch(chromiumLaunchOptions);
  const written: string[] = [];
  let named = false;
  try {
    for (const colorScheme of schemes) {
      const context = await browser.newContext({ viewport, colorScheme });
      const page = await context.newPage();
      await page.goto(web.url);
      // Pictures of the demo after its first full sync, not of a sync half done.
      await page
        .getByRole('contentinfo')
        .getByText(/^Synced (?!never)/)
        .waitFor({ timeout: 180_000 });
      await answerPrompts(page, !named);
      named = true;
      for (const shot of shots) {
        await shot.show(page);
        await settled(page);
        const path = join(outDir, `${shot.name}-${colorScheme}.png`);
        await page.screenshot({ path });
        written.push(path);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await web.stop();
    rmSync(work, { recursive: true, force: true });
  }
  return written;
}

if (import.meta.filename === process.argv[1]) {
  const { values } = parseArgs({
    options: { out: { type: 'string', default: join(repoRoot, 'docs/images') } },
  });
  const written = await takeScreenshots(resolve(values.out));
  for (const path of written) console.log(path);
}
