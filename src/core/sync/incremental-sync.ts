import { activityCheckpoint, advanceActivityCheckpoint, unfinishedPass } from './full-sync';
import { refreshDevices, settled } from './device-refresh';
import { inventoryFamilies } from './inventory';
import { mapActivity } from './mappers/activity';
import { readAhead } from './read-ahead';
import type { RunScope } from './run-scope';

/** Organization and location activity codes (organizations are "CLIENT" in NinjaOne's codes). */
const organizationCodes = /^(CLIENT|LOCATION)_/;

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
    // The active alerts are asked for while the devices are fetched; they are written once every
    // device is in.
    const stop = new AbortController();
    const signal = AbortSignal.any([this.scope.signal, stop.signal]);
    try {
      const alerts = settled(this.scope.client.alerts({ signal }));
      if (organizationsChanged) await this.scope.writeOrganizations(deviceRun);
      await refreshDevices(this.scope, ids, {
        run: deviceRun,
        refetch: true,
        families: inventoryFamilies,
        signal,
        progress: (done) => ctx.progress('devices', done, ids.length),
      });
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
}
