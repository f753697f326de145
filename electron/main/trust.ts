import { parseUrl, schemeAndHost } from '../../src/shared/parsed-url';

/**
 * Who main trusts, as pure predicates (unit-tested without Electron). The renderer's origin is
 * `app://console` in production and the Vite dev server in development; a sender is trusted only
 * when it is the main frame of a window main created, showing a page of that origin (Electron
 * security checklist item 17). Every IPC handler runs this check before anything else.
 */
export interface SenderFrameInfo {
  url: string;
  /** True for the top-level frame; an iframe (even of our origin) is never trusted. */
  isMainFrame: boolean;
}

export interface IpcSenderInfo {
  webContentsId: number;
  /** Null when the frame navigated away or was destroyed before the message was handled. */
  frame: SenderFrameInfo | null;
}

export interface RendererTrust {
  /** `scheme://host[:port]` of the renderer. */
  origin: string;
  /** The webContents of windows main created. */
  webContentsIds: ReadonlySet<number>;
}

export function isTrustedUrl(url: string, origin: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && !parsed.username && !parsed.password && schemeAndHost(parsed) === origin;
}

export function isTrustedSender(sender: IpcSenderInfo, trust: RendererTrust): boolean {
  if (!trust.webContentsIds.has(sender.webContentsId)) return false;
  if (!sender.frame || !sender.frame.isMainFrame) return false;
  return isTrustedUrl(sender.frame.url, trust.origin);
}

/** Electron grants every permission by default; the console needs notifications and nothing else. */
export function isPermissionAllowed(permission: string, requestingUrl: string, origin: string): boolean {
  return permission === 'notifications' && isTrustedUrl(requestingUrl, origin);
}
