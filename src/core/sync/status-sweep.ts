import type { Cache } from '../cache/cache';
import type { NinjaOneClient } from '../ninjaone';
import { ChangeFeed, type CacheChange } from './change-feed';
import { mapDeviceStatus } from './mappers/device';
import { readAhead } from './read-ahead';

const STATUS_CHECKPOINT = 'status.readAt';

/** When every device's status (online, last contact) was last read: the start of the last sweep or full pass. */
export function statusReadAt(cache: Cache): number | null {
  const raw = cache.syncState.checkpoint(STATUS_CHECKPOINT);
  return raw === null || !/^\d+$/.test(raw) ? null : Number(raw);
}

/** Call inside the transaction of the data it covers; the time never moves back. */
export function recordStatusRead(cache: Cache, at: number): void {
  const current = statusReadAt(cache);
  if (current === null || at > current)
    cache.syncState.setCheckpoint(STATUS_CHECKPOINT, String(Math.round(at)), at);
}

export interface StatusSweepResult {
  /** Devices read. */
  devices: number;
  /** Devices whose status or last contact changed. */
  changed: number;
  requests: number;
  startedAt: number;
}

/**
 * Online/offline and last contact, fresh: NinjaOne raises no activity when an agent stops checking
 * in (only an alert, and only when a policy condition asks for one), so the incremental sync cannot
 * follow it. Every few minutes the basic device list (1,000 a page, a few fields each) is walked and
 * only the devices whose status or last contact moved are written, a page per transaction.
 * Devices the list has and the cache not (or the reverse) are left to the sync.
 */
export async function sweepStatus(
  cache: Cache,
  client: NinjaOneClient,
  options: { signal: AbortSignal; changed(change: CacheChange): void; now(): number },
): Promise<StatusSweepResult> {
  const startedAt = options.now();
  const before = client.stats.requests;
  const feed = new ChangeFeed(options.changed, options.now);
  let devices = 0;
  let changed = 0;
  for await (const page of readAhead(client.deviceStatuses({ signal: options.signal }))) {
    const written = cache.transaction(() => cache.devices.applyStatuses(page.items.map(mapDeviceStatus)));
    devices += page.items.length;
    changed += written.length;
    if (written.length > 0) feed.note('devices', written);
    feed.tick();
  }
  cache.transaction(() => recordStatusRead(cache, startedAt));
  feed.flush();
  return { devices, changed, requests: client.stats.requests - before, startedAt };
}
