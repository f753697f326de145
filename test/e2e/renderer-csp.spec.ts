import { expect, test } from '@playwright/test';
import { productionCsp } from '../../electron/main/content-security-policy';
import config from '../../playwright.config';
import { startSeededWebProcess, type WebProcess } from '../support/web-process';

/**
 * The renderer under the CSP header the app:// protocol sends in Electron: everything it does stays
 * inside the policy, and the policy really blocks what it should.
 */
let web: WebProcess;

test.beforeAll(async () => {
  web = await startSeededWebProcess(300, 5);
});

test.afterAll(async () => {
  await web?.stop();
});

// Responses a test fulfils count as coming from the public internet, so Chromium's Local Network
// Access checks would block the page's WebSocket to loopback; that check is not under test here.
const launchOptions = config.use?.launchOptions ?? {};
test.use({
  launchOptions: {
    ...launchOptions,
    args: [...(launchOptions.args ?? []), '--disable-features=LocalNetworkAccessChecks'],
  },
});

test('the renderer runs without a single violation, and the CSP bites', async ({ page }) => {
  await page.addInitScript(() => {
    const w = globalThis as unknown as { __violations: string[]; document: EventTarget };
    w.__violations = [];
    w.document.addEventListener('securitypolicyviolation', (event) => {
      const e = event as unknown as { violatedDirective: string; blockedURI: string };
      w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  // The same header app:// sends; web mode's WebSocket stands in for Electron's MessagePort.
  const csp = productionCsp.replace(
    "connect-src 'self'",
    `connect-src 'self' ${web.origin.replace('http', 'ws')}`,
  );
  await page.route(`${web.origin}/**`, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
  });
  await page.goto(web.url);
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Assets' }).click();
  await expect(page.locator('[data-row-key]').first()).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search devices' }).fill('srv');
  await expect(page.locator('[data-row-key]').first()).toBeVisible();
  const violations = (): Promise<string[]> =>
    page.evaluate(() => (globalThis as unknown as { __violations: string[] }).__violations);
  expect(await violations()).toEqual([]);

  await page.evaluate(() => {
    const d = (
      globalThis as unknown as {
        document: { createElement(t: string): { textContent: string }; head: { append(n: unknown): void } };
      }
    ).document;
    const script = d.createElement('script');
    script.textContent = '(globalThis).__injected = true';
    d.head.append(script);
  });
  await expect.poll(async () => (await violations()).length).toBeGreaterThan(0);
  // Reported once per policy that blocked it (the header, and index.html's own meta tag).
  for (const violation of await violations()) expect(violation).toBe('script-src-elem inline');
  expect(await page.evaluate(() => (globalThis as { __injected?: boolean }).__injected)).toBeUndefined();
});
