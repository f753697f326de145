import { z } from 'zod';
import type { Cache } from '../cache/cache';
import type { NinjaDeviceDetailed, QuarantinedRecord } from '../ninjaone';
import { clearHeldDeletion, heldWarning, holdDeletion, planSweep } from './deletion-guard';
import type { FamilyName } from './families';
import { readFamily } from './family-read';
import { recordInstallsRead } from './installs-checkpoint';
import { recordStatusRead } from './status-sweep';
import { inventoryFamilies, type InventoryFamily } from './inventory';
import { mapActivity } from './mappers/activity';
import { owe, settle } from './owed-families';
import { readAhead } from './read-ahead';
import { SKIPPED, type RunScope } from './run-scope';
import { syncSettings } from './sync-settings';

const phases = ['organizations', 'devices', 'alerts', 'software', 'patches', 'antivirus', 'finish'] as const;
type Phase = (typeof phases)[number];

/**
 * Where a full pass is, committed with the data it covers. `run` is the sync run that started the
 * pass: every row the pass writes is stamped with it, also after a crash and a restart by another
 * run, so the end of the pass can delete exactly what NinjaOne no longer has. `after` is the last
 * id written by the id-paged phases; `step` counts the finished queries of an inventory phase and
 * `cut` is the last device of the query's finished splits. `skipped` names the families NinjaOne did
 * not deliver to this pass: what they hold is not swept.
 */
const passSchema = z.object({
  run: z.number().int(),
  activityTop: z.number().int().nullable(),
  /** When the newest activity happened (epoch seconds, as NinjaOne gives it). */
  activityTime: z.number().nullable().default(null),
  phase: z.enum(phases),
  after: z.number().int().nullable(),
  step: z.number().int().nonnegative(),
  cut: z.tuple([z.number().int(), z.number().int()]).nullable().default(null),
  skipped: z.record(z.string(), z.enum(['refused', 'missing', 'failed'])).default({}),
});
export type FullPass = z.infer<typeof passSchema>;

const PASS_CHECKPOINT = 'full.pass';
/**
 * Devices per transaction of the full pass. A commit rewrites every page it touched of the devices'
 * indexes and search index, and a page of 500 devices touches pages all over each of them: committed
 * a page at a time, a 50,000-device fleet wrote 2 GB for 120 MB of devices.
 */
const DEVICES_PER_COMMIT = 5000;
/** Device timelines keep 90 days of activities; older ones are dropped at the end of a full pass. */
const ACTIVITY_RETENTION_MS = 90 * 86_400_000;
/** The newest NinjaOne activity the cache reflects: where the next incremental walk stops. */
export const ACTIVITY_CHECKPOINT = 'activities.lastId';
/** Where the next incremental walk's overlap window starts (epoch seconds). */
export const OVERLAP_CHECKPOINT = 'activities.overlapFrom';

export function unfinishedPass(cache: Cache): FullPass | null {
  const raw = cache.syncState.checkpoint(PASS_CHECKPOINT);
  if (raw === null) return null;
  try {
    return passSchema.parse(JSON.parse(raw));
  } catch {
    return null;
  }
}

export function activityCheckpoint(cache: Cache): number | null {
  const raw = cache.syncState.checkpoint(ACTIVITY_CHECKPOINT);
  return raw === null || !/^\d+$/.test(raw) ? null : Number(raw);
}

export function overlapCheckpoint(cache: Cache): number | null {
  const raw = cache.syncState.checkpoint(OVERLAP_CHECKPOINT);
  return raw === null || !Number.isFinite(Number(raw)) ? null : Number(raw);
}

/**
 * Moves the activity checkpoint forward, never back, with where the next walk's overlap window
 * starts (call inside the transaction of the data it covers).
 */
export function advanceActivityCheckpoint(
  cache: Cache,
  top: number | null,
  at: number,
  overlapFrom: number | null = null,
): void {
  if (top === null) return;
  const current = activityCheckpoint(cache);
  if (current === null || top > current) cache.syncState.setCheckpoint(ACTIVITY_CHECKPOINT, String(top), at);
  if (overlapFrom !== null) cache.syncState.setCheckpoint(OVERLAP_CHECKPOINT, String(overlapFrom), at);
}

