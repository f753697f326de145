import { webhookActivitySchema, type WebhookActivity } from '../../shared/relay/activity';
import type { RuleDecision } from '../../shared/relay/rules';
import type { SseMessage } from '../../shared/relay/sse-parser';
import { streamEventSchema, type StreamEvent } from '../../shared/relay/stream';
import type { Cache } from '../cache/cache';
import type { AlertRecord } from '../cache/repositories/alerts';
import type { Logger } from '../../node/logger';
import { epochToMs } from '../ninjaone/time';
import type { StaleDevices } from '../sync/sync-job';
import { invalidatedBy } from '../../shared/ninjaone-activities';
import { mapActivity } from '../sync/mappers/activity';
import { mapDeviceStatus } from '../sync/mappers/device';
import { alertOfTrigger } from '../sync/mappers/alert';
import type { TeamLedgerMirror } from './ledger';
import type { RelaySettings } from './settings';
import type { CacheTopic } from '../../shared/contract/cache-topics';

export interface ApplierDeps {
  cache: Cache;
  settings: RelaySettings;
  mirror: TeamLedgerMirror;
  /** Reads again what webhooks made stale, through the sync engine; false when it could not. */
  refreshDevices(stale: StaleDevices): Promise<boolean>;
  /** NinjaOne reset these alerts (the PSA follow-up comments on their tickets). */
  alertsReset(uids: string[], at: number): void;
  logger: Logger;
  now(): number;
}

/** What one batch changed, for the events and services that follow the commit. */
export interface AppliedBatch {
  seq: number | null;
  tables: Set<CacheTopic>;
  /** Alerts that opened (new, or a reset series triggering again), with the activity that opened each. */
  opened: { uid: string; activityId: number }[];
  decisions: RuleDecision[];
  /** The latest rules state the stream announced, if any. */
  rulesActive: boolean | null;
  /** The relay could not resume where the console was: a full sync must fill the gap. */
  reset: boolean;
}

const conditionTypes = /^CONDITION/;

interface Parsed {
  seq: number | null;
  at: number;
  event: StreamEvent | null;
  activity: WebhookActivity | null;
}

/**
 * Applies a batch of relay events to the cache: fetches what the webhooks name first (devices
 * created, changed or deleted, devices of new alerts, patches), then writes the timeline, alerts,
 * resets, acknowledgements, ledger entries and silences in one transaction with the stream position,
 * so a console killed at any point resumes with neither a gap nor a repeat.
 */
export class EventApplier {
  constructor(private readonly deps: ApplierDeps) {}

  async apply(url: string, messages: readonly SseMessage[]): Promise<AppliedBatch> {
    const { cache, settings } = this.deps;
    const position = settings.position(url)?.seq ?? null;
    const parsed = messages
      .map((m) => this.parse(m))
      .filter((p) => p.seq === null || position === null || p.seq > position || p.event?.type === 'reset');
    const activities = parsed.map((p) => p.activity).filter((a): a is WebhookActivity => a !== null);
    await this.fetchNamed(activities);

    const batch: AppliedBatch = {
      seq: null,
      tables: new Set(),
      opened: [],
      decisions: [],
      rulesActive: null,
      reset: false,
    };
    let lastEventAt: number | null = null;
    cache.transaction(() => {
      for (const item of parsed) {
        if (item.event) this.write(item, batch);
        if (item.seq !== null) batch.seq = item.seq;
        lastEventAt = item.at;
      }
      if (batch.seq !== null)
        settings.setPosition({
          url,
          seq: batch.seq,
          lastEventAt: lastEventAt ?? settings.position(url)?.lastEventAt ?? null,
        });
    });
    return batch;
  }

  private parse(message: SseMessage): Parsed {
    const seq = /^\d+$/.test(message.id) ? Number(message.id) : null;
    let data: unknown;
    try {
      data = JSON.parse(message.data);
    } catch {
      data = null;
    }
    const event = streamEventSchema.safeParse(data);
    // Event types this console does not know are skipped (their position still counts).
    if (!event.success) return { seq, at: this.deps.now(), event: null, activity: null };
    const at = 'at' in event.data ? event.data.at : this.deps.now();
    if (event.data.type !== 'webhook') return { seq, at, event: event.data, activity: null };
    const activity = webhookActivitySchema.safeParse(event.data.activity);
    if (!activity.success) {
      this.deps.logger.warn('relay: skipped a webhook that is not an activity', { seq });
      return { seq, at, event: null, activity: null };
    }
    return { seq, at, event: event.data, activity: activity.data };
  }

