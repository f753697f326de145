import type { ClientTransport } from '../../shared/rpc/framing';
import type { ConsoleBridge } from '../../shared/bridge';
import { webSocketTransport } from './websocket';

declare global {
  interface Window {
    /** Present in the Electron app: the preload's bridge (MessagePorts to the core, status, navigation). */
    consoleApi?: ConsoleBridge;
  }
}

const tokenKey = 'alga-console-token';

/**
 * Opens a transport to the core: a fresh MessagePort from the preload's bridge in Electron, or the
 * WebSocket of `npm run web`, whose one-time token arrives in the URL fragment. The token is moved to
 * sessionStorage and removed from the address bar so it does not end up in history or screenshots.
 */
export function connectTransport(): ClientTransport {
  if (window.consoleApi) return window.consoleApi.connect();
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(tokenKey, fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  const token = fromHash ?? sessionStorage.getItem(tokenKey) ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return webSocketTransport(`${scheme}://${window.location.host}/rpc?token=${encodeURIComponent(token)}`);
}

/** The web form's session token (for a download link); empty in Electron. */
export function sessionToken(): string {
  return sessionStorage.getItem(tokenKey) ?? '';
}
