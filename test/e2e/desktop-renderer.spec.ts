import { expect, test, type Page } from '@playwright/test';
import type { CoreStatus } from '../../src/shared/bridge';
import type { NavigationTarget } from '../../src/shared/navigation';
import { startSeededWebProcess, type WebProcess } from '../support/web-process';

/**
 * The renderer as the Electron app runs it, in Chromium, behind a stand-in for the preload's bridge
 * (window.consoleApi) whose connections are WebSockets to a real core: the reconnecting banner and
 * navigation requests, without the Electron binary.
 */
let web: WebProcess;

test.beforeAll(async () => {
  web = await startSeededWebProcess(300, 5);
});

test.afterAll(async () => {
  await web?.stop();
});

/** Plays the preload: connect() opens a WebSocket to the core; status and navigation are driven by the test. */
async function installFakeBridge(page: Page): Promise<void> {
  await page.addInitScript(
    ({ token }) => {
      type Listener<T> = (value: T) => void;
      const statusListeners = new Set<Listener<unknown>>();
      const navigateListeners = new Set<Listener<unknown>>();
      const sockets: WebSocket[] = [];
      let status: unknown = { state: 'ready' };
      const g = globalThis as unknown as Record<string, unknown> & {
        location: { origin: string; hash: string };
      };
      g.__bridge = {
        connects: () => sockets.length,
        dropConnections: () => sockets.forEach((s) => s.close()),
        emitStatus: (next: unknown) => {
          status = next;
          statusListeners.forEach((l) => l(next));
        },
        navigate: (target: unknown) => navigateListeners.forEach((l) => l(target)),
      };
      g.consoleApi = {
        connect() {
          const socket = new WebSocket(`${g.location.origin.replace('http', 'ws')}/rpc?token=${token}`);
          sockets.push(socket);
          const queue: string[] = [];
          socket.addEventListener('open', () => queue.splice(0).forEach((f) => socket.send(f)));
          return {
            send: (frame: unknown) =>
              socket.readyState === WebSocket.OPEN
                ? socket.send(JSON.stringify(frame))
                : queue.push(JSON.stringify(frame)),
            onFrame: (listener: Listener<unknown>) => {
              const handler = (e: MessageEvent): void => listener(JSON.parse(String(e.data)));
              socket.addEventListener('message', handler);
              return () => socket.removeEventListener('message', handler);
            },
            onClose: (listener: () => void) => {
              socket.addEventListener('close', listener);
              return () => socket.removeEventListener('close', listener);
            },
            close: () => socket.close(),
          };
        },
        onCoreStatus(listener: Listener<unknown>) {
          statusListeners.add(listener);
          listener(status);
          return () => statusListeners.delete(listener);
        },
        onNavigate(listener: Listener<unknown>) {
          navigateListeners.add(listener);
          return () => navigateListeners.delete(listener);
        },
      };
    },
    { token: web.token },
  );
}

const bridge = {
  connects: (page: Page) =>
    page.evaluate(() => (globalThis as unknown as { __bridge: { connects(): number } }).__bridge.connects()),
  drop: (page: Page) =>
    page.evaluate(() =>
      (globalThis as unknown as { __bridge: { dropConnections(): void } }).__bridge.dropConnections(),
    ),
  status: (page: Page, status: CoreStatus) =>
    page.evaluate(
      (s) => (globalThis as unknown as { __bridge: { emitStatus(s: unknown): void } }).__bridge.emitStatus(s),
      status,
    ),
  navigate: (page: Page, target: NavigationTarget) =>
    page.evaluate(
      (t) => (globalThis as unknown as { __bridge: { navigate(t: unknown): void } }).__bridge.navigate(t),
      target,
    ),
};

test('a core restart shows the reconnecting banner, then a new connection and fresh data', async ({
  page,
}) => {
  await installFakeBridge(page);
  await page.goto(`${web.origin}/#/assets`);
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
  await expect(page.locator('[data-row-key]').first()).toBeVisible();
  expect(await bridge.connects(page)).toBe(1);

  await bridge.drop(page);
  await bridge.status(page, {
    state: 'restarting',
    attempt: 2,
    retryAt: Date.now() + 1000,
    reason: 'exit code 1',
  });
  const banner = page.getByTestId('core-reconnecting');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Reconnecting, attempt 2');
  await expect(page.locator('[data-row-key]').first()).toBeVisible();

  await bridge.status(page, { state: 'ready' });
  await expect(banner).toBeHidden();
  expect(await bridge.connects(page)).toBe(2);
  await page.getByRole('searchbox', { name: 'Search devices' }).fill('srv');
  await expect(page.locator('[data-row-key]').first()).toContainText(/srv/i);
  await expect(page.getByRole('contentinfo')).toContainText('300 devices cached');
});

test('a core that cannot start says why, and navigation requests become routes', async ({ page }) => {
  await installFakeBridge(page);
  await page.goto(web.origin);
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
  await bridge.status(page, {
    state: 'failed',
    code: 'cache_too_new',
    message: 'The cache was written by a newer version of the console.',
  });
  await expect(page.getByTestId('core-failed')).toHaveText(
    "The console's background service could not start: The cache was written by a newer version of the console.",
  );
  const hash = (): Promise<string> =>
    page.evaluate(() => (globalThis as unknown as { location: { hash: string } }).location.hash);
  await bridge.navigate(page, { kind: 'alert', uid: 'a1b2-c3' });
  await expect.poll(hash).toBe('#/alerts/a1b2-c3');
  await bridge.navigate(page, { kind: 'alerts', organizationId: 4 });
  await expect.poll(hash).toBe('#/alerts');
  await expect(page.getByLabel('Organization')).toHaveValue('4');
  await bridge.navigate(page, { kind: 'device', id: 7 });
  await expect.poll(hash).toBe('#/assets/7');
  await expect(page.getByRole('complementary', { name: 'Device detail' })).toBeVisible();
  await bridge.navigate(page, { kind: 'ticket', id: '9' });
  await expect.poll(hash).toBe('#/tickets/9');
  await expect(page.getByRole('complementary', { name: 'Ticket detail' })).toBeVisible();
  // A PSA ticket number rather than a local id opens the list.
  await bridge.navigate(page, { kind: 'ticket', id: 'T-9' });
  await expect.poll(hash).toBe('#/tickets');
});

test('Remote connect in the device detail asks the core, which says NinjaOne is not connected yet', async ({
  page,
}) => {
  await page.goto(web.url);
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Assets' }).click();
  await page.locator('[data-row-key]').first().click();
  const detail = page.getByRole('complementary', { name: 'Device detail' });
  await detail.getByRole('button', { name: 'Remote connect' }).click();
  await expect(page.getByText('The console is not connected to NinjaOne. Connect it first.')).toBeVisible();
});
