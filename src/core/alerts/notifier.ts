import type { DesktopNotification, NotificationPreferences } from '../../shared/contract/notifications';
import type { Logger } from '../../node/logger';
import { planNotifications, type NotificationPlan, type TriggeredAlert } from './notification-policy';

export interface NotifierOptions {
  preferences: () => NotificationPreferences;
  /** Emits the `notifications.show` event (Electron main shows it natively). */
  show: (notification: DesktopNotification) => void;
  logger: Logger;
  /**
   * How long alerts are gathered before the policy runs. Webhooks arrive one by one, so without a
   * window a storm of 14 would still be 14 notifications.
   */
  batchWindowMs?: number;
  now?: () => number;
  /** Devices a technician silenced: their alerts notify nobody. */
  silencedDevices?: (deviceIds: number[]) => Set<number>;
  /** Minutes since local midnight for quiet hours; the process's time zone by default. */
  minuteOfDay?: (epochMs: number) => number;
}

function localMinuteOfDay(epochMs: number): number {
  const date = new Date(epochMs);
  return date.getHours() * 60 + date.getMinutes();
}

/** Alerts already considered: one delivered again (webhook, then poll) never notifies twice. */
const rememberedAlerts = 5000;

/**
 * The entry point for newly triggered alerts: the sync engine and the relay client call
 * `alertsTriggered` with every alert that was not in the cache before. It gathers them for a short
 * window, applies the notification policy and the technician's preferences, and emits what passes.
 */
export class AlertNotifier {
  private readonly pending: TriggeredAlert[] = [];
  private readonly seen = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private sequence = 0;
  private readonly batchWindowMs: number;
  private readonly now: () => number;
  private readonly minuteOfDay: (epochMs: number) => number;

  constructor(private readonly options: NotifierOptions) {
    this.batchWindowMs = options.batchWindowMs ?? 2000;
    this.now = options.now ?? Date.now;
    this.minuteOfDay = options.minuteOfDay ?? localMinuteOfDay;
  }

  alertsTriggered(alerts: readonly TriggeredAlert[]): void {
    for (const alert of alerts) {
      if (this.seen.has(alert.uid)) continue;
      this.remember(alert.uid);
      this.pending.push(alert);
    }
    if (this.pending.length > 0 && !this.timer) {
      this.timer = setTimeout(() => this.flush(), this.batchWindowMs);
      this.timer.unref?.();
    }
  }

  /** These alerts are not to notify, now or when another source (the sync) reports them again. */
  suppress(uids: readonly string[]): void {
    for (const uid of uids) this.remember(uid);
  }

  /** Plans and shows the gathered alerts now (the window's timer calls this). */
  flush(): NotificationPlan {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const gathered = this.pending.splice(0);
    const silenced =
      this.options.silencedDevices?.([...new Set(gathered.map((a) => a.deviceId))]) ?? new Set<number>();
    const batch = gathered.filter((a) => !silenced.has(a.deviceId));
    if (batch.length < gathered.length) {
      this.options.logger.debug('notifier: alerts of silenced devices not shown', {
        count: gathered.length - batch.length,
      });
    }
    const now = this.now();
    const plan = planNotifications(batch, this.options.preferences(), {
      now,
      minuteOfDay: this.minuteOfDay(now),
    });
    for (const planned of plan.notifications) {
      this.options.show({
        id: `${now}-${++this.sequence}`,
        title: planned.title,
        body: planned.body,
        severity: planned.severity,
        alertCount: planned.alertUids.length,
        target: planned.target,
      });
    }
    if (batch.length > 0) {
      this.options.logger.info('notifications: batch planned', {
        alerts: batch.length,
        shown: plan.notifications.length,
        suppressed: plan.suppressed.length,
      });
    }
    return plan;
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.length = 0;
  }

  private remember(uid: string): void {
    this.seen.add(uid);
    if (this.seen.size > rememberedAlerts) {
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }
}
