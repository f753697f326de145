import { join } from 'node:path';
import { app, type BrowserWindow } from 'electron';
import type { Logger } from '../../src/node/logger';
import { bridgeChannels, type CoreStatus } from '../../src/shared/bridge';
import { defaultDesktopPreferences, type DesktopPreferences } from '../../src/shared/contract/desktop';
import type { OutputOf } from '../../src/shared/rpc/define';
import type { Procedures } from '../../src/shared/contract';
import type { NotificationPreferences } from '../../src/shared/contract/notifications';
import { deepLinkFromArgv, parseDeepLink } from '../../src/shared/deep-link';
import type { NavigationTarget } from '../../src/shared/navigation';
import { serveRenderer } from './app-protocol';
import { CoreLink } from './core-client';
import { CoreSupervisor } from './core-process';
import { listenForOpenUrl, registerDeepLinkScheme, takeSingleInstanceLock } from './deep-links';
import { ExternalUrlGate, openInSystemBrowser } from './external-url-gate';
import { TrustedIpc } from './ipc';
import { applyStartAtLogin, startHiddenFlag } from './login-item';
import { createMainWindow, showWindow } from './main-window';
import { NativeNotifications } from './notifications';
import { appEntryUrl } from './renderer-files';
import { saveExport } from './save-export';
import { installTestProbe, type ShellProbe } from './test-probe';
import { TrayService } from './tray';
import { computeTrayState } from './tray-state';
import { installWebGuards } from './web-guards';

export interface ShellConfig {
  appId: string;
  /** The folder of the built main bundle (preload, renderer and core sit beside it). */
  here: string;
  resourceDir: string;
  /** Development only: the page comes from the dev server instead of the app:// files. */
  devServerUrl: string | undefined;
  devServerOrigin: string | null;
  trustedOrigin: string;
  logger: Logger;
}

/**
 * The Electron shell's one owner of state: its window, tray, core process, the link to it and the
 * deep link waiting for the page. Main's parts (gate, notifications, tray, IPC) are built here in
 * the order they need each other; Electron's events call its methods.
 */
export class ConsoleShell {
  private window: BrowserWindow | null = null;
  private tray: TrayService | null = null;
  private quitting = false;
  private desktopPreferences: DesktopPreferences = defaultDesktopPreferences;
  private appliedStartAtLogin: boolean | null = null;
  private alertCounts: OutputOf<Procedures, 'alerts.counts'> | null = null;
  private pausedUntil: number | null = null;
  private pauseEndTimer: ReturnType<typeof setTimeout> | null = null;
  /** A notification click or deep link that arrived before the page could take it. */
  private pendingNavigation: NavigationTarget | null = null;
  private readonly windowIds = new Set<number>();
  private readonly probe: ShellProbe | null;
  private readonly gate: ExternalUrlGate;
  private readonly supervisor: CoreSupervisor;
  private readonly notifications: NativeNotifications;
  private readonly coreLink: CoreLink;

  constructor(private readonly config: ShellConfig) {
    const { logger, here } = config;
    // The probe's crash button is pressed by a test long after the supervisor exists.
    this.probe = installTestProbe(() => this.supervisor.crash());
    const probe = this.probe;
    this.gate = new ExternalUrlGate(
      logger,
      probe
        ? (url, purpose) => {
            probe.opened.push({ url, purpose });
            return Promise.resolve();
          }
        : openInSystemBrowser,
    );
    this.supervisor = new CoreSupervisor({
      entry: join(here, 'core.js'),
      // The demo workspace keeps its own cache file, so it never mixes with a real account's data.
      cachePath: join(app.getPath('userData'), process.argv.includes('--demo') ? 'demo.db' : 'cache.db'),
      demo: process.argv.includes('--demo'),
      logger,
      onStatus: (status) => this.coreStatusChanged(status),
      onRequest: (message) => {
        if (message.type === 'trusted-origins') return this.gate.setTrustedOrigins(message.origins);
        void this.gate
          .open(message.url, message.purpose)
          .then((error) => this.supervisor.post({ type: 'open-external-result', id: message.id, error }));
      },
    });
    this.notifications = new NativeNotifications(
      (target) => this.navigate(target),
      logger,
      join(config.resourceDir, 'icon.png'),
    );
    this.coreLink = new CoreLink(
      {
        'notifications.show': (notification) => {
          probe?.notifications.push(notification);
          this.notifications.show(notification);
        },
        'alerts.countsChanged': (counts) => {
          this.alertCounts = counts;
          this.renderTray();
        },
        'notifications.preferencesChanged': (preferences) => this.followNotificationPreferences(preferences),
        'desktop.preferencesChanged': (preferences) => this.followDesktopPreferences(preferences),
      },
      logger,
    );
  }

