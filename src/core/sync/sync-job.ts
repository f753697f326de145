import type { SyncWarning } from '../../shared/contract/sync';
import type { SyncCounts, SyncKind } from '../cache/repositories/sync-state';

/** What a running sync reports through. Counts are summed into the run's history row. */
export interface SyncContext {
  readonly runId: number;
  readonly signal: AbortSignal;
  readonly counts: SyncCounts;
  /** What the run skipped or held back; saved with the run (skipped families make it `partial`). */
  readonly warnings: SyncWarning[];
  /** The current phase and how far it is; `total` null when the API gives no size. */
  progress(phase: string, done: number, total: number | null): void;
}

/** The work of one sync, separate from scheduling: the NinjaOne full and incremental syncs implement it. */
export interface SyncJob {
  /** False while no NinjaOne connection is configured: the scheduler then waits. */
  connected(): Promise<boolean>;
  /** Runs a sync of `kind`; returns the kind it became (an incremental sync may turn into a full pass). */
  run(kind: SyncKind, ctx: SyncContext): Promise<SyncKind>;
  /** A kind a previous run left unfinished (a full pass killed midway): the scheduler runs it next. */
  unfinished?(): SyncKind | null;
  /** A cheap call that succeeds when NinjaOne is reachable again (used while paused offline). */
  probe(signal: AbortSignal): Promise<void>;
  /**
   * Fetches and writes these devices now (outside a run), or only their patches; false when the cache
   * has no finished full sync yet (that sync brings them).
   */
  refreshDevices?(ids: readonly number[], what: DeviceRefreshKind, signal: AbortSignal): Promise<boolean>;
  /** Makes the deletion run `runId` held (see `deletion-guard.ts`); returns what it removed. */
  confirmDeletion?(runId: number): { devices: number; organizations: number };
}

/** `devices`: the devices and all they carry (deleted when NinjaOne no longer has them); `patches`: their patches. */
export type DeviceRefreshKind = 'devices' | 'patches';

export function emptyCounts(): SyncCounts {
  return { added: 0, changed: 0, removed: 0, quarantined: 0, apiCalls: 0, bytesRead: 0 };
}
