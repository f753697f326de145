import { z } from 'zod';
import type { Cache } from '../cache/cache';
import type { QuarantinedRecord } from '../ninjaone';
import { recordInstallsRead } from './installs-checkpoint';
import { recordStatusRead } from './status-sweep';
import { inventoryFamilies, type InventoryFamily } from './inventory';
import { mapActivity } from './mappers/activity';
import { readAhead } from './read-ahead';
import type { RunScope } from './run-scope';

const phases = ['organizations', 'devices', 'alerts', 'software', 'patches', 'antivirus', 'finish'] as const;
type Phase = (typeof phases)[number];

/**
 * Where a full pass is, committed with the data it covers. `run` is the sync run that started the
 * pass: every row the pass writes is stamped with it, also after a crash and a restart by another
 * run, so the end of the pass can delete exactly what NinjaOne no longer has. `after` is the last
 * id written by the id-paged phases; `step` counts the finished queries of an inventory phase (a
 * query cursor expires, so a query cut short starts over).
 */
const passSchema = z.object({
  run: z.number().int(),
  activityTop: z.number().int().nullable(),
  phase: z.enum(phases),
  after: z.number().int().nullable(),
  step: z.number().int().nonnegative(),
});
export type FullPass = z.infer<typeof passSchema>;

const PASS_CHECKPOINT = 'full.pass';
const ROWS_PER_COMMIT = 25_000;
/** Device timelines keep 90 days of activities; older ones are dropped at the end of a full pass. */
const ACTIVITY_RETENTION_MS = 90 * 86_400_000;
/** The newest NinjaOne activity the cache reflects: where the next incremental walk stops. */
export const ACTIVITY_CHECKPOINT = 'activities.lastId';

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

/** Moves the activity checkpoint forward, never back (call inside the transaction of the data it covers). */
export function advanceActivityCheckpoint(cache: Cache, top: number | null, at: number): void {
  if (top === null) return;
  const current = activityCheckpoint(cache);
  if (current === null || top > current) cache.syncState.setCheckpoint(ACTIVITY_CHECKPOINT, String(top), at);
}

/**
 * Everything, in phases: organizations with their locations, devices (detailed), the active alerts,
 * software, OS and third-party patches (open and installed), antivirus. Each page is one transaction
 * with the pass checkpoint, so a pass killed anywhere resumes where it stopped; the last phase deletes
 * the devices, locations and organizations the pass did not see and hands the activity checkpoint to
 * the incremental sync.
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
    const pages = client.activities({ signal: this.scope.signal });
    const first = await pages.next();
    await pages.return(undefined);
    const page = first.done ? null : first.value;
    const top = page?.lastActivityId ?? page?.items[0]?.id ?? null;
    this.pass = { run: ctx.runId, activityTop: top, phase: 'organizations', after: null, step: 0 };
    this.scope.commit(page?.quarantined ?? [], () => {
      if (page) cache.activities.insertMany(page.items.map(mapActivity));
      this.save();
    });
  }

  private async runPhase(phase: Exclude<Phase, 'finish'>): Promise<void> {
    if (phase === 'organizations') {
      await this.scope.writeOrganizations(this.pass.run, this.pass.after ?? undefined, (lastId) =>
        this.save({ after: lastId }),
      );
      this.advance();
    } else if (phase === 'devices') {
      await this.devices();
    } else if (phase === 'alerts') {
      await this.scope.reconcileAlerts(() => this.save(this.next()));
    } else {
      const family = inventoryFamilies.find((f) => f.phase === phase)!;
      await this.inventory(family);
    }
  }

  private async devices(): Promise<void> {
    const { client, ctx } = this.scope;
    let done = 0;
    const pages = client.devicesDetailed({ after: this.pass.after ?? undefined, signal: this.scope.signal });
    for await (const page of readAhead(pages)) {
      const last = page.items.at(-1);
      await this.scope.writeDevices(page.items, page.quarantined, this.pass.run, () => {
        if (last) this.save({ after: last.id });
      });
      done += page.items.length;
      ctx.progress('devices', done, null);
    }
    this.advance();
  }

  /**
   * One inventory phase. A query cut short starts over (its cursor is gone), so its pages need no
   * checkpoint of their own: they are written in transactions of about `ROWS_PER_COMMIT` rows, whole
   * pages each, which spares SQLite a commit (and a rewrite of the same index pages) per page.
   */
  private async inventory<R>(family: InventoryFamily<R>): Promise<void> {
    const { cache, client, ctx } = this.scope;
    let done = 0;
    for (let step = this.pass.step; step < family.queries.length; step++) {
      const query = family.queries[step]!;
      let rows: R[] = [];
      let quarantined: QuarantinedRecord[] = [];
      const write = (): void => {
        const skipped = this.scope.commit(quarantined, () => family.write(cache, rows, this.pass.run));
        if (skipped > 0) {
          this.scope.logger.debug('sync: rows of devices not cached yet skipped', {
            query: query.name,
            skipped,
          });
        }
        rows = [];
        quarantined = [];
      };
      for await (const page of readAhead(query.pages(client, { signal: this.scope.signal }))) {
        for (const item of page.items) rows.push(query.map(item));
        if (page.quarantined.length > 0) quarantined.push(...page.quarantined);
        if (rows.length >= ROWS_PER_COMMIT) write();
        done += page.items.length;
        ctx.progress(family.phase, done, null);
      }
      if (rows.length > 0 || quarantined.length > 0) write();
      if (step + 1 < family.queries.length) this.scope.commit([], () => this.save({ step: step + 1 }));
    }
    this.scope.commit([], () => {
      family.finish(cache, this.pass.run);
      this.save(this.next());
    });
    this.scope.changes.note(family.table);
    this.scope.changes.note('devices');
  }

  /**
   * Deletes what NinjaOne no longer has, drops activities past the timeline's retention, hands over
   * the activity checkpoint and ends the pass.
   */
  private finish(): void {
    const { cache } = this.scope;
    const removed = this.scope.commit([], () => {
      const devices = cache.devices.sweep(this.pass.run);
      if (devices.length > 0) {
        cache.software.dropOrphanTitles();
        cache.software.refreshTitleCounts();
      }
      const organizations = cache.organizations.sweep(this.pass.run);
      cache.activities.prune(this.scope.now() - ACTIVITY_RETENTION_MS);
      advanceActivityCheckpoint(cache, this.pass.activityTop, this.scope.now());
      // The pass read every device's installs and status since it started.
      const passStart = cache.syncState.run(this.pass.run)?.startedAt ?? this.scope.now();
      recordInstallsRead(cache, passStart);
      recordStatusRead(cache, passStart);
      cache.syncState.clearCheckpoints(PASS_CHECKPOINT);
      return { devices, organizations };
    });
    this.scope.count(0, 0, removed.devices.length + removed.organizations.length);
    if (removed.devices.length > 0) this.scope.changes.note('devices', removed.devices);
    if (removed.organizations.length > 0) this.scope.changes.note('organizations', removed.organizations);
    this.scope.changes.flush();
  }

  private next(): Partial<FullPass> {
    return { phase: phases[phases.indexOf(this.pass.phase) + 1]!, after: null, step: 0 };
  }

  private advance(): void {
    this.scope.commit([], () => this.save(this.next()));
  }

  /** Records the pass (with `change`); call inside the transaction of the data it covers. */
  private save(change: Partial<FullPass> = {}): void {
    this.pass = { ...this.pass, ...change };
    this.scope.cache.syncState.setCheckpoint(PASS_CHECKPOINT, JSON.stringify(this.pass), this.scope.now());
  }
}
