import { invalidatedBy } from '../../shared/ninjaone-activities';
import { activityCheckpoint, advanceActivityCheckpoint, unfinishedPass } from './full-sync';
import { refreshDevices, settled } from './device-refresh';
import { installsReadAfter, recordInstallsRead } from './installs-checkpoint';
import { mapActivity } from './mappers/activity';
import { readAhead } from './read-ahead';
import type { RunScope } from './run-scope';
import type { StaleDevices } from './sync-job';

type Part = keyof StaleDevices;

/**
 * What changed since the last sync, at a cost that follows the changes: each activity newer than the
 * checkpoint invalidates what it can have changed (see `invalidatedBy`: a login or a script run
 * nothing, a software change that device's software, a new device everything), and only that is read
 * again, a batch of devices per request; the devices NinjaOne no longer returns are deleted, the active
 * alerts are reconciled, and install histories are read only since the last read. The activity
 * checkpoint moves last, after everything it covers: a run killed midway repeats the walk.
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
    const walkStartedAt = this.scope.now();

    const { stale, top, organizationsChanged } = await this.walkActivities(since);
    // The active alerts are asked for while the devices are fetched; they are written once every
    // device is in.
    const stop = new AbortController();
    const signal = AbortSignal.any([this.scope.signal, stop.signal]);
    try {
      const alerts = settled(this.scope.client.alerts({ signal }));
      if (organizationsChanged) await this.scope.writeOrganizations(deviceRun);
      await refreshDevices(this.scope, stale, {
        run: deviceRun,
        signal,
        installsAfter: installsReadAfter(cache),
        progress: (done, total) => ctx.progress('devices', done, total),
      });
      await this.scope.reconcileAlerts(undefined, alerts);
    } finally {
      stop.abort();
    }
    this.scope.commit([], () => {
      advanceActivityCheckpoint(cache, top, this.scope.now());
      recordInstallsRead(cache, walkStartedAt);
    });
    this.scope.changes.flush();
    return true;
  }

  /** Stores the new activities (device timelines) and collects what they make stale. */
  private async walkActivities(
    since: number,
  ): Promise<{ stale: Record<Part, Set<number>>; top: number; organizationsChanged: boolean }> {
    const { cache, client, ctx } = this.scope;
    const stale: Record<Part, Set<number>> = {
      device: new Set(),
      software: new Set(),
      osPatches: new Set(),
      softwarePatches: new Set(),
      antivirus: new Set(),
    };
    const named = new Set<number>();
    const alerting = new Set<number>();
    let top = since;
    let organizationsChanged = false;
    let walked = 0;
    for await (const page of readAhead(client.activities({ sinceId: since, signal: this.scope.signal }))) {
      for (const activity of page.items) {
        if (activity.id > top) top = activity.id;
        for (const part of invalidatedBy(activity.activityType, activity.statusCode)) {
          if (part === 'organizations') organizationsChanged = true;
          else if (typeof activity.deviceId !== 'number') continue;
          else if (part === 'alerts') alerting.add(activity.deviceId);
          else stale[part].add(activity.deviceId);
        }
        if (typeof activity.deviceId === 'number') named.add(activity.deviceId);
      }
      this.scope.commit(page.quarantined, () => cache.activities.insertMany(page.items.map(mapActivity)));
      walked += page.items.length;
      ctx.progress('activities', walked, null);
    }
    if (walked > 0) this.scope.changes.note('activities', [...named]);
    // An alert of a device the cache does not have yet brings the device, and all it carries.
    for (const id of alerting) {
      if (cache.devices.cachedOf([id]).length > 0) continue;
      for (const part of Object.values(stale)) part.add(id);
    }
    return { stale, top, organizationsChanged };
  }
}
