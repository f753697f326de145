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
    if (organizationsChanged) await this.scope.writeOrganizations(deviceRun);
    const present = await this.refetchDevices(
      [...changed].sort((a, b) => a - b),
      deviceRun,
    );
    await this.scope.reconcileAlerts();
    for (const family of inventoryFamilies) await this.replaceInventory(family, present);
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

  /** Fetches the changed devices a batch at a time; those NinjaOne does not return are deleted. Returns the ones that exist. */
  private async refetchDevices(ids: readonly number[], run: number): Promise<number[]> {
    const { cache, client, ctx } = this.scope;
    const present: number[] = [];
    let done = 0;
    for (const batch of batches(ids)) {
      const seen = new Set<number>();
      const pages = client.devicesDetailed({ df: idFilter(batch), signal: this.scope.signal });
      for await (const page of readAhead(pages)) {
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
      present.push(...batch.filter((id) => seen.has(id)));
      done += batch.length;
      ctx.progress('devices', done, ids.length);
    }
    return present;
  }

  private async replaceInventory<R>(family: InventoryFamily<R>, deviceIds: readonly number[]): Promise<void> {
    const { cache, client, ctx } = this.scope;
    let done = 0;
    for (const batch of batches(deviceIds)) {
      const rows: R[] = [];
      const quarantined: QuarantinedRecord[] = [];
      for (const query of family.queries) {
        const from = { rows: rows.length, quarantined: quarantined.length };
        const pages = query.pages(client, { df: idFilter(batch), signal: this.scope.signal });
        for await (const page of readAhead(pages)) {
          // An expired cursor restarted the query: what it returned so far comes again.
          if (page.restarted) {
            rows.length = from.rows;
            quarantined.length = from.quarantined;
          }
          for (const item of page.items) rows.push(query.map(item));
          quarantined.push(...page.quarantined);
        }
      }
      this.scope.commit(quarantined, () => family.replace(cache, batch, rows, ctx.runId));
      done += batch.length;
      ctx.progress(family.phase, done, deviceIds.length);
    }
    if (deviceIds.length > 0) {
      this.scope.changes.note(family.table, deviceIds);
      this.scope.changes.note('devices', deviceIds);
    }
  }
}
