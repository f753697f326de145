import { deviceBatches, idFilter, type QuarantinedRecord } from '../ninjaone';
import { removeDevices } from './deletion-guard';
import type { InventoryFamily } from './inventory';
import { owe } from './owed-families';
import { walkSplits } from './query-splits';
import { readAhead } from './read-ahead';
import { SKIPPED, type RunScope } from './run-scope';

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
 * A family NinjaOne does not deliver is left as it was (a warning says so); one that kept failing
 * is owed for these devices to the next sync.
 */
export async function refreshDevices(
  scope: RunScope,
  ids: readonly number[],
  options: DeviceRefreshOptions,
): Promise<void> {
  const { cache } = scope;
  let done = 0;
  for (const batch of deviceBatches(ids)) {
    const inventory = options.families.map((family) =>
      settled(fetchInventory(scope, family, batch, options.signal)),
    );
    const present = options.refetch
      ? await refetchDevices(scope, batch, options.run, options.signal)
      : cache.devices.cachedOf(batch);
    for (const [j, family] of options.families.entries()) {
      const fetched = await inventory[j]!;
      if (fetched === SKIPPED) {
        if (family.queries.some((q) => scope.skippedFamily(q.family) === 'failed')) {
          scope.commit([], () => owe(cache, family.phase, present, scope.now()));
        }
        continue;
      }
      scope.commit(fetched.quarantined, () => family.replace(cache, present, fetched.rows, options.run));
      if (present.length > 0) scope.changes.note(family.table, present);
    }
    done += batch.length;
    options.progress?.(done);
  }
}

/**
 * Fetches and writes one batch of devices; those NinjaOne does not return are deleted. Returns the
 * ones that exist (the cached ones, deleting none, when NinjaOne does not deliver devices).
 */
async function refetchDevices(
  scope: RunScope,
  batch: readonly number[],
  run: number,
  signal: AbortSignal,
): Promise<number[]> {
  const { cache } = scope;
  const seen = new Set<number>();
  const read = await scope.family('devices', async () => {
    const pages = scope.client.devicesDetailed({ df: idFilter(batch), until: Math.max(...batch), signal });
    for await (const page of readAhead(pages)) {
      await scope.writeDevices(page.items, page.quarantined, run);
      for (const device of page.items) seen.add(device.id);
    }
  });
  if (read === SKIPPED) return cache.devices.cachedOf(batch);
  const gone = batch.filter((id) => !seen.has(id));
  const removed = scope.commit([], () => removeDevices(cache, gone));
  if (removed.length > 0) {
    scope.count(0, 0, removed.length);
    scope.changes.note('devices', removed);
  }
  return batch.filter((id) => seen.has(id));
}

/**
 * Every query of a family for one batch of devices, mapped; `SKIPPED` when NinjaOne did not deliver
 * one of them (replacing with part of the family would delete the rest). The batch is one split, or
 * smaller ones if its cursor expires.
 */
async function fetchInventory<R>(
  scope: RunScope,
  family: InventoryFamily<R>,
  batch: readonly number[],
  signal: AbortSignal,
): Promise<{ rows: R[]; quarantined: QuarantinedRecord[] } | typeof SKIPPED> {
  const rows: R[] = [];
  const quarantined: QuarantinedRecord[] = [];
  const layout = batch.map((id) => ({ organizationId: null, id }));
  for (const query of family.queries) {
    let from = { rows: rows.length, quarantined: quarantined.length };
    const read = await scope.family(query.family, () =>
      walkSplits({
        layout,
        cut: null,
        sizer: scope.splits,
        pages: (df) => query.pages(scope.client, { df, signal, restarts: 0 }),
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