  /** Takes the single-instance lock and follows the app's lifecycle; quits if another instance runs. */
  main(): void {
    const primary = takeSingleInstanceLock((argv) => {
      const link = deepLinkFromArgv(argv);
      if (link) this.openDeepLink(link);
      else this.openWindow();
    });
    if (!primary) {
      app.quit();
      return;
    }
    listenForOpenUrl((link) => this.openDeepLink(link));
    app.on('before-quit', () => {
      this.quitting = true;
      this.supervisor.stop();
      this.tray?.destroy();
    });
    app.on('window-all-closed', () => {
      if (this.quitting || !this.desktopPreferences.closeToTray) app.quit();
    });
    app.on('activate', () => this.openWindow());
    void app.whenReady().then(() => this.ready());
  }

  private ready(): void {
    const { appId, here, devServerUrl, devServerOrigin, trustedOrigin, logger } = this.config;
    if (process.platform === 'win32') app.setAppUserModelId(appId);
    if (!devServerUrl) serveRenderer(join(here, '..', 'renderer'));
    installWebGuards({ trustedOrigin, gate: this.gate, logger, devServerOrigin });
    // Registering changes the desktop's default handler: not from a test run.
    if (!this.probe) registerDeepLinkScheme();
    this.registerIpc();
    this.tray = new TrayService(
      join(this.config.resourceDir, 'tray'),
      {
        open: () => this.openWindow(),
        syncNow: () => void this.coreLink.call('sync.now', {}),
        pauseNotifications: () =>
          void this.coreLink.call('notifications.setPreferences', { pausedUntil: Date.now() + 3_600_000 }),
        resumeNotifications: () =>
          void this.coreLink.call('notifications.setPreferences', { pausedUntil: null }),
        quit: () => {
          this.quitting = true;
          app.quit();
        },
      },
      () => this.window,
    );
    this.supervisor.start();
    const coldStartLink = deepLinkFromArgv(process.argv);
    if (coldStartLink) this.openDeepLink(coldStartLink);
    else if (!process.argv.includes(startHiddenFlag)) this.openWindow();
  }

  private renderTray(): void {
    const counts = this.alertCounts;
    const state = computeTrayState({
      counts: counts && { critical: counts.bySeverity.CRITICAL, major: counts.bySeverity.MAJOR },
      notificationsPausedUntil: this.pausedUntil,
      core: this.supervisor.status.state,
      now: Date.now(),
      formatTime: (ms) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
    });
    this.tray?.render(state);
    if (this.probe) this.probe.tray = state;
  }

  private followNotificationPreferences(preferences: NotificationPreferences): void {
    this.pausedUntil = preferences.pausedUntil;
    if (this.pauseEndTimer) clearTimeout(this.pauseEndTimer);
    this.pauseEndTimer = null;
    const remaining = this.pausedUntil === null ? 0 : this.pausedUntil - Date.now();
    // The tray says "paused until 14:32" and must stop saying so at 14:32.
    if (remaining > 0)
      this.pauseEndTimer = setTimeout(() => this.renderTray(), Math.min(remaining + 500, 2 ** 31 - 1));
    this.renderTray();
  }

