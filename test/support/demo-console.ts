import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { startWebProcess, type WebProcess } from './web-process';

/** `npm run web -- --demo` on a fresh cache file; `stop` also removes it. */
export async function startDemoWeb(name: string): Promise<WebProcess> {
  const dir = mkdtempSync(join(tmpdir(), `alga-e2e-${name}-`));
  const web = await startWebProcess(['--db', join(dir, 'demo.db'), '--no-build', '--demo']);
  return {
    ...web,
    stop: async () => {
      await web.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens the console on the demo and waits for its first sync to have filled the dashboard. */
export async function openDemo(page: Page, web: WebProcess): Promise<void> {
  await page.goto(web.url);
  await expect(
    page.getByRole('region', { name: 'Devices' }).getByRole('button', { name: /^Total: 2,000$/ }),
  ).toBeVisible({ timeout: 60_000 });
}

export async function goTo(page: Page, view: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: view }).click();
  await expect(page.getByRole('heading', { level: 1, name: view })).toBeVisible();
}
