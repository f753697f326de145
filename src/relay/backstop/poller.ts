import type { Logger } from '../../node/logger';
import { deviceBatches, idFilter, type NinjaActivity, type NinjaOneClient } from '../../core/ninjaone';
import { isConsoleActivity } from '../../shared/relay/activity';
import type { RelayMetrics } from '../metrics';
import type { AppendResult, IncomingWebhook, RelayStore } from '../store/store';

export interface BackstopOptions {
  client: NinjaOneClient;
  store: RelayStore;
  /** The webhook intake (dedup on activity id, group commit, streaming, rules). */
  submit(webhook: IncomingWebhook): Promise<AppendResult>;
  metrics: RelayMetrics;
  logger: Logger;
  now(): number;
  /** This instance, as the lease names it: one instance polls at a time. */
  holder: string;
  intervalMs: number;
  /** How far back the first poll looks. */
  lookbackSeconds: number;
}

const CHECKPOINT = 'backstop.lastActivityId';
const LEASE = 'backstop';

type ExpandedDevice = Record<string, unknown>;

/**
 * Webhooks can be lost: on a schedule the backstop reads NinjaOne's activities since the last one it
 * saw and feeds those the log does not hold through the webhook intake, with the device expanded as
 * a webhook has it. A missed trigger whose alert is no longer active is left out: streamed after its
 * reset it would reopen the alert in every console.
 */
export class BackstopPoller {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(private readonly options: BackstopOptions) {}

  start(): void {
    const tick = (): void => {
      this.running ??= this.pollOnce()
        .catch((error: unknown) =>
          this.options.logger.warn('backstop: the poll failed; next time', { error }),
        )
        .finally(() => (this.running = null));
    };
    this.timer = setInterval(tick, this.options.intervalMs);
    this.timer.unref();
    tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.options.store.releaseLease(LEASE, this.options.holder).catch(() => undefined);
  }

  /** One poll; answers how many activities it read and how many the log did not have. */
  async pollOnce(): Promise<{ read: number; inserted: number }> {
    const { store, client, now, holder, intervalMs } = this.options;
    if (!(await store.acquireLease(LEASE, holder, now(), intervalMs * 2 + 60_000)))
      return { read: 0, inserted: 0 };
    const stored = await store.readState(CHECKPOINT);
    const pages =
      stored !== null
        ? client.activities({ sinceId: Number(stored) })
        : client.activities({ after: Math.floor((now() - this.options.lookbackSeconds * 1000) / 1000) });
    const wanted: NinjaActivity[] = [];
    let top = stored === null ? 0 : Number(stored);
    let read = 0;
    for await (const page of pages) {
      for (const activity of page.items) {
        read += 1;
        top = Math.max(top, activity.id);
        if (isConsoleActivity(activity.activityType, activity.statusCode)) wanted.push(activity);
      }
    }
    const known = new Set(await store.knownActivities(wanted.map((a) => a.id)));
    const missed = wanted.filter((a) => !known.has(a.id)).sort((a, b) => a.id - b.id);
    const inserted = missed.length > 0 ? await this.insert(missed) : 0;
    if (top > 0) await store.writeState(CHECKPOINT, String(top));
    this.options.metrics.backstopPolls += 1;
    this.options.metrics.backstopInserted += inserted;
    if (inserted > 0)
      this.options.logger.info('backstop: inserted activities the webhooks missed', { inserted });
    return { read, inserted };
  }

  private async insert(missed: NinjaActivity[]): Promise<number> {
    const { client } = this.options;
    const active = await client.alerts();
    const activeSeries = new Set(active.items.map((a) => a.uid));
    const devices = new Map<number, ExpandedDevice>();
    for (const alert of active.items) {
      if (alert.device && typeof alert.device.id === 'number') devices.set(alert.device.id, alert.device);
    }
    const kept = missed.filter(
      (a) => !(a.statusCode === 'TRIGGERED' && a.seriesUid && !activeSeries.has(a.seriesUid)),
    );
    const unknown = [
      ...new Set(kept.map((a) => a.deviceId).filter((id): id is number => typeof id === 'number')),
    ].filter((id) => !devices.has(id));
    for (const batch of deviceBatches(unknown)) {
      for await (const page of client.devices({ df: idFilter(batch) }))
        for (const d of page.items) devices.set(d.id, d);
    }
    let inserted = 0;
    for (const activity of kept) {
      const device = typeof activity.deviceId === 'number' ? devices.get(activity.deviceId) : undefined;
      const body = JSON.stringify(device ? { ...activity, device: expanded(device) } : activity);
      const result = await this.options.submit({ activityId: activity.id, body });
      if (result.status === 'accepted') inserted += 1;
    }
    return inserted;
  }
}

/** The device as a webhook registered with `expand: ["device"]` carries it. */
function expanded(device: ExpandedDevice): ExpandedDevice {
  const keys = ['id', 'organizationId', 'locationId', 'nodeClass', 'displayName', 'systemName', 'offline'];
  return Object.fromEntries(keys.filter((k) => device[k] !== undefined).map((k) => [k, device[k]]));
}
