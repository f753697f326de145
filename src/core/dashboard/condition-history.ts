import type { Cache } from '../cache/cache';
import { CONDITION_HISTORY_FROM, DAY_MS } from '../cache/repositories/dashboard/alert-history';
import {
  importPastAlerts,
  pastTriggers,
  type PastAlert,
} from '../cache/repositories/dashboard/history-alerts';
import type { Logger } from '../../node/logger';
import { webhookActivitySchema } from '../../shared/relay/activity';
import type { NinjaOneClient } from '../ninjaone';
import { mapActivity } from '../sync/mappers/activity';
import { alertOfTrigger } from '../sync/mappers/alert';
import type { CacheTopic } from '../../shared/contract/cache-topics';
import type { Clock } from '../time/clock';

/** How far back the trends reach on a new cache. */
export const HISTORY_DAYS = 30;
/** Where an interrupted read resumes: the oldest activity id it stored. */
const PROGRESS = 'dashboard.conditionHistory.olderThan';

export interface ConditionHistoryOptions {
  cache: Cache;
  client(): Promise<NinjaOneClient>;
  clock: Clock;
  logger: Logger;
  changed(tables: CacheTopic[]): void;
}

/**
 * Once per cache, after its first sync: the last 30 days of condition activities (alerts triggered
 * and reset), which the sync does not read (it starts from the newest activity). Stored like the
 * sync's own activities, so the trend counts follow, and the alerts the console never saw open are
 * added as reset, so a trend's drill-down lists what it counted. Pages of 1,000 going back in time;
 * interrupted, it resumes below the oldest activity it stored.
 */
export class ConditionHistory {
  private running: Promise<void> | null = null;
  private readonly stop = new AbortController();

  constructor(private readonly options: ConditionHistoryOptions) {}

  get done(): boolean {
    return this.options.cache.syncState.checkpoint(CONDITION_HISTORY_FROM) !== null;
  }

  /** Starts the read unless it is done or running; answers when it ends (never rejects). */
  start(): Promise<void> {
    if (this.done || this.stop.signal.aborted) return Promise.resolve();
    this.running ??= this.read()
      .catch((error: unknown) => {
        if (!this.stop.signal.aborted)
          this.options.logger.warn('dashboard: the alert history was not read; the next sync tries again', {
            error,
          });
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  async close(): Promise<void> {
    this.stop.abort();
    await this.running;
  }

  private async read(): Promise<void> {
    const { cache, clock, logger } = this.options;
    const from = clock.now() - HISTORY_DAYS * DAY_MS;
    const resume = cache.syncState.checkpoint(PROGRESS);
    const client = await this.options.client();
    let stored = 0;
    let read = 0;
    const pages = client.activities({
      type: 'CONDITION',
      after: Math.floor(from / 1000),
      olderThan: resume !== null && /^\d+$/.test(resume) ? Number(resume) : undefined,
      signal: this.stop.signal,
    });
    for await (const page of pages) {
      const conditions = page.items.filter((a) => a.statusCode === 'TRIGGERED' || a.statusCode === 'RESET');
      const oldest = page.items.at(-1)?.id;
      cache.transaction(() => {
        stored += cache.activities.insertMany(conditions.map(mapActivity));
        if (oldest !== undefined) cache.syncState.setCheckpoint(PROGRESS, String(oldest), clock.now());
      });
      read += page.items.length;
    }
    const added = cache.transaction(() => {
      const past = pastTriggers(cache.db, from).flatMap((trigger): PastAlert[] => {
        // The stored activity is read back as untrusted as any other: it came from the network.
        const parsed = webhookActivitySchema.safeParse(trigger.raw);
        if (!parsed.success || typeof parsed.data.seriesUid !== 'string') return [];
        const record = alertOfTrigger({ ...parsed.data, seriesUid: parsed.data.seriesUid }, clock.now());
        return 'problem' in record ? [] : [{ record, triggers: trigger.triggers, resetAt: trigger.resetAt }];
      });
      const n = importPastAlerts(cache.db, past, clock.now());
      cache.syncState.setCheckpoint(CONDITION_HISTORY_FROM, String(from), clock.now());
      cache.syncState.clearCheckpoints(PROGRESS);
      return n;
    });
    logger.info('dashboard: alert history read', { days: HISTORY_DAYS, read, stored, alertsAdded: added });
    this.options.changed(added > 0 ? ['activities', 'alerts'] : ['activities']);
  }
}