  private followDesktopPreferences(preferences: DesktopPreferences): void {
    this.desktopPreferences = preferences;
    if (this.appliedStartAtLogin === preferences.startAtLogin) return;
    this.appliedStartAtLogin = preferences.startAtLogin;
    applyStartAtLogin(preferences.startAtLogin, this.config.logger);
  }

  private coreStatusChanged(status: CoreStatus): void {
    if (this.probe) this.probe.coreStatus = status;
    if (this.window && !this.window.isDestroyed())
      this.window.webContents.send(bridgeChannels.status, status);
    if (status.state === 'ready') void this.connectMainToCore();
    this.renderTray();
  }

  /** Main's own connection: the events the tray and notifications follow, and the calls they make. */
  private async connectMainToCore(): Promise<void> {
    const port = this.supervisor.connect('shell');
    if (!port) return;
    this.coreLink.attach(port);
    const [counts, notificationPreferences, desktop] = await Promise.all([
      this.coreLink.call('alerts.counts', {}),
      this.coreLink.call('notifications.getPreferences', {}),
      this.coreLink.call('desktop.getPreferences', {}),
    ]);
    if (counts) this.alertCounts = counts;
    if (notificationPreferences) this.followNotificationPreferences(notificationPreferences);
    if (desktop) this.followDesktopPreferences(desktop);
    this.renderTray();
  }

  private makeWindow(): BrowserWindow {
    const { here, devServerUrl, resourceDir, logger } = this.config;
    const win = createMainWindow({
      preload: join(here, '..', 'preload', 'index.cjs'),
      entryUrl: devServerUrl ?? appEntryUrl,
      icon: join(resourceDir, 'icon.png'),
      keepInTray: () => !this.quitting && this.desktopPreferences.closeToTray,
      logger,
    });
    const id = win.webContents.id;
    this.windowIds.add(id);
    win.webContents.on('did-finish-load', () => {
      if (!this.pendingNavigation) return;
      win.webContents.send(bridgeChannels.navigate, this.pendingNavigation);
      this.pendingNavigation = null;
    });
    win.on('closed', () => {
      this.windowIds.delete(id);
      this.window = null;
    });
    return win;
  }

  private openWindow(): BrowserWindow {
    if (!this.window || this.window.isDestroyed()) this.window = this.makeWindow();
    showWindow(this.window);
    return this.window;
  }

  /** A notification click or a deep link: show the window on that alert, device or ticket. */
  private navigate(target: NavigationTarget): void {
    if (!app.isReady()) {
      this.pendingNavigation = target;
      return;
    }
    const win = this.openWindow();
    if (win.webContents.isLoading()) this.pendingNavigation = target;
    else win.webContents.send(bridgeChannels.navigate, target);
  }

  private openDeepLink(link: string): void {
    const target = parseDeepLink(link);
    if (!target) {
      this.config.logger.warn('ignored an alga-console link that is not an allowed action', {
        length: link.length,
      });
      return;
    }
    this.navigate(target);
  }

  private registerIpc(): void {
    const ipc = new TrustedIpc(
      { origin: this.config.trustedOrigin, webContentsIds: this.windowIds },
      this.config.logger,
    );
    ipc.on(bridgeChannels.connect, (event, requestId) => {
      if (typeof requestId !== 'number' || !Number.isSafeInteger(requestId)) return;
      const port = this.supervisor.connect('renderer');
      // No port while the core is down: the page's client fails fast and reconnects when it is back.
      event.sender.postMessage(bridgeChannels.port, requestId, port ? [port] : []);
    });
    ipc.handle(bridgeChannels.status, () => this.supervisor.status);
    ipc.handle(bridgeChannels.saveExport, (_event, payload) =>
      saveExport(payload, this.window, this.coreLink),
    );
  }
}
