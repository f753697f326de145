import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  ipcMain,
  MessageChannelMain,
  utilityProcess,
  type UtilityProcess,
} from 'electron';

/**
 * The Electron main process: lifecycle, the window, and the core in a utilityProcess. It never opens
 * the cache or talks to NinjaOne itself, so a long sync can never freeze the window.
 */
const here = import.meta.dirname;
let core: UtilityProcess | null = null;
let window: BrowserWindow | null = null;

function startCoreProcess(): UtilityProcess {
  const child = utilityProcess.fork(join(here, 'core.js'), [], { serviceName: 'alga-console-core' });
  child.postMessage({
    type: 'init',
    cachePath: join(app.getPath('userData'), 'cache.db'),
    demo: process.argv.includes('--demo'),
  });
  return child;
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    webPreferences: {
      preload: join(here, '..', 'preload', 'index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webviewTag: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  if (process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void win.loadFile(join(here, '..', 'renderer', 'index.html'));
  return win;
}

ipcMain.on('core:connect', (event) => {
  if (!window || event.sender !== window.webContents || event.senderFrame !== window.webContents.mainFrame)
    return;
  if (!core) return;
  const { port1, port2 } = new MessageChannelMain();
  core.postMessage({ type: 'connect' }, [port1]);
  event.sender.postMessage('core:port', null, [port2]);
});

void app.whenReady().then(() => {
  core = startCoreProcess();
  window = createWindow();
});

app.on('window-all-closed', () => {
  core?.kill();
  app.quit();
});
