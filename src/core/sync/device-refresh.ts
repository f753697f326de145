import { deviceBatches, idFilter, type QuarantinedRecord } from '../ninjaone';
import type { InventoryFamily } from './inventory';
import { readAhead } from './read-ahead';
import type { RunScope } from './run-scope';

export interface DeviceRefreshOptions {
  /** The sync run rows are stamped with (an unfinished full pass's, so its sweep keeps them). */
  run: number;
  /** Fetch and write the devices themselves (deleting those NinjaOne no longer returns). */
  refetch: boolean;
  /** What else of these devices to replace. */
  families: readonly InventoryFamily<unknown>[];
  signal: AbortSignal;
  /** Devices done so far, after each batch. */
  progress?(done: number): void;
}

/**
 * Fetches what changed devices need, a batch of ids per request: the devices (writing them, and
 * deleting the ones NinjaOne no longer returns) and their inventory families, which replace what the
 * cache had for them. The incremental sync runs it over the devices its activities name, the relay
 * client over the devices a webhook names. The requests of a batch are asked for at once (NinjaOne
 * answers while SQLite writes); the writes keep their order, a device before what hangs off it.
 */
export async function refreshDevices(
  scope: RunScope,
  ids: readonly number[],
  options: DeviceRefreshOptions,
): Promise<void> {
  const { cache, ctx } = scope;
  let done = 0;
  for (const batch of deviceBatches(ids)) {
    const inventory = options.families.map((family) =>
      settled(fetchInventory(scope, family, batch, options.signal)),
    );
    const present = options.refetch
      ? await refetchDevices(scope, batch, options.run, options.signal)
      : cache.devices.cachedOf(batch);
    for (const [j, family] of options.families.entries()) {
      const { rows, quarantined } = await inventory[j]!;
      scope.commit(quarantined, () => family.replace(cache, present, rows, ctx.runId));
      if (present.length > 0) scope.changes.note(family.table, present);
    }
    done += batch.length;
    options.progress?.(done);
  }
}

/** Fetches and writes one batch of devices; those NinjaOne does not return are deleted. Returns the ones that exist. */
async function refetchDevices(
  scope: RunScope,
  batch: readonly number[],
  run: number,
  signal: AbortSignal,
): Promise<number[]> {
  const { cache, client, ctx } = scope;
  const seen = new Set<number>();
  for await (const page of readAhead(client.devicesDetailed({ df: idFilter(batch), signal }))) {
    await scope.writeDevices(page.items, page.quarantined, run);
    for (const device of page.items) seen.add(device.id);
  }
  const gone = cache.devices.cachedOf(batch.filter((id) => !seen.has(id)));
  const removed = scope.commit([], () => {
    // Their installs go first, through the repository that keeps the title counts.
    cache.software.replaceForDevices(gone, [], ctx.runId);
    return cache.devices.deleteMany(gone);
  });
  if (removed.length > 0) {
    scope.count(0, 0, removed.length);
    scope.changes.note('devices', removed);
  }
  return batch.filter((id) => seen.has(id));
}

/** Every query of a family for one batch of devices, mapped. */
async function fetchInventory<R>(
  scope: RunScope,
  family: InventoryFamily<R>,
  batch: readonly number[],
  signal: AbortSignal,
): Promise<{ rows: R[]; quarantined: QuarantinedRecord[] }> {
  const rows: R[] = [];
  const quarantined: QuarantinedRecord[] = [];
  for (const query of family.queries) {
    const from = { rows: rows.length, quarantined: quarantined.length };
    for await (const page of readAhead(query.pages(scope.client, { df: idFilter(batch), signal }))) {
      // An expired cursor restarted the query: what it returned so far comes again.
      if (page.restarted) {
        rows.length = from.rows;
        quarantined.length = from.quarantined;
      }
      for (const item of page.items) rows.push(query.map(item));
      quarantined.push(...page.quarantined);
    }
  }
  return { rows, quarantined };
}

/** A request whose failure is read later (awaited then), not reported as unhandled meanwhile. */
export function settled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
