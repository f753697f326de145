import {
  skippedFamilyCodes,
  type SyncProgress,
  type SyncRun,
  type SyncStatus,
  type SyncWarning,
} from '../../shared/contract/sync';
import { AppError, isAppError, type ErrorCode } from '../../shared/rpc/errors';
import type { Cache } from '../cache/cache';
import type { SyncKind, SyncRunRow } from '../cache/repositories/sync-state';
import type { Logger } from '../../node/logger';
import { backoffDelay } from '../time/backoff';
import { systemClock, type Clock } from '../time/clock';
import { heldDeletion } from './deletion-guard';
import { statusReadAt, type StatusSweepResult } from './status-sweep';
import { emptyCounts, type StaleDevices, type SyncJob } from './sync-job';
import { saveSyncSettings, syncSettings, type SyncSettings } from './sync-settings';

/** Errors that mean "NinjaOne cannot be reached", as opposed to "NinjaOne said no". */
const offlineCodes: ReadonlySet<ErrorCode> = new Set(['upstream_unavailable', 'timeout']);
const FAILURE_BACKOFF = { baseMs: 30_000, maxMs: 60 * 60_000 };
const PROBE_BACKOFF = { baseMs: 5_000, maxMs: 60_000 };
const PROGRESS_EVERY_MS = 250;

export interface SyncServiceEvents {
  progress(progress: SyncProgress): void;
  status(status: SyncStatus): void;
}

export function toSyncRun(row: SyncRunRow): SyncRun {
  return { ...row, durationMs: row.finishedAt === null ? null : Math.max(0, row.finishedAt - row.startedAt) };
}

/**
 * Runs syncs one at a time (a second request joins the running one), on a schedule: at start-up when
 * the cache is stale, every `intervalMinutes`, a full reconcile every `fullReconcileHours`, with
 * backoff after failures and a pause while NinjaOne is unreachable that ends when a probe succeeds.
 * Between them, every `statusSweepMinutes`, the status sweep reads every device's online status and
 * last contact (no activity tells of an agent going offline).
 */
export class SyncService {
  private running: { promise: Promise<SyncRun>; controller: AbortController; kind: SyncKind } | null = null;
  private progress: SyncProgress | null = null;
  private lastProgressAt = 0;
  private timer: unknown = null;
  private nextRunAt: number | null = null;
  private failures = 0;
  private offline = false;
  private probeAttempt = 0;
  private connected = false;
  private stopped = false;
  private readonly refreshes = new AbortController();
  private sweepTimer: unknown = null;
  private sweeping: Promise<StatusSweepResult | null> | null = null;

  constructor(
    private readonly cache: Cache,
    private readonly job: SyncJob,
    private readonly events: SyncServiceEvents,
    private readonly logger: Logger,
    private readonly clock: Clock = systemClock,
  ) {}

  get settings(): SyncSettings {
    return syncSettings(this.cache);
  }

  /** Marks runs a dead process left behind, then schedules the first sync. */
  async start(): Promise<void> {
    for (const run of this.cache.syncState.interruptAbandoned(this.clock.now())) {
      this.logger.warn('sync: a previous run was interrupted; the next run resumes from its checkpoint', {
        runId: run.id,
      });
    }
    await this.reschedule();
  }

  /**
   * Reads every device's status now (the scheduled sweep calls it too); null when it did not run: no
   * connection, NinjaOne unreachable, no full sync yet, or a full sync running (it reads status itself).
   * A sweep already running is joined.
   */
  sweepStatus(): Promise<StatusSweepResult | null> {
    this.sweeping ??= this.sweep().finally(() => {
      this.sweeping = null;
      this.scheduleSweep();
    });
    return this.sweeping;
  }

  private async sweep(): Promise<StatusSweepResult | null> {
    if (this.stopped || this.offline || !this.job.sweepStatus || this.running?.kind === 'full') return null;
    if (!this.cache.syncState.lastSucceeded('full') || !(await this.job.connected())) return null;
    try {
      const result = await this.job.sweepStatus(this.refreshes.signal);
      this.logger.info('sync: status sweep', { ...result });
      this.emitStatus();
      return result;
    } catch (error) {
      this.logger.warn('sync: the status sweep failed; the next one tries again', { error });
      return null;
    }
  }

