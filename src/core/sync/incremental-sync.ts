import type { NinjaActivity } from '../ninjaone';
import { heldWarning, holdDeletion, removeDevices, shareReason } from './deletion-guard';
import { refreshDevices, settled } from './device-refresh';
import { readFamily } from './family-read';
import {
  activityCheckpoint,
  advanceActivityCheckpoint,
  overlapCheckpoint,
  unfinishedPass,
} from './full-sync';
import { inventoryFamilies } from './inventory';
import { mapActivity } from './mappers/activity';
import { owedFamilies, settle } from './owed-families';
import { readAhead } from './read-ahead';
import { SKIPPED, type RunScope } from './run-scope';
import { syncSettings } from './sync-settings';

/**
 * Organization and location changes (organizations are "CLIENT" in NinjaOne's codes). Only these:
 * `CLIENT_DOCUMENT_*`, `CLIENT_CHECKLIST_*` and the like are documentation, not the organization.
 */
const organizationCodes: ReadonlySet<string> = new Set([
  'CLIENT_CREATED',
  'CLIENT_UPDATED',
  'CLIENT_DELETED',
  'LOCATION_CREATED',
  'LOCATION_UPDATED',
  'LOCATION_DELETED',
]);

/**
 * How far below the checkpoint each walk looks again (seconds of activity time): an activity NinjaOne
 * made visible late, with an id below one already read, is still found within this window.
 */
export const OVERLAP_SECONDS = 600;

/**
 * `done`; or why the caller must run a full pass instead: no full pass has finished yet, NinjaOne
 * does not deliver the activity log, or it pruned activities the walk needed (it cannot prove it saw
 * every change since the checkpoint).
 */
export type IncrementalOutcome = 'done' | 'no_checkpoint' | 'no_activities' | 'pruned';

interface Walk {
  changed: Set<number>;
  top: number;
  /** When the newest activity walked happened (epoch seconds), null when none was new. */
  topTime: number | null;
  organizationsChanged: boolean;
  /** Activities found below the checkpoint that were never applied: stored with the checkpoint. */
  late: NinjaActivity[];
  /** The walk never reached the checkpoint. */
  pruned: boolean;
}

/**
 * What changed since the last sync, at a cost that follows the changes: the activities newer than the
 * checkpoint (and those made visible late below it) name the devices that changed, were added or
 * were deleted; those devices are fetched (a batch per request), the ones NinjaOne no longer returns
 * are deleted, the active alerts are reconciled, and software, patches and antivirus are replaced for
 * the changed devices only. The activity checkpoint moves last, after everything it covers: a run
 * killed midway repeats the walk. Inventory a previous sync could not read is read again at the end.
 */
export class IncrementalSync {
  constructor(private readonly scope: RunScope) {}

  async run(): Promise<IncrementalOutcome> {
    const { cache, ctx } = this.scope;
    const since = activityCheckpoint(cache);
    if (since === null) return 'no_checkpoint';
    // Devices stay stamped with an unfinished pass's run, so its final sweep keeps what this run adds.
    const deviceRun = unfinishedPass(cache)?.run ?? ctx.runId;

    const walk = await this.scope.family('activities', () =>
      this.walkActivities(since, overlapCheckpoint(cache)),
    );
    if (walk === SKIPPED) return 'no_activities';
    if (walk.pruned) return 'pruned';
    const ids = [...walk.changed].sort((a, b) => a - b);
    // The active alerts are asked for while the devices are fetched; they are written once every
    // device is in.
    const stop = new AbortController();
    const signal = AbortSignal.any([this.scope.signal, stop.signal]);
    try {
      const alerts = settled(this.scope.client.alerts({ signal }));
      if (walk.organizationsChanged) await this.organizations(deviceRun);
      await refreshDevices(this.scope, ids, {
        run: deviceRun,
        refetch: true,
        families: inventoryFamilies,
        signal,
        progress: (done) => ctx.progress('devices', done, ids.length),
      });
      await this.scope.family('alerts', () => this.scope.reconcileAlerts(undefined, alerts));
    } finally {
      stop.abort();
    }
    const overlapFrom = walk.topTime === null ? null : walk.topTime - OVERLAP_SECONDS;
    this.scope.commit([], () => {
      cache.activities.insertMany(walk.late.map(mapActivity));
      advanceActivityCheckpoint(cache, walk.top, this.scope.now(), overlapFrom);
    });
    await this.catchUp(deviceRun);
    this.scope.changes.flush();
    return 'done';
  }

