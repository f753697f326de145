import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { electronBinary } from '../../electron/binary';
import type { ShellProbe } from '../../electron/main/test-probe';
import { repoRoot } from '../support/web-process';

/**
 * The Electron smoke test: the built app (`npm run build`, unpackaged, so the release fuses do not
 * apply and Playwright may attach) in the demo workspace. It runs wherever an Electron binary is
 * installed (`npx install-electron`) and a display exists (`xvfb-run` on headless Linux), and reports
 * itself skipped, with the reason, where not, as on machines that reach only the npm registry.
 *
 * What it relies on beyond the shell (the demo workspace, issue 7): `--demo` starts the NinjaOne
 * simulator inside the core and connects the NinjaOne connection to it (which makes its origin the
 * trusted one), and the sync engine or relay client hands new alerts to
 * `core.notifier.alertsTriggered` and calls `core.openAlertCounts.alertsChanged()`.
 */
const binary = electronBinary(repoRoot);
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const skipReason = !binary
  ? 'SKIPPED: no Electron binary (node_modules/electron/dist is missing; this machine reaches only the npm registry). Run `npx install-electron` where GitHub downloads work to run the Electron smoke test.'
  : noDisplay
    ? 'SKIPPED: no display for Electron; run the tests under `xvfb-run -a npm test`.'
    : null;
if (skipReason) process.stderr.write(`[electron smoke] ${skipReason}\n`);

test.describe.configure({ mode: 'serial' });
test.skip(skipReason !== null, skipReason ?? '');

let app: ElectronApplication;
let page: Page;
let userData: string;

type ProbeState = Omit<ShellProbe, 'crashCore'>;

/** What main's test probe recorded so far (see electron/main/test-probe.ts). */
async function probe<T>(read: (state: ProbeState) => T): Promise<T> {
  const state = await app.evaluate((): ProbeState => {
    const { coreStatus, tray, notifications, opened } = (
      globalThis as unknown as { __algaConsoleProbe: ShellProbe }
    ).__algaConsoleProbe;
    return { coreStatus, tray, notifications, opened };
  });
  return read(state);
}

test.beforeAll(async () => {
  await promisify(execFile)('npm', ['run', 'build'], { cwd: repoRoot });
  userData = mkdtempSync(join(tmpdir(), 'alga-electron-'));
  app = await electron.launch({
    executablePath: binary!,
    args: [join(repoRoot, 'out', 'main', 'index.js'), '--demo', '--disable-gpu'],
    env: {
      ...process.env,
      ALGA_CONSOLE_USER_DATA: userData,
      ALGA_CONSOLE_TEST_PROBE: '1',
      ALGA_CONSOLE_STRICT: '1',
    },
    timeout: 60_000,
  });
  page = await app.firstWindow();
});

test.afterAll(async () => {
  await app?.close();
  if (userData) rmSync(userData, { recursive: true, force: true });
});

test('opens one sandboxed window served from app:// with the CSP header', async () => {
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible({ timeout: 60_000 });
  expect(page.url()).toMatch(/^app:\/\/console\/index\.html/);
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(
    await page.evaluate(() => Object.keys((globalThis as { consoleApi?: object }).consoleApi ?? {}).sort()),
  ).toEqual(['connect', 'onCoreStatus', 'onNavigate']);
  const csp = await page.evaluate(() =>
    fetch('app://console/index.html').then((r) => r.headers.get('content-security-policy')),
  );
  expect(csp).toContain("default-src 'none'");
});

test('the tray shows the open-alert state', async () => {
  await expect
    .poll(() => probe((p) => p.tray?.icon), { timeout: 60_000 })
    .toMatch(/^(clear|major|critical)$/);
  expect(await probe((p) => p.tray?.tooltip)).toContain('Alga Technician Console');
});

test('a native notification follows an alert the simulator triggers', async () => {
  await expect.poll(() => probe((p) => p.notifications.length), { timeout: 90_000 }).toBeGreaterThan(0);
  const [first] = await probe((p) => p.notifications);
  expect(first!.title).toMatch(/new alerts|: /);
  await expect.poll(() => probe((p) => p.tray?.badgeCount ?? 0), { timeout: 60_000 }).toBeGreaterThan(0);
});

test('Remote connect opens the device dashboard through the gate, on the connected host', async () => {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Assets' }).click();
  await page.locator('[data-row-key]').first().click();
  await page.getByRole('button', { name: 'Remote connect' }).click();
  await expect.poll(() => probe((p) => p.opened.filter((o) => o.purpose === 'remote').length)).toBe(1);
  const [opened] = await probe((p) => p.opened.filter((o) => o.purpose === 'remote'));
  expect(opened!.url).toMatch(/^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//);
});

test('an alga-console:// link from a second launch routes to the running window', async () => {
  const second = spawn(binary!, [join(repoRoot, 'out', 'main', 'index.js'), 'alga-console://open/device/1'], {
    env: { ...process.env, ALGA_CONSOLE_USER_DATA: userData },
    stdio: 'ignore',
  });
  await new Promise((resolve) => second.once('exit', resolve));
  await expect
    .poll(() => page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash))
    .toBe('#/assets/1');
});

test('shows a reconnecting banner while the core restarts, then works again', async () => {
  await app.evaluate(() =>
    (globalThis as unknown as { __algaConsoleProbe: ShellProbe }).__algaConsoleProbe.crashCore(),
  );
  await expect(page.getByTestId('core-reconnecting')).toBeVisible();
  await expect(page.getByTestId('core-reconnecting')).toBeHidden({ timeout: 30_000 });
  await expect(page.locator('[data-row-key]').first()).toBeVisible();
});