  /** The next sweep, `statusSweepMinutes` after the last status read. */
  private scheduleSweep(): void {
    if (this.sweepTimer !== null) this.clock.clearTimeout(this.sweepTimer);
    this.sweepTimer = null;
    if (this.stopped || !this.connected || !this.job.sweepStatus) return;
    const interval = this.settings.statusSweepMinutes * 60_000;
    const last = statusReadAt(this.cache);
    const due = last === null ? interval : Math.max(0, last + interval - this.clock.now());
    this.sweepTimer = this.clock.setTimeout(() => {
      this.sweepTimer = null;
      void this.sweepStatus();
    }, due);
  }

  /**
   * Reads again now, between scheduled runs, what webhooks made stale: the relay client calls it
   * with the parts of the devices each webhook invalidates. False when nothing was done (no NinjaOne
   * connection, or no finished full sync yet, which brings every device anyway).
   */
  async refreshDevices(stale: StaleDevices): Promise<boolean> {
    const empty = Object.values(stale).every((ids) => [...ids].length === 0);
    if (this.stopped || empty || !this.job.refreshDevices || !(await this.job.connected())) return false;
    return this.job.refreshDevices(stale, this.refreshes.signal);
  }

  /** Stops scheduling and cancels the running sync; resolves once it has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.refreshes.abort();
    this.clearTimer();
    if (this.sweepTimer !== null) this.clock.clearTimeout(this.sweepTimer);
    await this.sweeping;
    await this.cancelAndWait();
    await this.job.close?.();
  }

  /** Cancels the running sync, if any, and resolves once it has ended; scheduling goes on. */
  async cancelAndWait(): Promise<void> {
    const running = this.running;
    if (!running) return;
    running.controller.abort();
    await running.promise.catch(() => undefined);
  }

  /** Starts a sync now or joins the running one. */
  runNow(kind?: SyncKind): Promise<SyncRun> {
    if (this.running) return this.running.promise;
    const chosen = kind ?? this.chooseKind();
    const controller = new AbortController();
    const promise = this.execute(chosen, controller).finally(() => {
      this.running = null;
      this.progress = null;
      if (!this.stopped) void this.reschedule();
    });
    this.running = { promise, controller, kind: chosen };
    this.emitStatus();
    return promise;
  }

  cancel(): boolean {
    if (!this.running) return false;
    this.running.controller.abort();
    return true;
  }

  async configure(change: Partial<SyncSettings>): Promise<SyncStatus> {
    saveSyncSettings(this.cache, change);
    await this.reschedule();
    return this.status();
  }

  /**
   * Makes the deletion a full pass held (`deletion-guard.ts`), between runs: a running sync may be
   * about to hold or resolve it itself.
   */
  confirmDeletion(runId: number): { devices: number; organizations: number } {
    if (this.running) {
      throw new AppError('conflict', 'A sync is running; confirm the held deletion once it has finished.');
    }
    if (!this.job.confirmDeletion) throw new AppError('not_found', 'There is no held deletion to confirm.');
    const removed = this.job.confirmDeletion(runId);
    this.logger.info('sync: a held deletion was confirmed', { runId, ...removed });
    this.emitStatus();
    return removed;
  }

  status(): SyncStatus {
    const last = this.cache.syncState.history(null, 1).items[0] ?? null;
    const lastSuccess = this.cache.syncState.lastSucceeded();
    return {
      state: this.running
        ? 'running'
        : !this.connected
          ? 'not_connected'
          : this.offline
            ? 'paused_offline'
            : this.failures > 0
              ? 'backing_off'
              : 'idle',
      progress: this.progress,
      lastRun: last ? toSyncRun(last) : null,
      lastSuccessAt: lastSuccess?.finishedAt ?? null,
      nextRunAt: this.running ? null : this.nextRunAt,
      intervalMinutes: this.settings.intervalMinutes,
      statusSweepMinutes: this.settings.statusSweepMinutes,
      statusReadAt: statusReadAt(this.cache),
      consecutiveFailures: this.failures,
      heldDeletion: heldDeletion(this.cache),
      deletionGuardPercent: this.settings.deletionGuardPercent,
    };
  }

  private chooseKind(): SyncKind {
    const unfinished = this.job.unfinished?.();
    if (unfinished) return unfinished;
    const lastFull = this.cache.syncState.lastSucceeded('full');
    if (!lastFull?.finishedAt) return 'full';
    return this.clock.now() - lastFull.finishedAt >= this.settings.fullReconcileHours * 3_600_000
      ? 'full'
      : 'incremental';
  }

