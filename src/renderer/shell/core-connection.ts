import { create } from 'zustand';
import type { ConsoleBridge, CoreStatus } from '../../shared/bridge';
import { reconnectConsoleClient } from '../rpc/client';

interface CoreConnectionState {
  status: CoreStatus;
  /** Bumped each time the client is re-created after a core restart; views re-mount on it. */
  generation: number;
}

/** The core's lifecycle as the window sees it (web mode has no bridge and stays `ready`). */
export const useCoreConnection = create<CoreConnectionState>(() => ({
  status: { state: 'ready' },
  generation: 0,
}));

/**
 * Follows main's core status: while the core is down the banner shows; when it is ready again after
 * a crash, the client is re-created over a new port and the views re-mount to refetch.
 */
export function followCoreStatus(bridge: ConsoleBridge): () => void {
  let lostConnection = false;
  return bridge.onCoreStatus((status) => {
    if (status.state === 'ready' && lostConnection) {
      lostConnection = false;
      reconnectConsoleClient();
      useCoreConnection.setState((state) => ({ status, generation: state.generation + 1 }));
      return;
    }
    if (status.state === 'restarting' || status.state === 'failed') lostConnection = true;
    useCoreConnection.setState({ status });
  });
}
