import type { SyncStatus } from '../../shared/contract/sync';
import type { Cache } from '../cache/cache';
import type { Logger } from '../../node/logger';
import type { NinjaOneClient } from '../ninjaone';
import { systemClock, type Clock } from '../time/clock';
import { ConditionHistory } from './condition-history';
import { HistoryRecorder } from './history-recorder';
import type { CacheTopic } from '../../shared/contract/cache-topics';

export interface DashboardHistory {
  /** Tables a sync, the relay or a status sweep changed. */
  cacheChanged(tables: readonly CacheTopic[]): void;
  /** Every sync status the scheduler publishes. */
  syncStatus(status: SyncStatus): void;
  close(): Promise<void>;
}

/**
 * The dashboard's history keeping, fed by what the core already publishes: samples and snapshots
 * after syncs and status changes, and the one-time read of the alert history after the first sync.
 */
export function startDashboardHistory(options: {
  cache: Cache;
  client(): Promise<NinjaOneClient>;
  logger: Logger;
  changed(tables: CacheTopic[]): void;
  clock?: Clock;
}): DashboardHistory {
  const clock = options.clock ?? systemClock;
  const recorder = new HistoryRecorder({ ...options, clock });
  const conditions = new ConditionHistory({ ...options, clock });
  let lastSuccessAt: number | null = null;
  // Until a sync has finished once, the cache holds part of the fleet: a sample then would chart a
  // drop in offline devices that never happened. The first success takes the first sample.
  let confirmed = false;
  return {
    cacheChanged: (tables) => {
      if (confirmed && tables.includes('devices')) recorder.devicesChanged();
    },
    syncStatus: (status) => {
      if (status.lastSuccessAt !== null) confirmed = true;
      if (status.lastSuccessAt === null || status.lastSuccessAt === lastSuccessAt) return;
      // The first status after a start repeats the last success before it: nothing new was confirmed.
      const first = lastSuccessAt === null;
      lastSuccessAt = status.lastSuccessAt;
      if (!first || clock.now() - status.lastSuccessAt < 60_000) recorder.syncSucceeded();
      void conditions.start();
    },
    close: async () => {
      recorder.close();
      await conditions.close();
    },
  };
}
