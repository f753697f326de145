import { join, resolve } from 'node:path';
import { app, type BrowserWindow } from 'electron';
import { createLogger } from '../../src/core/log/logger';
import { bridgeChannels, type CoreStatus } from '../../src/shared/bridge';
import { defaultDesktopPreferences, type DesktopPreferences } from '../../src/shared/contract/desktop';
import type { OutputOf } from '../../src/shared/rpc/define';
import type { Procedures } from '../../src/shared/contract';
import type { NotificationPreferences } from '../../src/shared/contract/notifications';
import { deepLinkFromArgv, parseDeepLink } from '../../src/shared/deep-link';
import type { NavigationTarget } from '../../src/shared/navigation';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { CoreLink } from './core-client';
import { CoreSupervisor } from './core-process';
import { listenForOpenUrl, registerDeepLinkScheme, takeSingleInstanceLock } from './deep-links';
import { ExternalUrlGate, openInSystemBrowser } from './external-opener';
import { TrustedIpc } from './ipc';
import { applyStartAtLogin, startHiddenFlag } from './login-item';
import { createMainWindow, showWindow } from './main-window';
import { NativeNotifications } from './notifications';
import { appEntryUrl, appOrigin } from './renderer-files';
import { saveExport } from './save-export';
import { installTestProbe } from './test-probe';
import { TrayService } from './tray';
import { computeTrayState } from './tray-state';
import { installWebGuards } from './web-guards';

/**
 * The Electron main process: lifecycle, the window, the tray, native notifications, deep links and
 * the one URL gate. The core (cache, sync, NinjaOne, PSA) runs in a utilityProcess that main
 * supervises; main never opens the cache or talks to an API itself, so the window never freezes.
 */
const appId = 'com.alga.technician-console';
const here = import.meta.dirname;
const logger = createLogger({ fields: { proc: 'main' } });

// A separate data directory (tests, side-by-side profiles) also means a separate single-instance lock.
if (process.env.ALGA_CONSOLE_USER_DATA) app.setPath('userData', resolve(process.env.ALGA_CONSOLE_USER_DATA));
registerAppScheme();

// Development only: a packaged app never loads its page from a URL found in the environment.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const devServerOrigin = devServerUrl ? new URL(devServerUrl).origin : null;
const trustedOrigin = devServerOrigin ?? appOrigin;
const resourceDir = app.isPackaged ? process.resourcesPath : join(here, '..', '..', 'resources');

let window: BrowserWindow | null = null;
let tray: TrayService | null = null;
let quitting = false;
let desktopPreferences: DesktopPreferences = defaultDesktopPreferences;
let appliedStartAtLogin: boolean | null = null;
let alertCounts: OutputOf<Procedures, 'alerts.counts'> | null = null;
let pausedUntil: number | null = null;
let pauseEndTimer: ReturnType<typeof setTimeout> | null = null;
let pendingNavigation: NavigationTarget | null = null;
const windowIds = new Set<number>();

const supervisor = new CoreSupervisor({
  entry: join(here, 'core.js'),
  // The demo workspace keeps its own cache file, so it never mixes with a real account's data.
  cachePath: join(app.getPath('userData'), process.argv.includes('--demo') ? 'demo.db' : 'cache.db'),
  demo: process.argv.includes('--demo'),
  logger,
  onStatus: coreStatusChanged,
  onRequest: (message) => {
    if (message.type === 'trusted-origins') return gate.setTrustedOrigins(message.origins);
    void gate
      .open(message.url, message.purpose)
      .then((error) => supervisor.post({ type: 'open-external-result', id: message.id, error }));
  },
});
const probe = installTestProbe(() => supervisor.crash());
const gate = new ExternalUrlGate(
  logger,
  probe
    ? (url, purpose) => {
        probe.opened.push({ url, purpose });
        return Promise.resolve();
      }
    : openInSystemBrowser,
);
const notifications = new NativeNotifications(navigate, logger, join(resourceDir, 'icon.png'));
const coreLink = new CoreLink(
  {
    'notifications.show': (notification) => {
      probe?.notifications.push(notification);
      notifications.show(notification);
    },
    'alerts.countsChanged': (counts) => {
      alertCounts = counts;
      renderTray();
    },
    'notifications.preferencesChanged': followNotificationPreferences,
    'desktop.preferencesChanged': followDesktopPreferences,
  },
  logger,
);

function renderTray(): void {
  const state = computeTrayState({
    counts: alertCounts && { critical: alertCounts.bySeverity.CRITICAL, major: alertCounts.bySeverity.MAJOR },
    notificationsPausedUntil: pausedUntil,
    core: supervisor.status.state,
    now: Date.now(),
    formatTime: (ms) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
  });
  tray?.render(state);
  if (probe) probe.tray = state;
}

function followNotificationPreferences(preferences: NotificationPreferences): void {
  pausedUntil = preferences.pausedUntil;
  if (pauseEndTimer) clearTimeout(pauseEndTimer);
  pauseEndTimer = null;
  const remaining = pausedUntil === null ? 0 : pausedUntil - Date.now();
  // The tray says "paused until 14:32" and must stop saying so at 14:32.
  if (remaining > 0) pauseEndTimer = setTimeout(renderTray, Math.min(remaining + 500, 2 ** 31 - 1));
  renderTray();
}

