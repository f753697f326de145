import type { AntivirusState } from '../../../shared/contract/dashboard';
import { eachDeviceRange, inTransaction, writeForCachedDevice, type Db } from '../database';

/** One antivirus product reported by one device (fleet query `antivirus-status`). */
export interface AntivirusRecord {
  deviceId: number;
  productName: string;
  productState: string | null;
  definitionStatus: string | null;
  version: string | null;
  collectedAt: number | null;
}

/**
 * Antivirus products per device, rolled up into `devices.antivirus_state`: protected when some product
 * is on with current definitions, at risk when products exist but none is, not installed when a
 * device that reports antivirus data has none.
 */
export class AntivirusRepository {
  private readonly upsert;
  private readonly deleteDevice;

  constructor(private readonly db: Db) {
    this.upsert = db.prepare(`
      INSERT INTO antivirus (device_id, product_name, product_state, definition_status, version, collected_at, sync_run)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(device_id, product_name) DO UPDATE SET product_state = excluded.product_state,
        definition_status = excluded.definition_status, version = excluded.version,
        collected_at = excluded.collected_at, sync_run = excluded.sync_run`);
    this.deleteDevice = db.prepare('DELETE FROM antivirus WHERE device_id = ?');
  }

  upsertMany(rows: readonly AntivirusRecord[], run: number | null): number {
    let skipped = 0;
    inTransaction(this.db, () => {
      for (const row of rows) {
        const written = writeForCachedDevice(() =>
          this.upsert.run(
            row.deviceId,
            row.productName,
            row.productState,
            row.definitionStatus,
            row.version,
            row.collectedAt,
            run,
          ),
        );
        if (!written) skipped++;
      }
    });
    return skipped;
  }

  replaceForDevices(
    deviceIds: readonly number[],
    rows: readonly AntivirusRecord[],
    run: number | null,
  ): void {
    inTransaction(this.db, () => {
      for (const id of deviceIds) this.deleteDevice.run(id);
      this.upsertMany(rows, run);
      this.refreshRollups(deviceIds);
    });
  }

  sweep(run: number): number {
    return this.db.prepare('DELETE FROM antivirus WHERE sync_run IS NOT ?').run(run).changes;
  }

  /**
   * Recomputes `devices.antivirus_state`. Only agent devices that can run antivirus (workstations and
   * servers) count as not installed when they report nothing. Only devices whose state differs are
   * written (a device row is large; rewriting every one for nothing is slow).
   */
  refreshRollups(deviceIds: readonly number[] | 'all'): void {
    const protectedSql = `EXISTS (SELECT 1 FROM antivirus a WHERE a.device_id = d.id
        AND upper(coalesce(a.product_state, '')) IN ('ON', 'ENABLED', 'ACTIVE', 'RUNNING')
        AND upper(coalesce(a.definition_status, 'UP_TO_DATE')) IN ('UP_TO_DATE', 'UPTODATE', 'CURRENT'))`;
    const anySql = 'EXISTS (SELECT 1 FROM antivirus a WHERE a.device_id = d.id)';
    const state = `CASE WHEN ${protectedSql} THEN 'protected' WHEN ${anySql} THEN 'at_risk'
        WHEN d.asset_type IN ('workstation', 'server') THEN 'not_installed' ELSE NULL END`;
    const update = (where: string): string => `
      UPDATE devices SET antivirus_state = c.state
      FROM (SELECT d.id, ${state} AS state FROM devices d ${where}) AS c
      WHERE devices.id = c.id AND devices.antivirus_state IS NOT c.state`;
    inTransaction(this.db, () => {
      if (deviceIds === 'all') {
        const range = this.db.prepare(update('WHERE d.id > ? AND d.id <= ?'));
        eachDeviceRange(this.db, (low, high) => range.run(low, high));
      } else {
        const one = this.db.prepare(update('WHERE d.id = ?'));
        for (const id of deviceIds) one.run(id);
      }
    });
  }

  stateOf(deviceId: number): AntivirusState | null {
    return (
      (this.db
        .prepare('SELECT antivirus_state FROM devices WHERE id = ?')
        .pluck()
        .get(deviceId) as AntivirusState | null) ?? null
    );
  }
}