  /**
   * Stores the new activities (device timelines) and collects the devices they name. Below the
   * checkpoint it looks again down to `overlapFrom`, taking only activities the cache never had.
   */
  private async walkActivities(since: number, overlapFrom: number | null): Promise<Walk> {
    const { cache, client, ctx } = this.scope;
    const walk: Walk = {
      changed: new Set(),
      top: since,
      topTime: null,
      organizationsChanged: false,
      late: [],
      pruned: true,
    };
    let walked = 0;
    const pages = client.activities({
      sinceId: since,
      overlapFrom: overlapFrom ?? undefined,
      signal: this.scope.signal,
    });
    for await (const page of readAhead(pages)) {
      if (page.oldestId <= since) walk.pruned = false;
      const fresh = page.items.filter((a) => a.id > since);
      const below = page.items.filter((a) => a.id <= since);
      const known = cache.activities.known(below.map((a) => a.id));
      const late = below.filter((a) => !known.has(a.id));
      for (const activity of [...fresh, ...late]) {
        if (activity.id > walk.top) {
          walk.top = activity.id;
          walk.topTime = activity.activityTime ?? walk.topTime;
        }
        if (typeof activity.deviceId === 'number') walk.changed.add(activity.deviceId);
        if (activity.statusCode && organizationCodes.has(activity.statusCode))
          walk.organizationsChanged = true;
      }
      walk.late.push(...late);
      // Records below the checkpoint were quarantined when first walked.
      const quarantined = page.quarantined.filter((q) => !(Number(q.key) <= since));
      this.scope.commit(quarantined, () => cache.activities.insertMany(fresh.map(mapActivity)));
      walked += fresh.length + late.length;
      ctx.progress('activities', walked, null);
    }
    if (walked > 0) this.scope.changes.note('activities', [...walk.changed]);
    return walk;
  }

  /**
   * Reads the organizations again and deletes the ones NinjaOne no longer lists (with their
   * devices), unless that is more of the fleet than a sync deletes on its own: then it is held.
   */
  private async organizations(run: number): Promise<void> {
    const { cache, ctx } = this.scope;
    const seen = await this.scope.family('organizations', () => this.scope.writeOrganizations(run));
    if (seen === SKIPPED) return;
    const gone = [...cache.organizations.knownIds().organizations].filter((id) => !seen.has(id));
    if (gone.length === 0) return;
    const devices = cache.devices.ofOrganizations(gone);
    const hold = shareReason(cache, devices.length, syncSettings(cache).deletionGuardPercent);
    if (hold) {
      const plan = { devices, organizations: gone, hold };
      this.scope.commit([], () => holdDeletion(cache, ctx.runId, plan, this.scope.now()));
      ctx.warnings.push(heldWarning(plan));
      return;
    }
    const removed = this.scope.commit([], () => {
      const removedDevices = removeDevices(cache, devices);
      return { devices: removedDevices, organizations: cache.organizations.deleteMany(gone) };
    });
    this.scope.count(0, 0, removed.devices.length + removed.organizations.length);
    this.scope.changes.note('organizations', removed.organizations);
    if (removed.devices.length > 0) this.scope.changes.note('devices', removed.devices);
  }

  /** Inventory an earlier sync owes (NinjaOne kept failing it then): read again now. */
  private async catchUp(run: number): Promise<void> {
    const { cache } = this.scope;
    const owed = owedFamilies(cache);
    for (const family of inventoryFamilies) {
      const what = owed[family.phase];
      if (!what) continue;
      if (what === 'all') {
        const read = await readFamily(this.scope, family, {
          run,
          from: { step: 0, cut: null },
          save: () => undefined,
        });
        if (read.size < family.queries.length) continue;
        this.scope.commit([], () => {
          family.finish(cache, run, read);
          settle(cache, family.phase, this.scope.now());
        });
      } else {
        await refreshDevices(this.scope, what, {
          run,
          refetch: false,
          families: [family],
          signal: this.scope.signal,
        });
        if (family.queries.some((q) => this.scope.skippedFamily(q.family))) continue;
        this.scope.commit([], () => settle(cache, family.phase, this.scope.now()));
      }
      this.scope.changes.note(family.table);
    }
  }
}
