import { inventoryInvalidations } from '../../shared/ninjaone-activities';
import { deviceBatches, idFilter, type QuarantinedRecord } from '../ninjaone';
import { removeDevices } from './deletion-guard';
import { deviceFamilies, type DeviceFamily } from './inventory';
import { owe } from './owed-families';
import { walkSplits } from './query-splits';
import { readAhead } from './read-ahead';
import { SKIPPED, type RunScope } from './run-scope';
import type { StaleDevices } from './sync-job';

export interface DeviceRefreshOptions {
  /** The sync run rows are stamped with (an unfinished full pass's, so its sweep keeps them). */
  run: number;
  signal: AbortSignal;
  /** Install histories are read for installs after this time (epoch ms); null reads them whole. */
  installsAfter: number | null;
  /** Device records done so far, of how many. */
  progress?(done: number, total: number): void;
}

/**
 * Reads again what activities or webhooks made stale, and only that, a batch of ids per request:
 * first the device records (writing them, and deleting the devices NinjaOne no longer returns), then
 * each inventory family for its own devices, the families side by side. A family's rows replace what
 * the cache had of those devices (install histories are merged). The incremental sync runs it over
 * what its activities invalidate, the relay client over what one webhook does. A family NinjaOne does
 * not deliver is left as it was (a warning says so); one that kept failing is owed for these devices
 * to the next sync.
 */
export async function refreshDevices(
  scope: RunScope,
  stale: StaleDevices,
  options: DeviceRefreshOptions,
): Promise<void> {
  const ids = (part: keyof StaleDevices): number[] => [...new Set(stale[part] ?? [])].sort((a, b) => a - b);
  const records = ids('device');
  // Install histories are read since the last read only for devices that had theirs read before.
  const historyRead = new Set(
    scope.cache.patches.readOf([...new Set([...ids('osPatches'), ...ids('softwarePatches')])]),
  );
  let done = 0;
  for (const batch of deviceBatches(records)) {
    await refetchDevices(scope, batch, options.run, options.signal);
    done += batch.length;
    options.progress?.(done, records.length);
  }
  // One family failing stops the others before they write more.
  const stop = new AbortController();
  const signal = AbortSignal.any([options.signal, stop.signal]);
  const results = await Promise.allSettled(
    inventoryInvalidations.map(async (name) => {
      try {
        await refreshFamily(scope, deviceFamilies[name], ids(name), historyRead, { ...options, signal });
      } catch (error) {
        stop.abort();
        throw error;
      }
    }),
  );
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

async function refreshFamily(
  scope: RunScope,
  family: DeviceFamily<unknown>,
  ids: readonly number[],
  historyRead: ReadonlySet<number>,
  options: DeviceRefreshOptions,
): Promise<void> {
  const { cache } = scope;
  const hasHistory = family.queries.some((q) => q.history);
  // Devices whose install history was never read get it whole, in batches of their own.
  const groups = hasHistory
    ? [
        { ids: ids.filter((id) => historyRead.has(id)), installsAfter: options.installsAfter },
        { ids: ids.filter((id) => !historyRead.has(id)), installsAfter: null },
      ]
    : [{ ids, installsAfter: null }];
  for (const group of groups) {
    for (const batch of deviceBatches(group.ids)) {
      const present = cache.devices.cachedOf(batch);
      if (present.length === 0) continue;
      const fetched = await fetchInventory(scope, family, present, {
        ...options,
        installsAfter: group.installsAfter,
      });
      if (fetched === SKIPPED) {
        if (family.queries.some((q) => scope.skippedFamily(q.family) === 'failed'))
          scope.commit([], () => owe(cache, family.phase, present, scope.now()));
        continue;
      }
      scope.commit(fetched.quarantined, () => family.apply(cache, present, fetched.rows, options.run));
      scope.changes.note(family.table, present);
      scope.changes.note('devices', present);
    }
  }
}

/** Fetches and writes one batch of devices; those NinjaOne does not return are deleted. */
async function refetchDevices(
  scope: RunScope,
  batch: readonly number[],
  run: number,
  signal: AbortSignal,
): Promise<void> {
  const { cache } = scope;
  const seen = new Set<number>();
  const read = await scope.family('devices', async () => {
    const pages = scope.client.devicesDetailed({ df: idFilter(batch), until: Math.max(...batch), signal });
    for await (const page of readAhead(pages)) {
      await scope.writeDevices(page.items, page.quarantined, run);
      for (const device of page.items) seen.add(device.id);
    }
  });
  // NinjaOne did not deliver the devices: none is deleted on that.
  if (read === SKIPPED) return;
  const gone = batch.filter((id) => !seen.has(id));
  const removed = scope.commit([], () => removeDevices(cache, gone));
  if (removed.length > 0) {
    scope.count(0, 0, removed.length);
    scope.changes.note('devices', removed);
  }
}

/**
 * Every query of a family for one batch of devices, mapped; `SKIPPED` when NinjaOne did not deliver
 * one of them (replacing with part of the family would delete the rest). The batch is one split, or
 * smaller ones if its cursor expires.
 */
async function fetchInventory(
  scope: RunScope,
  family: DeviceFamily<unknown>,
  batch: readonly number[],
  options: DeviceRefreshOptions,
): Promise<{ rows: unknown[]; quarantined: QuarantinedRecord[] } | typeof SKIPPED> {
  const rows: unknown[] = [];
  const quarantined: QuarantinedRecord[] = [];
  const layout = batch.map((id) => ({ organizationId: null, id }));
  const installedAfter =
    options.installsAfter === null ? undefined : Math.floor(options.installsAfter / 1000);
  for (const query of family.queries) {
    let from = { rows: rows.length, quarantined: quarantined.length };
    const read = await scope.family(query.family, () =>
      walkSplits({
        layout,
        cut: null,
        sizer: scope.splits,
        pages: (df) =>
          query.pages(scope.client, {
            df,
            signal: options.signal,
            restarts: 0,
            installedAfter: query.history ? installedAfter : undefined,
          }),
        onPage: (page) => {
          for (const item of page.items) rows.push(query.map(item));
          quarantined.push(...page.quarantined);
        },
        // What the expired split gave comes again.
        onRestart: () => {
          rows.length = from.rows;
          quarantined.length = from.quarantined;
        },
        onSplitDone: () => {
          from = { rows: rows.length, quarantined: quarantined.length };
        },
      }),
    );
    if (read === SKIPPED) return SKIPPED;
  }
  return { rows, quarantined };
}

/** A request whose failure is read later (awaited then), not reported as unhandled meanwhile. */
export function settled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
