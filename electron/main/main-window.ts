import { BrowserWindow } from 'electron';
import type { Logger } from '../../src/node/logger';

export interface MainWindowOptions {
  preload: string;
  /** app://console/index.html, or the Vite dev server in development. */
  entryUrl: string;
  /** The window icon (Linux; Windows and macOS take the app's). */
  icon: string;
  /** Closing hides to the tray unless the app is quitting or the setting is off. */
  keepInTray: () => boolean;
  logger: Logger;
}

/**
 * The console's one window. Hardened per the Electron security checklist: sandboxed, isolated, no
 * Node, no <webview>, no insecure content; the preload is the only bridge.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    show: false,
    title: 'Alga Technician Console',
    icon: options.icon,
    webPreferences: {
      preload: options.preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  });
  win.on('close', (event) => {
    if (!options.keepInTray()) return;
    event.preventDefault();
    win.hide();
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    options.logger.error('the window crashed; reloading it', { reason: details.reason });
    if (!win.isDestroyed()) win.reload();
  });
  void win.loadURL(options.entryUrl);
  return win;
}

/** Brings the window to the front, restoring it from the tray or the taskbar. */
export function showWindow(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
