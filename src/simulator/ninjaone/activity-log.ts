import type { SimActivity } from './model';

export interface ActivityPageRequest {
  olderThan?: number;
  newerThan?: number;
  pageSize: number;
  deviceId?: number;
  matches?: (activity: SimActivity) => boolean;
}

/**
 * Every activity, in id order (ids grow with time). Pages come newest first, as `/v2/activities`
 * returns them: `olderThan` walks down from an id, `newerThan` returns the activities just above one.
 */
export class ActivityLog {
  private readonly items: SimActivity[] = [];
  private readonly byDevice = new Map<number, SimActivity[]>();
  private nextId: number;

  constructor(firstId = 100_000_000) {
    this.nextId = firstId;
  }

  append(activity: Omit<SimActivity, 'id'>): SimActivity {
    const stored = { id: this.nextId++, ...activity } as SimActivity;
    this.items.push(stored);
    if (stored.deviceId !== undefined) {
      const list = this.byDevice.get(stored.deviceId);
      if (list) list.push(stored);
      else this.byDevice.set(stored.deviceId, [stored]);
    }
    return stored;
  }

  get lastId(): number {
    return this.items.at(-1)?.id ?? 0;
  }

  lastIdForDevice(deviceId: number): number {
    return this.byDevice.get(deviceId)?.at(-1)?.id ?? 0;
  }

  get size(): number {
    return this.items.length;
  }

  all(): readonly SimActivity[] {
    return this.items;
  }

  page(request: ActivityPageRequest): SimActivity[] {
    const list = request.deviceId === undefined ? this.items : (this.byDevice.get(request.deviceId) ?? []);
    const matches = request.matches ?? (() => true);
    const out: SimActivity[] = [];
    if (request.newerThan !== undefined) {
      for (
        let i = firstAbove(list, request.newerThan);
        i < list.length && out.length < request.pageSize;
        i++
      ) {
        if (matches(list[i]!)) out.push(list[i]!);
      }
      return out.reverse();
    }
    const start =
      request.olderThan === undefined ? list.length - 1 : firstAbove(list, request.olderThan - 1) - 1;
    for (let i = start; i >= 0 && out.length < request.pageSize; i--) {
      if (matches(list[i]!)) out.push(list[i]!);
    }
    return out;
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
