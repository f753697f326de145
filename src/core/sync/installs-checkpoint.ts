import type { Cache } from '../cache/cache';

const INSTALLS_CHECKPOINT = 'patches.installsReadAt';
/**
 * How far before the last read the next one starts. An agent reports an install when it next checks
 * in, which can be hours after `installedAt` (a laptop closed over night), and NinjaOne's clock is not
 * ours; a day of overlap catches both for the price of re-reading a day of installs of the few
 * devices whose patches changed. What an agent reports later still comes with the daily reconcile.
 */
export const INSTALLS_OVERLAP_MS = 24 * 3_600_000;

/**
 * Install histories (`*-patch-installs`) are read incrementally with `installedAfter`: from the last
 * successful read of every device's installs (the start of the last full pass or incremental sync
 * that finished), less the overlap. Null when none finished: read the histories whole.
 */
export function installsReadAfter(cache: Cache): number | null {
  const raw = cache.syncState.checkpoint(INSTALLS_CHECKPOINT);
  return raw === null || !/^\d+$/.test(raw) ? null : Number(raw) - INSTALLS_OVERLAP_MS;
}

/** Installs up to `at` are in the cache (call inside the transaction of the data it covers). */
export function recordInstallsRead(cache: Cache, at: number): void {
  const raw = cache.syncState.checkpoint(INSTALLS_CHECKPOINT);
  if (raw === null || !/^\d+$/.test(raw) || Number(raw) < at)
    cache.syncState.setCheckpoint(INSTALLS_CHECKPOINT, String(Math.round(at)), at);
}
