import type { Cache } from '../cache/cache';
import type { SyncKind } from '../cache/repositories/sync-state';
import { confirmHeldDeletion } from './deletion-guard';
import type { Logger } from '../../node/logger';
import type { NinjaOneClient } from '../ninjaone';
import { refreshDevices } from './device-refresh';
import { FullSync, unfinishedPass } from './full-sync';
import { IncrementalSync } from './incremental-sync';
import { installsReadAfter } from './installs-checkpoint';
import { RunScope, type SyncHooks } from './run-scope';
import { sweepStatus, type StatusSweepResult } from './status-sweep';
import { emptyCounts, type StaleDevices, type SyncContext, type SyncJob } from './sync-job';

/** Why an incremental sync became a full pass, as the run's history says it. */
const reconcileNotes = {
  pruned: {
    code: 'checkpoint_pruned',
    message:
      'NinjaOne no longer has the activities since the last sync (its activity log was pruned past the checkpoint), so the changes in between cannot be proven complete: this run read everything again.',
  },
} as const;

export interface NinjaOneSyncJobOptions {
  cache: Cache;
  /** An authenticated client for the current connection (the NinjaOne connection's `client()`). */
  client: () => Promise<NinjaOneClient>;
  /** Whether a NinjaOne connection is configured (the scheduler waits while it is not). */
  connected: () => Promise<boolean>;
  /** Told what each run committed (a `SyncHookRegistry` in the core). */
  hooks?: SyncHooks;
  logger: Logger;
  now?: () => number;
}

const noHooks: SyncHooks = { changed: () => {}, alertsChanged: () => {}, organizationsSynced: () => {} };

/** The NinjaOne sync behind the scheduler's `SyncJob` port: a full pass or an incremental sync per run. */
export class NinjaOneSyncJob implements SyncJob {
  private readonly hooks: SyncHooks;
  private readonly now: () => number;

  constructor(private readonly options: NinjaOneSyncJobOptions) {
    this.hooks = options.hooks ?? noHooks;
    this.now = options.now ?? Date.now;
  }

  connected(): Promise<boolean> {
    return this.options.connected();
  }

  /** A full pass a killed or failed run left unfinished is finished before anything else. */
  unfinished(): SyncKind | null {
    return unfinishedPass(this.options.cache) ? 'full' : null;
  }

  async probe(signal: AbortSignal): Promise<void> {
    const client = await this.options.client();
    const pages = client.organizations({ pageSize: 1, signal });
    await pages.next();
    await pages.return(undefined);
  }

  confirmDeletion(runId: number): { devices: number; organizations: number } {
    const removed = confirmHeldDeletion(this.options.cache, runId);
    if (removed.devices.length > 0 || removed.organizations.length > 0) {
      this.hooks.changed({
        tables: ['organizations', 'devices', 'alerts', 'device_software', 'patches', 'antivirus'],
      });
    }
    return { devices: removed.devices.length, organizations: removed.organizations.length };
  }

  async refreshDevices(stale: StaleDevices, signal: AbortSignal): Promise<boolean> {
    const { cache, logger } = this.options;
    // Rows carry a run: an unfinished pass's (its sweep keeps them), else the last full pass's.
    const run = unfinishedPass(cache)?.run ?? cache.syncState.lastSucceeded('full')?.id;
    if (run === undefined) return false;
    const client = await this.options.client();
    const ctx: SyncContext = {
      runId: run,
      signal,
      counts: emptyCounts(),
      warnings: [],
      progress: () => undefined,
    };
    const scope = new RunScope(cache, client, ctx, this.hooks, logger, this.now, false);
    try {
      await refreshDevices(scope, stale, { run, signal, installsAfter: installsReadAfter(cache) });
    } finally {
      scope.changes.flush();
    }
    return true;
  }

  async sweepStatus(signal: AbortSignal): Promise<StatusSweepResult> {
    const client = await this.options.client();
    return sweepStatus(this.options.cache, client, {
      signal,
      changed: (change) => this.hooks.changed(change),
      now: this.now,
    });
  }

  async run(kind: SyncKind, ctx: SyncContext): Promise<SyncKind> {
    const client = await this.options.client();
    const before = { ...client.stats };
    const { cache, logger } = this.options;
    const initial = cache.syncState.lastSucceeded() === null;
    const scope = new RunScope(cache, client, ctx, this.hooks, logger, this.now, initial);
    try {
      if (kind === 'incremental') {
        const outcome = await new IncrementalSync(scope).run();
        if (outcome === 'done') return 'incremental';
        if (outcome === 'no_activities') {
          // Without the activity log nothing says what changed: the alerts are still read, and the
          // full reconcile on its schedule brings the rest (its warning says so).
          await scope.family('alerts', () => scope.reconcileAlerts());
          scope.changes.flush();
          return 'incremental';
        }
        if (outcome === 'pruned') {
          ctx.warnings.push({ family: 'activities', status: null, ...reconcileNotes.pruned });
          logger.warn('sync: activities were pruned past the checkpoint; running a full reconcile');
        }
      }
      await new FullSync(scope).run();
      return 'full';
    } finally {
      ctx.counts.apiCalls += client.stats.requests - before.requests;
      ctx.counts.bytesRead += client.stats.bytesRead - before.bytesRead;
      ctx.counts.waitMs += client.stats.waitMs - before.waitMs;
      ctx.counts.throttled += client.stats.throttled - before.throttled;
      scope.changes.flush();
    }
  }
}
