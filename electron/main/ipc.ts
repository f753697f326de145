import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import type { Logger } from '../../src/node/logger';
import { isTrustedSender, type IpcSenderInfo, type RendererTrust } from './trust';

/**
 * IPC registration that checks the sender before anything else (Electron security checklist item
 * 17): only the main frame of a window main created, showing the renderer's origin, is heard.
 * Payloads are then validated by each handler; types are not a boundary.
 */
function senderInfo(event: IpcMainEvent | IpcMainInvokeEvent): IpcSenderInfo {
  let frame: WebFrameMain | null = null;
  try {
    frame = event.senderFrame;
  } catch {
    // Accessing a frame that navigated or was destroyed throws: treated as no frame.
  }
  return {
    webContentsId: event.sender.id,
    frame: frame ? { url: frame.url, isMainFrame: frame.parent === null } : null,
  };
}

export class TrustedIpc {
  constructor(
    private readonly trust: RendererTrust,
    private readonly logger: Logger,
  ) {}

  on(channel: string, listener: (event: IpcMainEvent, payload: unknown) => void): void {
    ipcMain.on(channel, (event, payload: unknown) => {
      if (!this.allowed(channel, event)) return;
      listener(event, payload);
    });
  }

  handle<T>(channel: string, handler: (event: IpcMainInvokeEvent, payload: unknown) => T): void {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!this.allowed(channel, event)) throw new Error('untrusted IPC sender');
      return handler(event, payload);
    });
  }

  private allowed(channel: string, event: IpcMainEvent | IpcMainInvokeEvent): boolean {
    const sender = senderInfo(event);
    if (isTrustedSender(sender, this.trust)) return true;
    this.logger.warn('ignored IPC from an untrusted sender', {
      channel,
      webContentsId: sender.webContentsId,
    });
    return false;
  }
}
