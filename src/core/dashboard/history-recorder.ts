import type { Cache } from '../cache/cache';
import { DAY_MS } from '../cache/repositories/dashboard/alert-history';
import type { Logger } from '../../node/logger';
import type { Clock } from '../time/clock';
import { localDay, localDayBefore } from '../../shared/calendar-day';
import type { CacheTopic } from '../../shared/contract/cache-topics';

/** Status changes are sampled at most this often (a burst of relay events writes one sample). */
const STATUS_SAMPLE_MS = 60_000;
/** Today's compliance snapshot is refreshed after a sync at most this often. */
const SNAPSHOT_EVERY_MS = 3_600_000;
const STATUS_RETENTION_MS = 31 * DAY_MS;
const ALERT_COUNT_RETENTION_MS = 91 * DAY_MS;
const COMPLIANCE_RETENTION_DAYS = 90;

export interface HistoryRecorderOptions {
  cache: Cache;
  clock: Clock;
  logger: Logger;
  /** Tells the views which history tables changed. */
  changed(tables: CacheTopic[]): void;
}

/**
 * Writes the histories the dashboard's trends read, cheaply and only from fresh data: a status sample
 * after every sync and (throttled) after status changes the relay or a status sweep applied; today's
 * patch compliance snapshot after a sync, at most hourly; old history pruned with the snapshot.
 * A console that is closed or offline records nothing, so its charts show a gap, not a guess.
 */
export class HistoryRecorder {
  private statusTimer: unknown = null;
  private closed = false;

  constructor(private readonly options: HistoryRecorderOptions) {}

  /** Devices changed (sync, relay, status sweep): sample within a minute. */
  devicesChanged(): void {
    if (this.closed || this.statusTimer !== null) return;
    const last = this.options.cache.dashboard.status.last();
    const wait = last ? Math.max(0, last.at + STATUS_SAMPLE_MS - this.options.clock.now()) : 0;
    this.statusTimer = this.options.clock.setTimeout(() => {
      this.statusTimer = null;
      this.recordStatus();
    }, wait);
  }

  /** A sync succeeded: the cache is confirmed as of now. */
  syncSucceeded(): void {
    if (this.closed) return;
    this.recordStatus();
    this.snapshotCompliance();
  }

  close(): void {
    this.closed = true;
    if (this.statusTimer !== null) this.options.clock.clearTimeout(this.statusTimer);
    this.statusTimer = null;
  }

  private recordStatus(): void {
    this.guard('status sample', () => {
      if (this.options.cache.dashboard.status.record(this.options.clock.now()))
        this.options.changed(['device_status_samples']);
    });
  }

  private snapshotCompliance(): void {
    this.guard('compliance snapshot', () => {
      const { cache, clock } = this.options;
      const now = clock.now();
      const day = localDay(now);
      const taken = cache.dashboard.compliance.takenAt(day);
      if (taken !== null && now - taken < SNAPSHOT_EVERY_MS) return;
      if (cache.devices.count() === 0) return;
      cache.transaction(() => {
        cache.dashboard.compliance.snapshot(day, now);
        cache.dashboard.compliance.prune(localDayBefore(now, COMPLIANCE_RETENTION_DAYS));
        cache.dashboard.status.prune(now - STATUS_RETENTION_MS);
        cache.dashboard.alerts.prune(now - ALERT_COUNT_RETENTION_MS);
      });
      this.options.changed(['patch_compliance_daily']);
    });
  }

  /** History is a by-product: a failure to record it is logged, never thrown into the sync. */
  private guard(what: string, work: () => void): void {
    try {
      work();
    } catch (error) {
      this.options.logger.warn(`dashboard: the ${what} was not recorded`, { error });
    }
  }
}
