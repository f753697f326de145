import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { app } from 'electron';
import type { Logger } from '../../src/node/logger';
import { autostartEntry, autostartFileName } from './autostart-entry';

/** The flag a login start passes: the console starts in the tray without showing its window. */
export const startHiddenFlag = '--hidden';

/** Applies the "start at login" preference. Only a packaged app registers itself. */
export function applyStartAtLogin(enabled: boolean, logger: Logger): void {
  if (!app.isPackaged) {
    logger.info('start at login is only registered by the packaged app', { enabled });
    return;
  }
  if (process.platform === 'linux') {
    const dir = join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'autostart');
    const file = join(dir, autostartFileName);
    if (enabled) {
      mkdirSync(dir, { recursive: true });
      // An AppImage runs from a temporary mount: the entry must point at the AppImage file itself.
      writeFileSync(file, autostartEntry(process.env.APPIMAGE ?? process.execPath));
    } else {
      rmSync(file, { force: true });
    }
    return;
  }
  app.setLoginItemSettings({ openAtLogin: enabled, args: [startHiddenFlag] });
}
