import type { QuarantinedRecord } from '../ninjaone';
import { inventoryFamilies, type InventoryFamily } from './inventory';
import { activityCheckpoint, advanceActivityCheckpoint, unfinishedPass } from './full-sync';
import { mapActivity } from './mappers/activity';
import { readAhead } from './read-ahead';
import type { RunScope } from './run-scope';

/**
 * Devices per `df=id in (...)` request: small enough for a URL NinjaOne and proxies accept (about
 * 3.5 KB), large enough that a 1% change of 50,000 devices takes two requests per query.
 */
export const DEVICE_BATCH = 400;

/** Organization and location activity codes (organizations are "CLIENT" in NinjaOne's codes). */
const organizationCodes = /^(CLIENT|LOCATION)_/;

export function idFilter(ids: readonly number[]): string {
  return `id in (${ids.join(',')})`;
}

function batches(ids: readonly number[]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < ids.length; i += DEVICE_BATCH) out.push(ids.slice(i, i + DEVICE_BATCH));
  return out;
}

/**
 * What changed since the last sync, at a cost that follows the changes: the activities newer than the
 * checkpoint name the devices that changed, were added or were deleted; those devices are fetched
 * (a batch per request), the ones NinjaOne no longer returns are deleted, the active alerts are
 * reconciled, and software, patches and antivirus are replaced for the changed devices only. The
 * activity checkpoint moves last, after everything it covers: a run killed midway repeats the walk.
 */
export class IncrementalSync {
  constructor(private readonly scope: RunScope) {}

  /** False when there is nothing to walk from (no full pass has finished): the caller runs a full pass. */
  async run(): Promise<boolean> {
    const { cache, ctx } = this.scope;
    const since = activityCheckpoint(cache);
    if (since === null) return false;
    // Devices stay stamped with an unfinished pass's run, so its final sweep keeps what this run adds.
    const deviceRun = unfinishedPass(cache)?.run ?? ctx.runId;

    const { changed, top, organizationsChanged } = await this.walkActivities(since);
    const ids = [...changed].sort((a, b) => a - b);
    // What the changed devices need is asked for at once (NinjaOne answers while SQLite writes); the
    // writes keep their order: a device before what hangs off it, alerts once every device is in.
    const stop = new AbortController();
    const signal = AbortSignal.any([this.scope.signal, stop.signal]);
    try {
      const alerts = settled(this.scope.client.alerts({ signal }));
      if (organizationsChanged) await this.scope.writeOrganizations(deviceRun);
      let done = 0;
      for (const batch of batches(ids)) {
        const inventory = inventoryFamilies.map((family) =>
          settled(this.fetchInventory(family, batch, signal)),
        );
        const present = await this.refetchDevices(batch, deviceRun, signal);
        for (const [i, family] of inventoryFamilies.entries()) {
          const { rows, quarantined } = await inventory[i]!;
          this.scope.commit(quarantined, () => family.replace(cache, present, rows, ctx.runId));
          if (present.length > 0) this.scope.changes.note(family.table, present);
        }
        done += batch.length;
        ctx.progress('devices', done, ids.length);
      }
      await this.scope.reconcileAlerts(undefined, alerts);
    } finally {
      stop.abort();
    }
    this.scope.commit([], () => advanceActivityCheckpoint(cache, top, this.scope.now()));
    this.scope.changes.flush();
    return true;
  }

  /** Stores the new activities (device timelines) and collects the devices they name. */
  private async walkActivities(
    since: number,
  ): Promise<{ changed: Set<number>; top: number; organizationsChanged: boolean }> {
    const { cache, client, ctx } = this.scope;
    const changed = new Set<number>();
    let top = since;
    let organizationsChanged = false;
    let walked = 0;
    for await (const page of readAhead(client.activities({ sinceId: since, signal: this.scope.signal }))) {
      for (const activity of page.items) {
        if (activity.id > top) top = activity.id;
        if (typeof activity.deviceId === 'number') changed.add(activity.deviceId);
        if (activity.statusCode && organizationCodes.test(activity.statusCode)) organizationsChanged = true;
      }
      this.scope.commit(page.quarantined, () => cache.activities.insertMany(page.items.map(mapActivity)));
      walked += page.items.length;
      ctx.progress('activities', walked, null);
    }
    if (walked > 0) this.scope.changes.note('activities', [...changed]);
    return { changed, top, organizationsChanged };
  }

  /** Fetches and writes one batch of changed devices; those NinjaOne does not return are deleted. Returns the ones that exist. */
  private async refetchDevices(
    batch: readonly number[],
    run: number,
    signal: AbortSignal,
  ): Promise<number[]> {
    const { cache, client, ctx } = this.scope;
    const seen = new Set<number>();
    for await (const page of readAhead(client.devicesDetailed({ df: idFilter(batch), signal }))) {
      await this.scope.writeDevices(page.items, page.quarantined, run);
      for (const device of page.items) seen.add(device.id);
    }
    const gone = cache.devices.cachedOf(batch.filter((id) => !seen.has(id)));
    const removed = this.scope.commit([], () => {
      // Their installs go first, through the repository that keeps the title counts.
      cache.software.replaceForDevices(gone, [], ctx.runId);
      return cache.devices.deleteMany(gone);
    });
    if (removed.length > 0) {
      this.scope.count(0, 0, removed.length);
      this.scope.changes.note('devices', removed);
    }
    return batch.filter((id) => seen.has(id));
  }

  /** Every query of a family for one batch of devices, mapped. */
  private async fetchInventory<R>(
    family: InventoryFamily<R>,
    batch: readonly number[],
    signal: AbortSignal,
  ): Promise<{ rows: R[]; quarantined: QuarantinedRecord[] }> {
    const rows: R[] = [];
    const quarantined: QuarantinedRecord[] = [];
    for (const query of family.queries) {
      const from = { rows: rows.length, quarantined: quarantined.length };
      for await (const page of readAhead(query.pages(this.scope.client, { df: idFilter(batch), signal }))) {
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
}

/** A request whose failure is read later (awaited then), not reported as unhandled meanwhile. */
function settled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
