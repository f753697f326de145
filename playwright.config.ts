import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './test/support/chromium';

/**
 * Browser end-to-end tests: Debian's Chromium (no browser download) against `npm run web` with the
 * real core. One worker: the machine has two cores and each test starts its own core process.
 * The `electron` project is the Electron smoke test; it skips itself, saying why, where no Electron
 * binary or display exists.
 */
export default defineConfig({
  outputDir: 'test-results/e2e',
  projects: [
    { name: 'web', testDir: 'test/e2e' },
    { name: 'electron', testDir: 'test/electron' },
  ],
  globalSetup: './test/e2e/global-setup.ts',
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    launchOptions: chromiumLaunchOptions,
    trace: 'retain-on-failure',
  },
});
