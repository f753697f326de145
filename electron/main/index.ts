import { join, resolve } from 'node:path';
import { app } from 'electron';
import { createLogger } from '../../src/node/logger';
import { registerAppScheme } from './app-protocol';
import { ConsoleShell } from './console-shell';
import { appOrigin } from './renderer-files';

/**
 * The Electron main process: lifecycle, the window, the tray, native notifications, deep links and
 * the one URL gate, all owned by one ConsoleShell. The core (cache, sync, NinjaOne, PSA) runs in a
 * utilityProcess that main supervises; main never opens the cache or talks to an API itself, so the
 * window never freezes.
 */
const here = import.meta.dirname;

// A separate data directory (tests, side-by-side profiles) also means a separate single-instance lock.
if (process.env.ALGA_CONSOLE_USER_DATA) app.setPath('userData', resolve(process.env.ALGA_CONSOLE_USER_DATA));
registerAppScheme();

// Development only: a packaged app never loads its page from a URL found in the environment.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const devServerOrigin = devServerUrl ? new URL(devServerUrl).origin : null;

new ConsoleShell({
  appId: 'com.alga.technician-console',
  here,
  resourceDir: app.isPackaged ? process.resourcesPath : join(here, '..', '..', 'resources'),
  devServerUrl,
  devServerOrigin,
  trustedOrigin: devServerOrigin ?? appOrigin,
  logger: createLogger({ fields: { proc: 'main' } }),
}).main();
