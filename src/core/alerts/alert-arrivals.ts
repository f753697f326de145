import type { UnseenAlerts } from '../../shared/contract/alerts';

/** How many arrivals are remembered; older ones stop counting as new (a storm cannot grow memory). */
export const rememberedArrivals = 1000;

/**
 * Alerts that arrived while the console runs (opened by a sync after the first, or by the relay)
 * and that nobody has marked as seen yet: the "new" marker on their rows, the count on the Alerts
 * item and in the window title. An arrival stops being new when it is acknowledged or reset.
 *
 * Whoever writes alerts calls `arrived(openedUids)` (an empty list after any other alert change), so
 * acknowledgements and resets, from this console or another, take arrivals off the list.
 */
export class AlertArrivals {
  /** Arrival time by uid, oldest first (Map keeps insertion order). */
  private readonly arrivals = new Map<string, number>();
  private lastEmitted = '';

  constructor(
    private readonly deps: {
      /** The uids among these that are open and not acknowledged. */
      unseenAmong(uids: readonly string[]): Set<string>;
      emit(unseen: UnseenAlerts): void;
      now?: () => number;
    },
  ) {}

  arrived(uids: readonly string[]): void {
    const now = (this.deps.now ?? Date.now)();
    for (const uid of uids) {
      // A re-opened alert is new again, and the newest.
      this.arrivals.delete(uid);
      this.arrivals.set(uid, now);
    }
    while (this.arrivals.size > rememberedArrivals) {
      const oldest = this.arrivals.keys().next().value;
      if (oldest === undefined) break;
      this.arrivals.delete(oldest);
    }
    this.publish();
  }

  /** Newest arrival first. */
  unseen(): UnseenAlerts {
    const still = this.deps.unseenAmong([...this.arrivals.keys()]);
    for (const uid of this.arrivals.keys()) if (!still.has(uid)) this.arrivals.delete(uid);
    return { uids: [...this.arrivals.keys()].reverse() };
  }

  private publish(): void {
    const unseen = this.unseen();
    const key = unseen.uids.join(',');
    if (key === this.lastEmitted) return;
    this.lastEmitted = key;
    this.deps.emit(unseen);
  }
}
