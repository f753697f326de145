import type { ClientTransport } from './rpc/framing';

/**
 * What the Electron preload exposes as `window.consoleApi`: a transport to the core (the same framing
 * as the WebSocket of web mode) and nothing else that reaches Node or Electron.
 */
export interface ConsoleBridge {
  readonly transport: ClientTransport;
}
