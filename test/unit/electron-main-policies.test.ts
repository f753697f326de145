import { describe, expect, it } from 'vitest';
import { autostartEntry } from '../../electron/main/autostart-entry';
import { developmentCsp, productionCsp } from '../../electron/main/content-security-policy';
import { rendererFileFor } from '../../electron/main/renderer-files';
import { defaultRestartPolicy, nextRestart } from '../../electron/main/restart-backoff';
import { isPermissionAllowed, isTrustedSender, type IpcSenderInfo } from '../../electron/main/trust';

describe('the IPC sender check', () => {
  const trust = { origin: 'app://console', webContentsIds: new Set([7]) };
  const sender = (overrides: Partial<IpcSenderInfo> = {}): IpcSenderInfo => ({
    webContentsId: 7,
    frame: { url: 'app://console/index.html#/assets', isMainFrame: true },
    ...overrides,
  });

  it('trusts the main frame of our window showing our origin', () => {
    expect(isTrustedSender(sender(), trust)).toBe(true);
  });

  it.each<[string, IpcSenderInfo]>([
    ['another webContents (a window main did not create)', sender({ webContentsId: 8 })],
    ['a destroyed or navigated frame', sender({ frame: null })],
    [
      'an iframe of our own origin',
      sender({ frame: { url: 'app://console/index.html', isMainFrame: false } }),
    ],
    [
      'a page that navigated to the web',
      sender({ frame: { url: 'https://evil.example/', isMainFrame: true } }),
    ],
    ['a look-alike app host', sender({ frame: { url: 'app://console.evil/index.html', isMainFrame: true } })],
    [
      'userinfo on the app scheme',
      sender({ frame: { url: 'app://x@console/index.html', isMainFrame: true } }),
    ],
    ['a file: page', sender({ frame: { url: 'file:///tmp/index.html', isMainFrame: true } })],
    ['about:blank', sender({ frame: { url: 'about:blank', isMainFrame: true } })],
    ['an empty URL (Playwright-injected frames)', sender({ frame: { url: '', isMainFrame: true } })],
  ])('refuses %s', (_label, candidate) => {
    expect(isTrustedSender(candidate, trust)).toBe(false);
  });

  it('trusts the Vite dev server origin in development, port included', () => {
    const dev = { origin: 'http://localhost:5173', webContentsIds: new Set([1]) };
    const at = (url: string): IpcSenderInfo => ({ webContentsId: 1, frame: { url, isMainFrame: true } });
    expect(isTrustedSender(at('http://localhost:5173/'), dev)).toBe(true);
    expect(isTrustedSender(at('http://localhost:5174/'), dev)).toBe(false);
    expect(isTrustedSender(at('https://localhost:5173/'), dev)).toBe(false);
  });
});

describe('permission requests', () => {
  it('grants notifications to our page and nothing else to anyone', () => {
    expect(isPermissionAllowed('notifications', 'app://console/index.html', 'app://console')).toBe(true);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'hid'])
      expect(isPermissionAllowed(permission, 'app://console/index.html', 'app://console')).toBe(false);
    expect(isPermissionAllowed('notifications', 'https://evil.example/', 'app://console')).toBe(false);
  });
});

describe('the core restart backoff', () => {
  it('doubles from 500 ms for quick successive crashes and caps at 30 s', () => {
    const delays: number[] = [];
    let attempt = 0;
    for (let i = 0; i < 10; i++) {
      const decision = nextRestart(attempt, 2_000);
      attempt = decision.attempt;
      delays.push(decision.delayMs);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]);
  });

  it('starts over after a core that ran stably for a minute', () => {
    expect(nextRestart(6, defaultRestartPolicy.stableAfterMs)).toEqual({ attempt: 1, delayMs: 500 });
    expect(nextRestart(6, defaultRestartPolicy.stableAfterMs - 1)).toEqual({ attempt: 7, delayMs: 30_000 });
  });

  it('follows a custom policy', () => {
    const policy = { initialDelayMs: 100, factor: 3, maxDelayMs: 1000, stableAfterMs: 10 };
    expect([1, 2, 3, 4].map((n) => nextRestart(n - 1, 0, policy).delayMs)).toEqual([100, 300, 900, 1000]);
  });
});

describe('app:// file mapping', () => {
  const root = '/opt/alga/out/renderer';

  it('serves files under the renderer build, index.html for the root', () => {
    expect(rendererFileFor(root, 'app://console/')).toBe(`${root}/index.html`);
    expect(rendererFileFor(root, 'app://console/index.html#/assets')).toBe(`${root}/index.html`);
    expect(rendererFileFor(root, 'app://console/assets/index-1.js?x=1')).toBe(`${root}/assets/index-1.js`);
  });

  it.each(['app://console/../../etc/passwd', 'app://console/%2e%2e/%2e%2e/etc/passwd'])(
    'keeps dot segments inside the build (the URL parser clamps them at the root): %s',
    (url) => {
      expect(rendererFileFor(root, url)).toBe(`${root}/etc/passwd`);
    },
  );

  it.each([
    'app://console/assets/..%2f..%2f..%2fetc%2fpasswd',
    'app://console/a%5c..%5c..%5cwindows',
    'app://console/index.html%00.png',
    'app://console/%E0%A4%A',
    'app://other/index.html',
    'app://user@console/index.html',
    'file:///opt/alga/out/renderer/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(rendererFileFor(root, url)).toBeNull();
  });
});

describe('the renderer CSP', () => {
  it('allows only the app itself in production: no inline or eval script, no remote origins', () => {
    expect(productionCsp).toContain("default-src 'none'");
    expect(productionCsp).toContain("script-src 'self'");
    expect(productionCsp).toContain("frame-ancestors 'none'");
    expect(productionCsp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|ws:|\*/);
  });

  it('loosens only what the Vite dev server needs in development', () => {
    const dev = developmentCsp('http://localhost:5173');
    expect(dev).toContain("connect-src 'self' ws://localhost:5173");
    expect(dev).not.toContain('unsafe-eval');
  });
});

describe('the Linux autostart entry (start at login)', () => {
  it('starts the console hidden in the tray', () => {
    const entry = autostartEntry('/opt/Alga Technician Console/alga-technician-console');
    expect(entry).toContain('[Desktop Entry]');
    expect(entry).toContain('Exec="/opt/Alga Technician Console/alga-technician-console" --hidden');
  });

  it('quotes what the Exec key would otherwise expand', () => {
    expect(autostartEntry('/home/t/Apps/a"b$c`d\\e.AppImage')).toContain(
      'Exec="/home/t/Apps/a\\"b\\$c\\`d\\\\e.AppImage" --hidden',
    );
  });
});
