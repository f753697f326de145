import { create } from 'zustand';
import type { SyncProgress, SyncStatus } from '../../shared/contract/sync';
import type { ConsoleClient } from '../rpc/client';

interface SyncState {
  status: SyncStatus | null;
  progress: SyncProgress | null;
}

/** The scheduler's state and the running sync's progress, as the core pushes them. */
export const useSyncStatus = create<SyncState>(() => ({ status: null, progress: null }));

/** Loads the status once and follows the pushed events; returns the unsubscribe function. */
export function followSyncStatus(client: ConsoleClient): () => void {
  client.call('sync.status', {}).then(
    (status) => useSyncStatus.setState({ status, progress: status.progress }),
    () => undefined,
  );
  const offs = [
    client.on('sync.status', (status) => useSyncStatus.setState({ status, progress: status.progress })),
    client.on('sync.progress', (progress) => useSyncStatus.setState({ progress })),
  ];
  return () => offs.forEach((off) => off());
}