  private async execute(kind: SyncKind, controller: AbortController): Promise<SyncRun> {
    const started = this.clock.now();
    const runId = this.cache.syncState.startRun(kind, started);
    const counts = emptyCounts();
    const warnings: SyncWarning[] = [];
    let phaseStarted = started;
    let phase = '';
    this.logger.info('sync: started', { runId, kind });
    try {
      const ran = await this.job.run(kind, {
        runId,
        signal: controller.signal,
        counts,
        warnings,
        progress: (name, done, total) => {
          const now = this.clock.now();
          if (name !== phase) {
            phase = name;
            phaseStarted = now;
          }
          const elapsed = Math.max(1, now - phaseStarted) / 1000;
          this.progress = {
            runId,
            kind,
            phase: name,
            done,
            total,
            rate: Math.round((done / elapsed) * 10) / 10,
            startedAt: started,
          };
          if (now - this.lastProgressAt >= PROGRESS_EVERY_MS || (total !== null && done >= total)) {
            this.lastProgressAt = now;
            this.events.progress(this.progress);
          }
        },
      });
      if (controller.signal.aborted) throw new AppError('cancelled', 'The sync was cancelled.');
      counts.quarantined = Math.max(counts.quarantined, this.cache.syncState.quarantinedIn(runId));
      if (ran !== kind) this.cache.syncState.setKind(runId, ran);
      // A skipped family is not a failure: the rest is in, and the schedule goes on.
      const state = warnings.some((w) => skippedFamilyCodes.includes(w.code)) ? 'partial' : 'succeeded';
      this.cache.syncState.finishRun(runId, state, counts, undefined, this.clock.now(), warnings);
      this.failures = 0;
      this.offline = false;
      this.logger.info('sync: finished', { runId, kind: ran, state, ...counts, warnings: warnings.length });
    } catch (error) {
      const appError = isAppError(error)
        ? error
        : new AppError(
            'internal',
            `The sync failed: ${error instanceof Error ? error.message : String(error)}`,
          );
      const cancelled = controller.signal.aborted || appError.code === 'cancelled';
      this.cache.syncState.finishRun(
        runId,
        cancelled ? 'cancelled' : 'failed',
        counts,
        appError.toShape(),
        this.clock.now(),
        warnings,
      );
      if (!cancelled) {
        this.failures++;
        this.offline = offlineCodes.has(appError.code);
        this.probeAttempt = 0;
        this.logger.warn('sync: failed', { runId, kind, code: appError.code, error: appError.message });
      }
    }
    const row = this.cache.syncState.run(runId);
    if (!row) throw new AppError('internal', `Sync run ${runId} vanished from the cache.`);
    return toSyncRun(row);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.nextRunAt = null;
  }

  private schedule(delayMs: number, action: () => void): void {
    this.clearTimer();
    this.nextRunAt = this.clock.now() + delayMs;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.nextRunAt = null;
      action();
    }, delayMs);
  }

  /** Decides when the next thing happens: a probe while offline, a retry after failures, or the interval. */
  private async reschedule(): Promise<void> {
    if (this.stopped || this.running) return;
    this.connected = await this.job.connected();
    // Stopped, or a sync started, while the connection was being checked.
    if (this.stopped || this.running) return;
    this.scheduleSweep();
    if (!this.connected) {
      this.clearTimer();
      this.emitStatus();
      return;
    }
    if (this.offline) {
      this.probeAttempt++;
      this.schedule(backoffDelay(this.probeAttempt, PROBE_BACKOFF), () => void this.probe());
    } else if (this.failures > 0) {
      this.schedule(backoffDelay(this.failures, FAILURE_BACKOFF), () => void this.runNow());
    } else {
      const interval = this.settings.intervalMinutes * 60_000;
      const lastSuccess = this.cache.syncState.lastSucceeded()?.finishedAt ?? null;
      const due = lastSuccess === null ? 0 : Math.max(0, lastSuccess + interval - this.clock.now());
      this.schedule(due, () => void this.runNow());
    }
    this.emitStatus();
  }

  private async probe(): Promise<void> {
    const controller = new AbortController();
    try {
      await this.job.probe(controller.signal);
      this.logger.info('sync: NinjaOne is reachable again; syncing now');
      this.offline = false;
      void this.runNow();
    } catch {
      await this.reschedule();
    }
  }

  /** The NinjaOne connection was made, lost or changed: schedule (or stop scheduling) accordingly. */
  connectionChanged(): void {
    if (!this.stopped && !this.running) void this.reschedule();
  }

  private emitStatus(): void {
    this.events.status(this.status());
  }
}
