import { eachDeviceRange, inTransaction, writeForCachedDevice, type Db } from '../database';

export type PatchKind = 'os' | 'software';
export type PatchState = 'pending' | 'failed' | 'installed' | 'rejected';

/** One OS or third-party patch of one device, as the sync maps it from the patch queries. */
export interface PatchRecord {
  deviceId: number;
  kind: PatchKind;
  /** What the patch installs (KB, product and title), not NinjaOne's row id: see `osPatchKey`. */
  patchId: string;
  name: string;
  kbNumber: string | null;
  productIdentifier: string | null;
  severity: string | null;
  patchType: string | null;
  /** NinjaOne's status word (APPROVED, MANUAL, FAILED, INSTALLED...). */
  status: string;
  state: PatchState;
  installedAt: number | null;
  collectedAt: number | null;
}

const patchKey = (p: PatchRecord): string => `${p.kind}\u0000${p.patchId}`;

/**
 * Which of two rows of the same patch on the same device tells its state: an open-list row (pending,
 * failed, rejected: the patch is still wanted) over the install history, then the latest install
 * attempt. The upsert applies the same order in SQL.
 */
function outranks(a: PatchRecord, b: PatchRecord): boolean {
  const open = (p: PatchRecord): number => (p.state === 'installed' ? 0 : 1);
  if (open(a) !== open(b)) return open(a) > open(b);
  return (a.installedAt ?? 0) >= (b.installedAt ?? 0);
}

/** One row per patch and device, the outranking one where NinjaOne listed a patch more than once. */
export function mergePatchRows(rows: readonly PatchRecord[]): PatchRecord[] {
  const byKey = new Map<string, PatchRecord>();
  for (const row of rows) {
    const key = `${row.deviceId}\u0000${patchKey(row)}`;
    const held = byKey.get(key);
    if (!held || outranks(row, held)) byKey.set(key, row);
  }
  return [...byKey.values()];
}
/** What is stored about a patch besides its key, comparable as one string. */
const patchValues = (p: PatchRecord): string =>
  JSON.stringify([
    p.name,
    p.kbNumber,
    p.productIdentifier,
    p.severity,
    p.patchType,
    p.status,
    p.state,
    p.installedAt,
    p.collectedAt,
  ]);

/**
 * Patches per device, one row per patch (NinjaOne's several rows of one patch merge: `outranks`).
 * Writes go through `upsertMany` (stamped with the sync run that saw them), `sweep` removes what a
 * completed full pass did not see, and `refreshRollups` recomputes the device columns the asset list
 * filters on (pending, failed, installed, patch state). `first_seen` is since when the patch is in its
 * state by NinjaOne's clock: the earliest `timestamp` NinjaOne gave it in that state (the console's
 * clock only when NinjaOne sent none), so "pending for 30 days" holds on a console installed today.
 */
export class PatchRepository {
  private readonly upsert;
  private readonly patchesOf;
  private readonly deleteOne;
  private readonly rolledUp;
  private readonly rollupOne;

  constructor(private readonly db: Db) {
    this.upsert = db.prepare(`
      INSERT INTO patches (device_id, kind, patch_id, name, kb_number, product_identifier, severity, patch_type, status,
        state, installed_at, collected_at, sync_run, first_seen)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, ?))
      ON CONFLICT(device_id, kind, patch_id) DO UPDATE SET name = excluded.name, kb_number = excluded.kb_number,
        product_identifier = excluded.product_identifier, severity = excluded.severity,
        patch_type = excluded.patch_type, status = excluded.status, state = excluded.state,
        installed_at = excluded.installed_at, collected_at = excluded.collected_at, sync_run = excluded.sync_run,
        first_seen = CASE WHEN patches.state = excluded.state
          THEN min(coalesce(patches.first_seen, excluded.first_seen), excluded.first_seen)
          ELSE excluded.first_seen END
      WHERE excluded.sync_run IS NOT patches.sync_run
        OR (excluded.state <> 'installed', coalesce(excluded.installed_at, 0))
           >= (patches.state <> 'installed', coalesce(patches.installed_at, 0))`);
    this.patchesOf = db.prepare(`
      SELECT device_id AS deviceId, kind, patch_id AS patchId, name, kb_number AS kbNumber,
        product_identifier AS productIdentifier, severity, patch_type AS patchType, status, state,
        installed_at AS installedAt, collected_at AS collectedAt
      FROM patches WHERE device_id = ?`);
    this.deleteOne = db.prepare('DELETE FROM patches WHERE device_id = ? AND kind = ? AND patch_id = ?');
    this.rolledUp = db.prepare('SELECT patches_synced FROM devices WHERE id = ?').pluck();
    // One walk of the device's patches by primary key (a state predicate would let the planner scan
    // the state index across the whole fleet instead, which it does on a cache without statistics).
    this.rollupOne = db.prepare(`
      UPDATE devices SET (pending_patches, failed_patches, installed_patches, patches_synced) = (
        SELECT coalesce(sum(state = 'pending'), 0), coalesce(sum(state = 'failed'), 0),
          coalesce(sum(state = 'installed'), 0), 1
        FROM patches WHERE device_id = devices.id)
      WHERE id = ?`);
  }

