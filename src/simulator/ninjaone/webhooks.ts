import type { Json } from './views';

/**
 * Webhook deliveries. `PUT /v2/webhook` stores one configuration per client app; every activity the
 * tenant records is POSTed (JSON, plus the configured headers) to each configuration whose
 * `activities` and `organizationIds` filters match, with `device` inlined when `expand` asks for it.
 * Delivery faults reproduce what relays must survive: drops, duplicates, delays, reordering, and
 * NinjaOne disabling a webhook that keeps failing.
 */
export interface WebhookConfiguration {
  url: string;
  activities?: Record<string, string[]>;
  expand?: string[];
  headers?: { name: string; value: string }[];
  organizationIds?: number[];
}

export interface WebhookFaults {
  /** Chance a delivery is silently lost. */
  dropRate: number;
  /** Chance a delivery is sent twice. */
  duplicateRate: number;
  /** Every delivery waits this long first. */
  delayMs: number;
  /** Deliveries go out in swapped pairs (the second activity before the first). */
  reorder: boolean;
  /** Disable a webhook after this many failed deliveries in a row (0: never). */
  disableAfterFailures: number;
}

export interface DeliveryRecord {
  clientId: string;
  activityId: number;
  url: string;
  /** HTTP status; 0 when the receiver could not be reached; null when dropped or pending. */
  status: number | null;
  outcome: 'delivered' | 'failed' | 'dropped' | 'skipped_disabled';
  duplicate: boolean;
  at: number;
}

interface Registered {
  config: WebhookConfiguration;
  disabled: boolean;
  failuresInARow: number;
  queue: Promise<void>;
  held: { payload: Json; activityId: number } | null;
}

export const defaultWebhookFaults: WebhookFaults = {
  dropRate: 0,
  duplicateRate: 0,
  delayMs: 0,
  reorder: false,
  disableAfterFailures: 0,
};

export class WebhookDispatcher {
  private readonly registered = new Map<string, Registered>();
  readonly deliveries: DeliveryRecord[] = [];
  faults: WebhookFaults = { ...defaultWebhookFaults };
  private inflight = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly random: () => number,
    private readonly now: () => number,
  ) {}

  put(clientId: string, config: WebhookConfiguration): void {
    const existing = this.registered.get(clientId);
    this.registered.set(clientId, {
      config,
      disabled: false,
      failuresInARow: 0,
      queue: existing?.queue ?? Promise.resolve(),
      held: null,
    });
  }

  delete(clientId: string): boolean {
    return this.registered.delete(clientId);
  }

  configuration(clientId: string): (WebhookConfiguration & { disabled: boolean }) | null {
    const entry = this.registered.get(clientId);
    return entry ? { ...entry.config, disabled: entry.disabled } : null;
  }

  /** Queues the activity for every matching webhook. `build` inlines what `expand` asks for. */
  publish(
    activity: { id: number; activityType: string; statusCode: string },
    organizationId: number | undefined,
    build: (expand: readonly string[]) => Json,
  ): void {
    for (const [clientId, entry] of this.registered) {
      const { config } = entry;
      if (!matches(config, activity.activityType, activity.statusCode, organizationId)) continue;
      const payload = build(config.expand ?? []);
      if (this.faults.reorder && entry.held === null) {
        entry.held = { payload, activityId: activity.id };
        this.enqueue(clientId, entry, null);
        continue;
      }
      const held = entry.held;
      entry.held = null;
      this.enqueue(clientId, entry, { payload, activityId: activity.id });
      if (held) this.enqueue(clientId, entry, held);
    }
  }

  /** Resolves once every queued delivery has been attempted. */
  idle(): Promise<void> {
    if (this.inflight === 0 && [...this.registered.values()].every((r) => r.held === null))
      return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private enqueue(
    clientId: string,
    entry: Registered,
    item: { payload: Json; activityId: number } | null,
  ): void {
    this.inflight++;
    entry.queue = entry.queue
      .then(async () => {
        if (item === null) {
          // A held delivery waits briefly for a partner to swap with, then goes out alone.
          await delay(Math.max(50, this.faults.delayMs));
          const held = entry.held;
          if (held) {
            entry.held = null;
            await this.deliver(clientId, entry, held);
          }
          return;
        }
        await this.deliver(clientId, entry, item);
      })
      .finally(() => {
        this.inflight--;
        if (this.inflight === 0 && [...this.registered.values()].every((r) => r.held === null)) {
          for (const resolve of this.idleWaiters.splice(0)) resolve();
        }
      });
  }

  private async deliver(
    clientId: string,
    entry: Registered,
    item: { payload: Json; activityId: number },
  ): Promise<void> {
    const { config } = entry;
    if (entry.disabled) {
      this.record(clientId, item.activityId, config.url, null, 'skipped_disabled', false);
      return;
    }
    if (this.faults.delayMs > 0) await delay(this.faults.delayMs);
    if (this.random() < this.faults.dropRate) {
      this.record(clientId, item.activityId, config.url, null, 'dropped', false);
      return;
    }
    const copies = this.random() < this.faults.duplicateRate ? 2 : 1;
    for (let copy = 0; copy < copies; copy++) {
      const status = await post(config, item.payload);
      const ok = status >= 200 && status < 300;
      this.record(clientId, item.activityId, config.url, status, ok ? 'delivered' : 'failed', copy > 0);
      entry.failuresInARow = ok ? 0 : entry.failuresInARow + 1;
      if (this.faults.disableAfterFailures > 0 && entry.failuresInARow >= this.faults.disableAfterFailures) {
        entry.disabled = true;
      }
    }
  }

  private record(
    clientId: string,
    activityId: number,
    url: string,
    status: number | null,
    outcome: DeliveryRecord['outcome'],
    duplicate: boolean,
  ): void {
    this.deliveries.push({ clientId, activityId, url, status, outcome, duplicate, at: this.now() });
    if (this.deliveries.length > 10_000) this.deliveries.splice(0, this.deliveries.length - 10_000);
  }
}

function matches(
  config: WebhookConfiguration,
  activityType: string,
  statusCode: string,
  organizationId: number | undefined,
): boolean {
  if (config.organizationIds && config.organizationIds.length > 0) {
    if (organizationId === undefined || !config.organizationIds.includes(organizationId)) return false;
  }
  if (!config.activities || Object.keys(config.activities).length === 0) return true;
  const codes = config.activities[activityType];
  return codes !== undefined && (codes.includes('*') || codes.includes(statusCode));
}

async function post(config: WebhookConfiguration, payload: Json): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const header of config.headers ?? []) headers[header.name] = header.value;
  try {
    const response = await fetch(config.url, {
      method: 'POST',
      headers,
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer().catch(() => undefined);
    return response.status;
  } catch {
    return 0;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
