import type { RuleDecision } from '../../shared/relay/rules';
import type { AlertNotifier } from '../alerts/notifier';

interface Held {
  uid: string;
  timer: NodeJS.Timeout;
}

/**
 * New alerts from the relay notify at once, unless the relay's rules run: then each waits for its
 * rule decision (which follows the trigger in the stream within moments), so a suppressed alert, a
 * silenced device or a flapping condition never reaches the desktop. An alert whose decision is late
 * notifies after `waitMs` anyway.
 */
export class NotificationGate {
  rulesActive = false;
  private readonly held = new Map<number, Held>();

  constructor(
    private readonly notifier: Pick<AlertNotifier, 'suppress'>,
    private readonly release: (uids: string[]) => void,
    private readonly waitMs: number,
  ) {}

  /** Alerts that just opened, with the activity that opened each. */
  triggered(alerts: readonly { uid: string; activityId: number }[]): void {
    if (!this.rulesActive) {
      if (alerts.length > 0) this.release(alerts.map((a) => a.uid));
      return;
    }
    for (const alert of alerts) {
      if (this.held.has(alert.activityId)) continue;
      const timer = setTimeout(() => {
        this.held.delete(alert.activityId);
        this.release([alert.uid]);
      }, this.waitMs);
      timer.unref();
      this.held.set(alert.activityId, { uid: alert.uid, timer });
    }
  }

  decided(decisions: readonly RuleDecision[]): void {
    const notify: string[] = [];
    for (const decision of decisions) {
      if (decision.kind !== 'trigger') continue;
      const held = this.held.get(decision.activityId);
      if (decision.notify) {
        if (!held) continue;
        notify.push(held.uid);
      } else if (decision.seriesUid) {
        this.notifier.suppress([decision.seriesUid]);
      }
      if (held) {
        clearTimeout(held.timer);
        this.held.delete(decision.activityId);
      }
    }
    if (notify.length > 0) this.release(notify);
  }

  close(): void {
    for (const held of this.held.values()) clearTimeout(held.timer);
    this.held.clear();
  }
}
