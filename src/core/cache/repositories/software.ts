import { inTransaction, type Db } from '../database';

/** One installed title on one device, as the sync maps it from the software inventory. */
export interface SoftwareRecord {
  deviceId: number;
  name: string;
  publisher: string | null;
  version: string | null;
  installDate: number | null;
  sizeBytes: number | null;
  location: string | null;
}

/**
 * Installed software, normalized: a title (name + publisher) is stored once and searched with FTS;
 * each device row points at it. Title ids are remembered in memory because the same few thousand
 * titles repeat across the whole fleet.
 */
export class SoftwareRepository {
  private readonly titleIds = new Map<string, number>();
  private readonly insertTitle;
  private readonly findTitle;
  private readonly upsert;
  private readonly deleteDevice;

  constructor(private readonly db: Db) {
    this.insertTitle = db.prepare(
      'INSERT INTO software_titles (name, publisher) VALUES (?, ?) ON CONFLICT DO NOTHING RETURNING id',
    );
    this.findTitle = db.prepare('SELECT id FROM software_titles WHERE name = ? AND publisher = ?').pluck();
    this.upsert = db.prepare(`
      INSERT INTO device_software (device_id, title_id, version, install_date, size_bytes, location, sync_run)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT(device_id, title_id, version) DO UPDATE SET install_date = excluded.install_date,
        size_bytes = excluded.size_bytes, location = excluded.location, sync_run = excluded.sync_run`);
    this.deleteDevice = db.prepare('DELETE FROM device_software WHERE device_id = ?');
  }

  private titleId(name: string, publisher: string): number {
    const key = `${name}\u0000${publisher}`;
    let id = this.titleIds.get(key);
    if (id === undefined) {
      const inserted = this.insertTitle.get(name, publisher) as { id: number } | undefined;
      id = inserted?.id ?? (this.findTitle.get(name, publisher) as number);
      this.titleIds.set(key, id);
    }
    return id;
  }

  /** Writes rows whose device is cached; returns how many were skipped for a missing device. */
  upsertMany(rows: readonly SoftwareRecord[], run: number | null): number {
    let skipped = 0;
    inTransaction(this.db, () => {
      for (const row of rows) {
        const title = this.titleId(row.name, row.publisher ?? '');
        try {
          this.upsert.run(
            row.deviceId,
            title,
            row.version ?? '',
            row.installDate,
            row.sizeBytes,
            row.location,
            run,
          );
        } catch (error) {
          if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw error;
          skipped++;
        }
      }
    });
    return skipped;
  }

  replaceForDevices(deviceIds: readonly number[], rows: readonly SoftwareRecord[], run: number | null): void {
    inTransaction(this.db, () => {
      for (const id of deviceIds) this.deleteDevice.run(id);
      this.upsertMany(rows, run);
    });
  }

  /** Deletes installs that run `run` did not see, then titles nothing points at; returns installs removed. */
  sweep(run: number): number {
    return inTransaction(this.db, () => {
      const removed = this.db.prepare('DELETE FROM device_software WHERE sync_run IS NOT ?').run(run).changes;
      if (removed) {
        this.db.exec(
          'DELETE FROM software_titles WHERE id NOT IN (SELECT DISTINCT title_id FROM device_software)',
        );
        this.titleIds.clear();
      }
      return removed;
    });
  }

  forDevice(deviceId: number): SoftwareRecord[] {
    return this.db
      .prepare(
        `SELECT s.device_id AS deviceId, t.name, nullif(t.publisher, '') AS publisher, nullif(s.version, '') AS version,
           s.install_date AS installDate, s.size_bytes AS sizeBytes, s.location
         FROM device_software s JOIN software_titles t ON t.id = s.title_id WHERE s.device_id = ? ORDER BY t.name LIMIT 5000`,
      )
      .all(deviceId) as SoftwareRecord[];
  }
}
