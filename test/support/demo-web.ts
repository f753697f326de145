import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startWebProcess, type WebProcess } from './web-process';

/**
 * One demo workspace (`npm run web -- --demo` on a fresh cache) for the tests of a spec file: started
 * before them, stopped and removed after. `open` loads the console and waits for the demo's fleet.
 */
export function demoWorkspace(name: string): { web(): WebProcess; open(page: Page): Promise<void> } {
  let dir: string;
  let web: WebProcess | undefined;
  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `alga-e2e-${name}-`));
    web = await startWebProcess(['--db', join(dir, 'demo.db'), '--no-build', '--demo']);
  });
  test.afterAll(async () => {
    await web?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    web: () => web!,
    async open(page) {
      await page.goto(web!.url);
      await expect(
        page.getByRole('region', { name: 'Devices' }).getByRole('button', { name: /^Total: 2,000$/ }),
      ).toBeVisible({ timeout: 90_000 });
      // The first full sync has finished (patches, software and alerts come after the devices).
      await expect(page.getByRole('contentinfo').getByText(/^Synced (?!never)/)).toBeVisible({
        timeout: 120_000,
      });
    },
  };
}