/**
 * Everything, in phases: organizations with their locations, devices (detailed), the active alerts,
 * software, OS and third-party patches (open and installed), antivirus. Pages are written in
 * transactions with the pass checkpoint, so a pass killed anywhere resumes where it stopped. A
 * family NinjaOne does not deliver is skipped (the run says so) and nothing of it is swept. The last
 * phase deletes the devices, locations and organizations the pass did not see, unless the guard
 * holds that deletion, and hands the activity checkpoint to the incremental sync.
 */
export class FullSync {
  private pass!: FullPass;

  constructor(private readonly scope: RunScope) {}

  async run(): Promise<void> {
    const { cache } = this.scope;
    const resumed = unfinishedPass(cache);
    if (resumed) {
      this.pass = resumed;
      this.scope.logger.info('sync: resuming the unfinished full pass', {
        startedByRun: resumed.run,
        phase: resumed.phase,
        after: resumed.after,
        step: resumed.step,
      });
    } else {
      await this.start();
    }
    while (this.pass.phase !== 'finish') {
      this.scope.checkCancelled();
      await this.runPhase(this.pass.phase);
    }
    this.finish();
  }

  /**
   * The newest activity id now: changes after it are the next incremental sync's. The newest page of
   * activities is kept for the device timelines.
   */
  private async start(): Promise<void> {
    const { cache, client, ctx } = this.scope;
    const page = await this.scope.family('activities', async () => {
      const pages = client.activities({ signal: this.scope.signal });
      const first = await pages.next();
      await pages.return(undefined);
      return first.done ? null : first.value;
    });
    const read = page === SKIPPED ? null : page;
    const top = read?.lastActivityId ?? read?.items[0]?.id ?? null;
    const times = (read?.items ?? []).map((a) => a.activityTime).filter((t) => typeof t === 'number');
    this.pass = {
      run: ctx.runId,
      activityTop: top,
      activityTime: times.length > 0 ? Math.max(...times) : null,
      phase: 'organizations',
      after: null,
      step: 0,
      cut: null,
      skipped: page === SKIPPED ? { activities: this.scope.skippedFamily('activities')! } : {},
    };
    this.scope.commit(read?.quarantined ?? [], () => {
      if (read) cache.activities.insertMany(read.items.map(mapActivity));
      this.save();
    });
  }

  private async runPhase(phase: Exclude<Phase, 'finish'>): Promise<void> {
    if (phase === 'organizations') {
      const done = await this.scope.family('organizations', () =>
        this.scope.writeOrganizations(this.pass.run, this.pass.after ?? undefined, (lastId) =>
          this.save({ after: lastId }),
        ),
      );
      this.advance(done === SKIPPED ? 'organizations' : null);
    } else if (phase === 'devices') {
      const done = await this.scope.family('devices', () => this.devices());
      this.advance(done === SKIPPED ? 'devices' : null);
    } else if (phase === 'alerts') {
      const done = await this.scope.family('alerts', () =>
        this.scope.reconcileAlerts(() => this.save(this.next())),
      );
      if (done === SKIPPED) this.advance('alerts');
    } else {
      const family = inventoryFamilies.find((f) => f.phase === phase)!;
      await this.inventory(family);
    }
  }

  /**
   * The devices, in transactions of about `DEVICES_PER_COMMIT`, each with the checkpoint after its
   * last device: a pass killed mid-walk reads again at most the pages of one transaction.
   */
  private async devices(): Promise<void> {
    const { client, ctx } = this.scope;
    let done = 0;
    let held: NinjaDeviceDetailed[] = [];
    let quarantined: QuarantinedRecord[] = [];
    const write = async (): Promise<void> => {
      const last = held.at(-1);
      await this.scope.writeDevices(held, quarantined, this.pass.run, () => {
        if (last) this.save({ after: last.id });
      });
      held = [];
      quarantined = [];
    };
    const pages = client.devicesDetailed({ after: this.pass.after ?? undefined, signal: this.scope.signal });
    for await (const page of readAhead(pages)) {
      held.push(...page.items);
      quarantined.push(...page.quarantined);
      if (held.length >= DEVICES_PER_COMMIT) await write();
      done += page.items.length;
      ctx.progress('devices', done, null);
    }
    if (held.length > 0 || quarantined.length > 0) await write();
  }

