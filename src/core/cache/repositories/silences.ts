import type { Db } from '../database';

export interface Silence {
  deviceId: number;
  until: number;
  silencedBy: string | null;
  reason: string | null;
}

/**
 * Devices a technician silenced for a while: their new alerts notify nobody (and, with a relay,
 * create no automatic ticket). Expired silences are simply ignored.
 */
export class SilenceRepository {
  constructor(private readonly db: Db) {}

  silence(deviceId: number, until: number, by: string, reason: string | null, now = Date.now()): Silence {
    this.db
      .prepare(
        `INSERT INTO device_silences (device_id, until, silenced_by, reason, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(device_id) DO UPDATE SET until = excluded.until, silenced_by = excluded.silenced_by,
           reason = excluded.reason, created_at = excluded.created_at`,
      )
      .run(deviceId, until, by, reason, now);
    return { deviceId, until, silencedBy: by, reason };
  }

  unsilence(deviceId: number): boolean {
    return this.db.prepare('DELETE FROM device_silences WHERE device_id = ?').run(deviceId).changes > 0;
  }

  active(deviceId: number, now = Date.now()): Silence | null {
    return (
      (this.db
        .prepare(
          'SELECT device_id AS deviceId, until, silenced_by AS silencedBy, reason FROM device_silences WHERE device_id = ? AND until > ?',
        )
        .get(deviceId, now) as Silence | undefined) ?? null
    );
  }

  /** Which of these devices are silenced now. */
  silencedAmong(deviceIds: readonly number[], now = Date.now()): Set<number> {
    if (!deviceIds.length) return new Set();
    const rows = this.db
      .prepare(
        `SELECT device_id FROM device_silences WHERE until > ? AND device_id IN (${deviceIds.map(() => '?').join(',')})`,
      )
      .pluck()
      .all(now, ...deviceIds) as number[];
    return new Set(rows);
  }
}