  /** Writes rows whose device is cached; returns how many were skipped for a missing device. */
  upsertMany(rows: readonly PatchRecord[], run: number | null, now = Date.now()): number {
    let skipped = 0;
    inTransaction(this.db, () => {
      for (const row of rows) {
        const written = writeForCachedDevice(() =>
          this.upsert.run(
            row.deviceId,
            row.kind,
            row.patchId,
            row.name,
            row.kbNumber,
            row.productIdentifier,
            row.severity,
            row.patchType,
            row.status,
            row.state,
            row.installedAt,
            row.collectedAt,
            run,
            row.collectedAt,
            now,
          ),
        );
        if (!written) skipped++;
      }
    });
    return skipped;
  }

  /**
   * The whole patch picture of these devices becomes `rows` (incremental sync). Only what differs is
   * written: new and changed patches (a patch that stays keeps when it was first seen), patches gone
   * from the device, and the roll-ups of devices whose patches changed.
   */
  replaceForDevices(
    deviceIds: readonly number[],
    rows: readonly PatchRecord[],
    run: number,
    now = Date.now(),
  ): void {
    const merged = mergePatchRows(rows);
    inTransaction(this.db, () => {
      const stored = new Map<number, Map<string, string>>();
      for (const id of deviceIds) {
        const patches = new Map<string, string>();
        for (const row of this.patchesOf.all(id) as PatchRecord[])
          patches.set(patchKey(row), patchValues(row));
        stored.set(id, patches);
      }
      const changed = new Set<number>();
      const changes: PatchRecord[] = [];
      for (const row of merged) {
        const patches = stored.get(row.deviceId);
        const key = patchKey(row);
        const values = patches?.get(key);
        patches?.delete(key);
        if (values === patchValues(row)) continue;
        changes.push(row);
        changed.add(row.deviceId);
      }
      this.upsertMany(changes, run, now);
      for (const [deviceId, gone] of stored) {
        for (const key of gone.keys()) {
          const [kind, patchId] = key.split('\u0000') as [string, string];
          this.deleteOne.run(deviceId, kind, patchId);
          changed.add(deviceId);
        }
      }
      for (const id of deviceIds) {
        // A device seen for the first time needs its roll-up even without patches.
        if (changed.has(id) || !this.rolledUp.get(id)) this.rollupOne.run(id);
      }
    });
  }

  /** Deletes rows of `kind` that run `run` did not see; returns how many. */
  sweep(run: number, kinds: readonly PatchKind[]): number {
    return this.db
      .prepare(`DELETE FROM patches WHERE kind IN (${kinds.map(() => '?').join(',')}) AND sync_run IS NOT ?`)
      .run(...kinds, run).changes;
  }

  /**
   * Recomputes the device roll-ups for these devices, or for every device. Only devices whose counts
   * differ are written: a device row carries its NinjaOne detail, and rewriting 50,000 of them for
   * nothing costs seconds and the whole page cache.
   */
  refreshRollups(deviceIds: readonly number[] | 'all'): void {
    inTransaction(this.db, () => {
      if (deviceIds !== 'all') {
        for (const id of deviceIds) this.rollupOne.run(id);
        return;
      }
      const range = this.db.prepare(`
        UPDATE devices SET (pending_patches, failed_patches, installed_patches, patches_synced) =
          (c.pending, c.failed, c.installed, 1)
        FROM (SELECT d.id, coalesce(sum(p.state = 'pending'), 0) AS pending,
                coalesce(sum(p.state = 'failed'), 0) AS failed, coalesce(sum(p.state = 'installed'), 0) AS installed
              FROM devices d LEFT JOIN patches p ON p.device_id = d.id
              WHERE d.id > ? AND d.id <= ? GROUP BY d.id) AS c
        WHERE devices.id = c.id
          AND (devices.pending_patches, devices.failed_patches, devices.installed_patches, devices.patches_synced)
              IS NOT (c.pending, c.failed, c.installed, 1)`);
      eachDeviceRange(this.db, (low, high) => range.run(low, high));
    });
  }

  /** A device's patches, failed first, then pending, rejected, installed (at most 5,001 so callers can tell there are more). */
  forDevice(deviceId: number): (PatchRecord & { since: number | null })[] {
    return this.db
      .prepare(
        `SELECT device_id AS deviceId, kind, patch_id AS patchId, name, kb_number AS kbNumber,
           product_identifier AS productIdentifier, severity, patch_type AS patchType, status, state,
           installed_at AS installedAt, collected_at AS collectedAt, first_seen AS since
         FROM patches WHERE device_id = ?
         ORDER BY CASE state WHEN 'failed' THEN 0 WHEN 'pending' THEN 1 WHEN 'rejected' THEN 2 ELSE 3 END, kind, name LIMIT 5001`,
      )
      .all(deviceId) as (PatchRecord & { since: number | null })[];
  }
}