function followDesktopPreferences(preferences: DesktopPreferences): void {
  desktopPreferences = preferences;
  if (appliedStartAtLogin === preferences.startAtLogin) return;
  appliedStartAtLogin = preferences.startAtLogin;
  applyStartAtLogin(preferences.startAtLogin, logger);
}

function coreStatusChanged(status: CoreStatus): void {
  if (probe) probe.coreStatus = status;
  if (window && !window.isDestroyed()) window.webContents.send(bridgeChannels.status, status);
  if (status.state === 'ready') void connectMainToCore();
  renderTray();
}

/** Main's own connection: the events the tray and notifications follow, and the calls they make. */
async function connectMainToCore(): Promise<void> {
  const port = supervisor.connect();
  if (!port) return;
  coreLink.attach(port);
  const [counts, notificationPreferences, desktop] = await Promise.all([
    coreLink.call('alerts.counts', {}),
    coreLink.call('notifications.getPreferences', {}),
    coreLink.call('desktop.getPreferences', {}),
  ]);
  if (counts) alertCounts = counts;
  if (notificationPreferences) followNotificationPreferences(notificationPreferences);
  if (desktop) followDesktopPreferences(desktop);
  renderTray();
}

function makeWindow(): BrowserWindow {
  const win = createMainWindow({
    preload: join(here, '..', 'preload', 'index.cjs'),
    entryUrl: devServerUrl ?? appEntryUrl,
    icon: join(resourceDir, 'icon.png'),
    keepInTray: () => !quitting && desktopPreferences.closeToTray,
    logger,
  });
  const id = win.webContents.id;
  windowIds.add(id);
  win.webContents.on('did-finish-load', () => {
    if (!pendingNavigation) return;
    win.webContents.send(bridgeChannels.navigate, pendingNavigation);
    pendingNavigation = null;
  });
  win.on('closed', () => {
    windowIds.delete(id);
    window = null;
  });
  return win;
}

function openWindow(): BrowserWindow {
  if (!window || window.isDestroyed()) window = makeWindow();
  showWindow(window);
  return window;
}

/** A notification click or a deep link: show the window on that alert, device or ticket. */
function navigate(target: NavigationTarget): void {
  if (!app.isReady()) {
    pendingNavigation = target;
    return;
  }
  const win = openWindow();
  if (win.webContents.isLoading()) pendingNavigation = target;
  else win.webContents.send(bridgeChannels.navigate, target);
}

function openDeepLink(link: string): void {
  const target = parseDeepLink(link);
  if (!target) {
    logger.warn('ignored an alga-console link that is not an allowed action', { length: link.length });
    return;
  }
  navigate(target);
}

function registerIpc(): void {
  const ipc = new TrustedIpc({ origin: trustedOrigin, webContentsIds: windowIds }, logger);
  ipc.on(bridgeChannels.connect, (event, requestId) => {
    if (typeof requestId !== 'number' || !Number.isSafeInteger(requestId)) return;
    const port = supervisor.connect();
    // No port while the core is down: the page's client fails fast and reconnects when it is back.
    event.sender.postMessage(bridgeChannels.port, requestId, port ? [port] : []);
  });
  ipc.handle(bridgeChannels.status, () => supervisor.status);
  ipc.handle(bridgeChannels.saveExport, (_event, payload) => saveExport(payload, window, coreLink));
}

function ready(): void {
  if (process.platform === 'win32') app.setAppUserModelId(appId);
  if (!devServerUrl) serveRenderer(join(here, '..', 'renderer'));
  installWebGuards({ trustedOrigin, gate, logger, devServerOrigin });
  // Registering changes the desktop's default handler: not from a test run.
  if (!probe) registerDeepLinkScheme();
  registerIpc();
  tray = new TrayService(
    join(resourceDir, 'tray'),
    {
      open: () => openWindow(),
      syncNow: () => void coreLink.call('sync.now', {}),
      pauseNotifications: () =>
        void coreLink.call('notifications.setPreferences', { pausedUntil: Date.now() + 3_600_000 }),
      resumeNotifications: () => void coreLink.call('notifications.setPreferences', { pausedUntil: null }),
      quit: () => {
        quitting = true;
        app.quit();
      },
    },
    () => window,
  );
  supervisor.start();
  const coldStartLink = deepLinkFromArgv(process.argv);
  if (coldStartLink) openDeepLink(coldStartLink);
  else if (!process.argv.includes(startHiddenFlag)) openWindow();
}

function main(): void {
  const primary = takeSingleInstanceLock((argv) => {
    const link = deepLinkFromArgv(argv);
    if (link) openDeepLink(link);
    else openWindow();
  });
  if (!primary) {
    app.quit();
    return;
  }
  listenForOpenUrl(openDeepLink);
  app.on('before-quit', () => {
    quitting = true;
    supervisor.stop();
    tray?.destroy();
  });
  app.on('window-all-closed', () => {
    if (quitting || !desktopPreferences.closeToTray) app.quit();
  });
  app.on('activate', () => openWindow());
  void app.whenReady().then(ready);
}

main();