  /**
   * Reads again, before the batch is written, what the activities made stale of the devices they
   * name (see `invalidatedBy`: a software change that device's software, a reboot its record, a login
   * nothing), and the whole device when an alert names one the cache does not have yet.
   */
  private async fetchNamed(activities: readonly WebhookActivity[]): Promise<void> {
    const stale: Required<Record<keyof StaleDevices, Set<number>>> = {
      device: new Set(),
      software: new Set(),
      osPatches: new Set(),
      softwarePatches: new Set(),
      antivirus: new Set(),
    };
    for (const a of activities) {
      if (typeof a.deviceId !== 'number') continue;
      for (const part of invalidatedBy(a.activityType, a.statusCode)) {
        if (part !== 'alerts' && part !== 'organizations') stale[part].add(a.deviceId);
      }
      if (isTrigger(a) && this.deps.cache.devices.cachedOf([a.deviceId]).length === 0)
        for (const part of Object.values(stale)) part.add(a.deviceId);
    }
    if (Object.values(stale).every((ids) => ids.size === 0)) return;
    try {
      if (!(await this.deps.refreshDevices(stale)))
        this.deps.logger.info('relay: devices named by webhooks wait for the next sync');
    } catch (error) {
      this.deps.logger.warn('relay: reading what a webhook changed failed; the next sync brings it', {
        error,
      });
    }
  }

  private write(item: Parsed, batch: AppliedBatch): void {
    const event = item.event!;
    switch (event.type) {
      case 'webhook':
        this.writeActivity(item.activity!, event.at, batch);
        return;
      case 'ledger':
        this.deps.mirror.apply(event.entry);
        batch.tables.add('alerts');
        return;
      case 'decision':
        batch.decisions.push(event.decision);
        return;
      case 'silence': {
        const { silence } = event;
        if (silence.until === null) this.deps.cache.silences.unsilence(silence.deviceId);
        else
          this.deps.cache.silences.silence(
            silence.deviceId,
            silence.until,
            silence.by ?? '',
            silence.reason,
            event.at,
          );
        batch.tables.add('device_silences');
        return;
      }
      case 'rules':
        batch.rulesActive = event.rules.active;
        return;
      case 'reset':
        batch.reset = true;
        return;
    }
  }

  private writeActivity(activity: WebhookActivity, receivedAt: number, batch: AppliedBatch): void {
    const { cache } = this.deps;
    const at = epochToMs(activity.activityTime) ?? receivedAt;
    if (cache.activities.insertMany([mapActivity({ ...activity, activityTime: at })]) > 0)
      batch.tables.add('activities');
    // The device the webhook carries tells its status now, without waiting for the next sweep.
    const device = activity.device;
    if (typeof activity.deviceId === 'number' && typeof device?.offline === 'boolean') {
      const status = mapDeviceStatus({ ...device, id: activity.deviceId, offline: device.offline });
      if (cache.devices.applyStatuses([status], { notOlder: true }).length > 0) batch.tables.add('devices');
    }
    if (!activity.seriesUid || !activity.activityType || !conditionTypes.test(activity.activityType)) return;
    const uid = activity.seriesUid;
    if (activity.statusCode === 'RESET') {
      this.deps.alertsReset([uid], at);
      batch.tables.add('alerts');
    } else if (activity.statusCode === 'ACKNOWLEDGED') {
      if (cache.alerts.acknowledgeIfOpen(uid, 'NinjaOne', at)) batch.tables.add('alerts');
    } else if (isTrigger(activity)) {
      const record = this.triggered({ ...activity, seriesUid: uid }, receivedAt);
      if (record && cache.alerts.upsertMany([record]).written.length > 0) {
        batch.opened.push({ uid, activityId: activity.id });
        batch.tables.add('alerts');
        batch.tables.add('devices');
      }
    }
  }

  /**
   * The alert a trigger opens, or null: when it is open already (a repeat), when a reset newer than
   * the trigger was applied (deliveries come out of order), or when its device is not cached.
   */
  private triggered(
    activity: WebhookActivity & { seriesUid: string },
    receivedAt: number,
  ): AlertRecord | null {
    const mapped = alertOfTrigger(activity, receivedAt);
    if ('problem' in mapped) return null;
    let existing;
    try {
      existing = this.deps.cache.alerts.get(mapped.uid);
    } catch {
      return mapped;
    }
    if (existing.state === 'open' || (existing.resetAt !== null && existing.resetAt >= mapped.createdAt))
      return null;
    // What the activity lacks, the series' earlier trigger (as synced) already told.
    return {
      ...mapped,
      conditionName: mapped.conditionName ?? existing.conditionName,
      sourceType: mapped.sourceType ?? existing.sourceType,
    };
  }
}

function isTrigger(activity: WebhookActivity): boolean {
  return (
    !!activity.seriesUid &&
    !!activity.activityType &&
    conditionTypes.test(activity.activityType) &&
    activity.statusCode !== 'RESET' &&
    activity.statusCode !== 'ACKNOWLEDGED'
  );
}
