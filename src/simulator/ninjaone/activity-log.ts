import type { SimActivity } from './model';

export interface ActivityPageRequest {
  olderThan?: number;
  newerThan?: number;
  pageSize: number;
  deviceId?: number;
  matches?: (activity: SimActivity) => boolean;
  /** Epoch seconds: activities recorded late stay hidden until then. */
  now: number;
}

/**
 * Every activity, in id order (ids grow with time). Pages come newest first, as `/v2/activities`
 * returns them: `olderThan` walks down from an id, `newerThan` returns the activities just above one.
 * Old activities are pruned (NinjaOne keeps a limited history), and an activity may become visible
 * after ones with higher ids (`hidden`), as a busy server's commits can.
 */
export class ActivityLog {
  private items: SimActivity[] = [];
  /** Index of the oldest retained activity in `items` (pruned ones stay below it until compacted). */
  private start = 0;
  private readonly byDevice = new Map<number, SimActivity[]>();
  /** Activity id -> epoch seconds it becomes visible at. */
  private readonly hidden = new Map<number, number>();
  private nextId: number;

  constructor(firstId = 100_000_000) {
    this.nextId = firstId;
  }

  append(activity: Omit<SimActivity, 'id'>, visibleAt?: number): SimActivity {
    const stored = { id: this.nextId++, ...activity } as SimActivity;
    this.items.push(stored);
    if (visibleAt !== undefined) this.hidden.set(stored.id, visibleAt);
    if (stored.deviceId !== undefined) {
      const list = this.byDevice.get(stored.deviceId);
      if (list) list.push(stored);
      else this.byDevice.set(stored.deviceId, [stored]);
    }
    return stored;
  }

  /** The newest visible activity id (0 when there is none). */
  lastId(now: number): number {
    for (let i = this.items.length - 1; i >= this.start; i--) {
      if (this.visible(this.items[i]!, now)) return this.items[i]!.id;
    }
    return 0;
  }

  lastIdForDevice(deviceId: number, now: number): number {
    const list = this.byDevice.get(deviceId) ?? [];
    for (let i = list.length - 1; i >= 0; i--) if (this.visible(list[i]!, now)) return list[i]!.id;
    return 0;
  }

  /** The oldest activity id still kept (0 when there is none). */
  get firstId(): number {
    return this.items[this.start]?.id ?? 0;
  }

  get size(): number {
    return this.items.length - this.start;
  }

  all(): readonly SimActivity[] {
    return this.start === 0 ? this.items : this.items.slice(this.start);
  }

  page(request: ActivityPageRequest): SimActivity[] {
    const whole = request.deviceId === undefined;
    const list = whole ? this.items : (this.byDevice.get(request.deviceId!) ?? []);
    const floor = whole ? this.start : 0;
    const matches = request.matches ?? (() => true);
    const keep = (a: SimActivity): boolean => this.visible(a, request.now) && matches(a);
    const out: SimActivity[] = [];
    if (request.newerThan !== undefined) {
      for (
        let i = Math.max(floor, firstAbove(list, request.newerThan));
        i < list.length && out.length < request.pageSize;
        i++
      ) {
        if (keep(list[i]!)) out.push(list[i]!);
      }
      return out.reverse();
    }
    const start =
      request.olderThan === undefined ? list.length - 1 : firstAbove(list, request.olderThan - 1) - 1;
    for (let i = start; i >= floor && out.length < request.pageSize; i--) {
      if (keep(list[i]!)) out.push(list[i]!);
    }
    return out;
  }

  /**
   * Drops activities recorded before `before` (epoch seconds), and the oldest beyond `keep`; returns
   * how many went. Ids are never reused: a client that walks down to a pruned id finds nothing.
   */
  prune(before: number, keep: number): number {
    let removed = 0;
    while (
      this.start < this.items.length &&
      (this.items[this.start]!.activityTime < before || this.items.length - this.start > keep)
    ) {
      const gone = this.items[this.start++]!;
      removed++;
      this.hidden.delete(gone.id);
      if (gone.deviceId !== undefined) {
        const list = this.byDevice.get(gone.deviceId);
        if (list?.[0] === gone) list.shift();
        if (list?.length === 0) this.byDevice.delete(gone.deviceId);
      }
    }
    // Compacted now and then, not on every prune: a splice of millions of entries per request is slow.
    if (this.start > 50_000 && this.start > this.items.length / 4) {
      this.items = this.items.slice(this.start);
      this.start = 0;
    }
    return removed;
  }

  private visible(activity: SimActivity, now: number): boolean {
    const at = this.hidden.get(activity.id);
    if (at === undefined) return true;
    if (at > now) return false;
    this.hidden.delete(activity.id);
    return true;
  }
}

/** Index of the first activity whose id is greater than `id` (binary search). */
function firstAbove(list: readonly SimActivity[], id: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.id > id) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
