import { AppError } from '../../shared/rpc/errors';
import type { Cache } from '../cache/cache';
import type { DeviceRecord } from '../cache/records';
import type { AlertRecord } from '../cache/repositories/alerts';
import type { Logger } from '../../node/logger';
import type { NinjaAlert, NinjaDeviceDetailed, NinjaOneClient, Parsed, QuarantinedRecord } from '../ninjaone';
import { ChangeFeed, type CacheChange } from './change-feed';
import { skipReason, skipWarning, type FamilyName } from './families';
import { mapAlert } from './mappers/alert';
import { mapDevice } from './mappers/device';
import { mapOrganization } from './mappers/organization';
import { FIRST_SPLIT_DEVICES } from './query-splits';
import { readAhead } from './read-ahead';
import type { SyncContext } from './sync-job';

/** What `RunScope.family` returns for a family it skipped. */
export const SKIPPED = Symbol('skipped');
export type Skippable<T> = T | typeof SKIPPED;

/** What the host does with a sync's results, each called after the data is committed. */
export interface SyncHooks {
  /** Rows changed: the host emits `cache.changed` so views refetch. */
  changed(change: CacheChange): void;
  /**
   * Alerts that opened or were reset: desktop notifications, and the PSA follow-up comments on resets.
   * `initial` is true on a cache's first sync, whose "opened" alerts are simply what was already open.
   */
  alertsChanged(change: { opened: string[]; reset: string[]; initial: boolean }): void;
  /** Organizations were written: the PSA mapping refreshes its client suggestions. */
  organizationsSynced(): void;
}

/**
 * One sync run's plumbing, shared by the full pass and the incremental sync: the client, the run's
 * counters, transactions that carry the quarantined records of what they write, the change feed,
 * and the writers both kinds use (organizations, device pages, the active alerts).
 */
export class RunScope {
  readonly changes: ChangeFeed;
  /** Devices per fleet query split; learned from expiring cursors for the rest of the run. */
  readonly splits = { devices: FIRST_SPLIT_DEVICES };
  private known: { organizations: Set<number>; locations: Set<number> } | null = null;
  private organizationsRefreshed = false;
  private readonly skipped = new Map<FamilyName, 'refused' | 'missing' | 'failed'>();

  constructor(
    readonly cache: Cache,
    readonly client: NinjaOneClient,
    readonly ctx: SyncContext,
    readonly hooks: SyncHooks,
    readonly logger: Logger,
    readonly now: () => number,
    /** No sync of this cache has succeeded before this run. */
    private readonly initial: boolean,
  ) {
    this.changes = new ChangeFeed((change) => hooks.changed(change), now);
  }

  get signal(): AbortSignal {
    return this.ctx.signal;
  }

  checkCancelled(): void {
    if (this.ctx.signal.aborted) throw new AppError('cancelled', 'The sync was cancelled.');
  }

  /**
   * Runs the reading of one endpoint family. When NinjaOne refuses it (403), lacks it (404) or keeps
   * failing it (5xx, timeout), the run notes a warning naming the family and goes on: the caller gets
   * `SKIPPED` and must not sweep what it did not read. Any other error ends the run.
   */
  async family<T>(name: FamilyName, work: () => Promise<T>): Promise<Skippable<T>> {
    try {
      return await work();
    } catch (error) {
      this.checkCancelled();
      const reason = skipReason(error);
      if (!reason) throw error;
      this.skipFamily(name, reason, error);
      return SKIPPED;
    }
  }

  /** Notes a skipped family (once per family and run) with its warning. */
  skipFamily(
    name: FamilyName,
    reason: { code: 'refused' | 'missing' | 'failed'; status: number | null },
    error: unknown,
  ): void {
    if (this.skipped.has(name)) return;
    this.skipped.set(name, reason.code);
    this.ctx.warnings.push(skipWarning(name, reason, this.client.endpoint.host, error));
    this.logger.warn('sync: skipped a family NinjaOne did not deliver', { family: name, ...reason });
  }

  /** Why this run skipped `name`, if it did. */
  skippedFamily(name: FamilyName): 'refused' | 'missing' | 'failed' | undefined {
    return this.skipped.get(name);
  }

  /**
   * One transaction: what was quarantined while reading, the data, and the checkpoint `work` writes.
   * A cancelled run writes nothing more, except what it keeps `onTheWayOut` (finished work, once).
   */
  commit<T>(quarantined: readonly QuarantinedRecord[], work: () => T, onTheWayOut = false): T {
    if (!onTheWayOut) this.checkCancelled();
    const now = this.now();
    const result = this.cache.transaction(() => {
      if (quarantined.length > 0) {
        this.cache.syncState.quarantine(
          quarantined.map((q) => ({
            runId: this.ctx.runId,
            source: q.source,
            recordKey: q.key,
            error: q.error,
            raw: q.raw,
          })),
          now,
        );
      }
      return work();
    });
    this.ctx.counts.quarantined += quarantined.length;
    this.changes.tick();
    return result;
  }

