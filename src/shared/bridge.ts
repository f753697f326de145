import type { NavigationTarget } from './navigation';
import type { ClientTransport } from './rpc/framing';

/**
 * The core's lifecycle as main sees it. `restarting` follows a crash (main restarts the core with
 * backoff and the window shows a reconnecting banner); `failed` means the core refused to start
 * (e.g. a cache written by a newer console) and restarting would not help.
 */
export type CoreStatus =
  | { state: 'starting' }
  | { state: 'ready' }
  | { state: 'restarting'; attempt: number; retryAt: number; reason: string }
  | { state: 'failed'; code: string; message: string };

/**
 * What the Electron preload exposes as `window.consoleApi`, and nothing else that reaches Node or
 * Electron. Calls to the core go over `connect()`'s transport (the same framing as the WebSocket of
 * web mode); the two subscriptions carry what only main knows.
 */
export interface ConsoleBridge {
  /** A new connection to the core: main hands over a fresh MessagePort. Call again after a restart. */
  connect(): ClientTransport;
  /** The core's lifecycle; the listener is called at once with the current status. */
  onCoreStatus(listener: (status: CoreStatus) => void): () => void;
  /**
   * Main asks the window to show something: a notification was clicked or an `alga-console://`
   * link was opened. A request that arrives before anyone listens is kept for the first listener.
   */
  onNavigate(listener: (target: NavigationTarget) => void): () => void;
  /**
   * Saves a prepared CSV export: main shows a save dialog and asks the core to write the file there.
   * Answers the rows written, or null when the technician cancelled.
   */
  saveExport(prepared: { id: string; fileName: string }): Promise<{ rows: number } | null>;
}

/** The IPC channels between main and the preload (the renderer never sees them). */
export const bridgeChannels = {
  /** preload → main: a request id; main answers on `port` with a MessagePort to the core. */
  connect: 'core:connect',
  port: 'core:port',
  /** preload → main (invoke): the current CoreStatus; main then pushes changes on the same name. */
  status: 'shell:core-status',
  /** main → preload: a NavigationTarget. */
  navigate: 'shell:navigate',
  /** preload → main (invoke): a prepared export's id and file name; answers { rows } or null. */
  saveExport: 'shell:save-export',
} as const;