  /**
   * One inventory phase (`family-read.ts`): every query over the fleet, split by organization, the
   * pass checkpoint moving with the finished splits. Then the family's sweep of what its queries
   * read, and the family is owed to the next sync if NinjaOne kept failing one of them.
   */
  private async inventory<R>(family: InventoryFamily<R>): Promise<void> {
    const { cache } = this.scope;
    await readFamily(this.scope, family, {
      run: this.pass.run,
      from: { step: this.pass.step, cut: this.pass.cut },
      save: ({ step, cut }, skipped) =>
        this.save({
          step,
          cut,
          ...(skipped
            ? { skipped: { ...this.pass.skipped, [skipped]: this.scope.skippedFamily(skipped)! } }
            : {}),
        }),
    });
    const readQueries = new Set<FamilyName>(
      family.queries.map((q) => q.family).filter((name) => !(name in this.pass.skipped)),
    );
    const failed = family.queries.some((q) => this.pass.skipped[q.family] === 'failed');
    this.scope.commit([], () => {
      family.finish(cache, this.pass.run, readQueries);
      // Read whole: nothing owed. Failing for now: the next sync reads it again.
      if (failed) owe(cache, family.phase, 'all', this.scope.now());
      else if (readQueries.size === family.queries.length) settle(cache, family.phase, this.scope.now());
      this.save(this.next());
    });
    this.scope.changes.note(family.table);
    this.scope.changes.note('devices');
  }

  /**
   * Deletes what NinjaOne no longer has (unless the guard holds it), drops activities past the
   * timeline's retention, hands over the activity checkpoint and ends the pass.
   */
  private finish(): void {
    const { cache, ctx } = this.scope;
    const read = {
      devices: !('devices' in this.pass.skipped),
      organizations: !('organizations' in this.pass.skipped),
    };
    const plan = planSweep(cache, this.pass.run, syncSettings(cache).deletionGuardPercent, read);
    const removed = this.scope.commit([], () => {
      let devices: number[] = [];
      let organizations: number[] = [];
      if (plan.hold) {
        holdDeletion(cache, ctx.runId, plan, this.scope.now());
      } else {
        if (read.devices) devices = cache.devices.sweep(this.pass.run);
        if (read.organizations) organizations = cache.organizations.sweep(this.pass.run);
        if (devices.length > 0 || organizations.length > 0) {
          cache.software.dropOrphanTitles();
          cache.software.refreshTitleCounts();
        }
        clearHeldDeletion(cache);
      }
      cache.activities.prune(this.scope.now() - ACTIVITY_RETENTION_MS);
      advanceActivityCheckpoint(cache, this.pass.activityTop, this.scope.now(), this.pass.activityTime);
      // The pass read every device's installs and status since it started (what it did not skip).
      const passStart = cache.syncState.run(this.pass.run)?.startedAt ?? this.scope.now();
      const skipped = (name: FamilyName): boolean => name in this.pass.skipped;
      if (!skipped('os-patch-installs') && !skipped('software-patch-installs'))
        recordInstallsRead(cache, passStart);
      if (read.devices) recordStatusRead(cache, passStart);
      cache.syncState.clearCheckpoints(PASS_CHECKPOINT);
      return { devices, organizations };
    });
    if (plan.hold) {
      ctx.warnings.push(heldWarning(plan));
      this.scope.logger.warn('sync: a mass deletion was held for confirmation', {
        devices: plan.devices.length,
        organizations: plan.organizations.length,
      });
    }
    this.scope.count(0, 0, removed.devices.length + removed.organizations.length);
    if (removed.devices.length > 0) this.scope.changes.note('devices', removed.devices);
    if (removed.organizations.length > 0) this.scope.changes.note('organizations', removed.organizations);
    this.scope.changes.flush();
  }

  private next(): Partial<FullPass> {
    return { phase: phases[phases.indexOf(this.pass.phase) + 1]!, after: null, step: 0, cut: null };
  }

  /** To the next phase; `skipped` names the family this phase could not read. */
  private advance(skipped: FamilyName | null): void {
    this.scope.commit([], () =>
      this.save({
        ...this.next(),
        ...(skipped
          ? { skipped: { ...this.pass.skipped, [skipped]: this.scope.skippedFamily(skipped)! } }
          : {}),
      }),
    );
  }

  /** Records the pass (with `change`); call inside the transaction of the data it covers. */
  private save(change: Partial<FullPass> = {}): void {
    this.pass = { ...this.pass, ...change };
    this.scope.cache.syncState.setCheckpoint(PASS_CHECKPOINT, JSON.stringify(this.pass), this.scope.now());
  }
}