  /**
   * Walks `organizations-detailed` (from `after`), writing each page with its locations, stamped with
   * `run`; `checkpoint` is called inside each page's transaction with the page's last id.
   */
  async writeOrganizations(
    run: number,
    after?: number,
    checkpoint?: (lastId: number) => void,
  ): Promise<Set<number>> {
    const seen = new Set<number>();
    let done = 0;
    for await (const page of readAhead(this.client.organizationsDetailed({ after, signal: this.signal }))) {
      const mapped = page.items.map(mapOrganization);
      const result = this.commit(page.quarantined, () => {
        const now = this.now();
        const written = this.cache.organizations.upsertOrganizations(
          mapped.map((m) => m.organization),
          now,
          run,
        );
        this.cache.organizations.upsertLocations(
          mapped.flatMap((m) => m.locations),
          now,
          run,
        );
        const last = page.items.at(-1);
        if (last && checkpoint) checkpoint(last.id);
        return written;
      });
      this.count(result.added.length, result.changed.length, 0);
      this.changes.note('organizations', [...result.added, ...result.changed]);
      for (const organization of page.items) seen.add(organization.id);
      done += page.items.length;
      this.ctx.progress('organizations', done, null);
    }
    this.known = null;
    this.organizationsRefreshed = true;
    this.hooks.organizationsSynced();
    return seen;
  }

  /**
   * Writes one page of devices in one transaction with whatever `checkpoint` records. A device naming
   * an organization or location the cache does not know makes the organizations be read again first
   * (once a run); one still unknown after that is written without it.
   */
  async writeDevices(
    devices: readonly NinjaDeviceDetailed[],
    quarantined: readonly QuarantinedRecord[],
    run: number,
    checkpoint?: () => void,
  ): Promise<{ added: number[]; changed: number[] }> {
    const records = devices.map(mapDevice);
    if (!this.parentsKnown(records) && !this.organizationsRefreshed) {
      // Refused or failing organizations leave the devices without one; asked once a run.
      this.organizationsRefreshed = true;
      await this.family('organizations', () => this.writeOrganizations(run));
    }
    const result = this.commit(quarantined, () => {
      this.dropUnknownParents(records);
      const written = this.cache.devices.upsertMany(records, this.now(), run);
      checkpoint?.();
      return written;
    });
    this.count(result.added.length, result.changed.length, 0);
    this.changes.note('devices', [...result.added, ...result.changed]);
    return result;
  }

  private knownParents(): { organizations: Set<number>; locations: Set<number> } {
    this.known ??= this.cache.organizations.knownIds();
    return this.known;
  }

  private parentsKnown(records: readonly DeviceRecord[]): boolean {
    const known = this.knownParents();
    return records.every(
      (r) =>
        (r.organizationId === null || known.organizations.has(r.organizationId)) &&
        (r.locationId === null || known.locations.has(r.locationId)),
    );
  }

  private dropUnknownParents(records: DeviceRecord[]): void {
    const known = this.knownParents();
    for (const r of records) {
      if (r.organizationId !== null && !known.organizations.has(r.organizationId)) {
        this.logger.warn('sync: device names an organization NinjaOne did not list', {
          deviceId: r.id,
          organizationId: r.organizationId,
        });
        r.organizationId = null;
      }
      if (r.locationId !== null && !known.locations.has(r.locationId)) r.locationId = null;
    }
  }

  /**
   * Makes the cache's open alerts NinjaOne's active ones (`GET /v2/alerts`, or the answer `active`
   * the caller already asked for): new ones open, missing ones are reset. Alerts of devices not cached
   * yet wait for the next sync, which fetches the device.
   */
  async reconcileAlerts(
    checkpoint?: () => void,
    active: Promise<Parsed<NinjaAlert>> = this.client.alerts({ signal: this.signal }),
  ): Promise<{ opened: string[]; reset: string[] }> {
    const { items, quarantined } = await active;
    const problems: QuarantinedRecord[] = [...quarantined];
    const records: AlertRecord[] = [];
    for (const alert of items) {
      const mapped = mapAlert(alert);
      if ('problem' in mapped)
        problems.push({ source: 'alerts', key: alert.uid, error: mapped.problem, raw: alert });
      else records.push(mapped);
    }
    const result = this.commit(problems, () => {
      const reconciled = this.cache.alerts.reconcileOpen(records, this.now());
      checkpoint?.();
      return reconciled;
    });
    if (result.missingDevice.length > 0) {
      this.logger.info('sync: alerts of devices not cached yet wait for the next sync', {
        alerts: result.missingDevice.length,
      });
    }
    this.count(result.opened.length, 0, result.reset.length);
    this.ctx.progress('alerts', records.length, records.length);
    if (result.opened.length > 0 || result.reset.length > 0) {
      this.changes.note('alerts', [...result.opened, ...result.reset]);
      this.changes.note('devices');
      this.hooks.alertsChanged({ opened: result.opened, reset: result.reset, initial: this.initial });
    }
    return result;
  }

  /** Organizations and devices added, changed and removed; alerts opened count as added, reset as removed. */
  count(added: number, changed: number, removed: number): void {
    this.ctx.counts.added += added;
    this.ctx.counts.changed += changed;
    this.ctx.counts.removed += removed;
  }
}
