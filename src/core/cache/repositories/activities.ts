import type { Page } from '../../../shared/rpc/paging';
import { inTransaction, type Db } from '../database';
import { decodeCursor, encodeCursor, queryFingerprint } from '../keyset';

/** A NinjaOne activity (what happened to a device, when), times in ms. */
export interface ActivityRecord {
  id: number;
  deviceId: number | null;
  activityTime: number;
  activityType: string | null;
  statusCode: string | null;
  severity: string | null;
  seriesUid: string | null;
  subject: string | null;
  message: string | null;
  raw: unknown;
}

/** Activities seen by the sync and the relay, for device timelines; duplicates are ignored. */
export class ActivityRepository {
  private readonly insert;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(`
      INSERT INTO activities (id, device_id, activity_time, activity_type, status_code, severity, series_uid, subject, message, raw)
      VALUES (@id, @deviceId, @activityTime, @activityType, @statusCode, @severity, @seriesUid, @subject, @message, @raw)
      ON CONFLICT(id) DO NOTHING`);
  }

  /** Inserts new activities; returns how many were new. */
  insertMany(rows: readonly ActivityRecord[]): number {
    let added = 0;
    inTransaction(this.db, () => {
      for (const row of rows)
        added += this.insert.run({ ...row, raw: JSON.stringify(row.raw ?? null) }).changes;
    });
    return added;
  }

  /** A device's timeline, newest first. */
  forDevice(
    deviceId: number,
    cursor: string | null | undefined,
    limit: number,
  ): Page<Omit<ActivityRecord, 'raw'>> {
    const fingerprint = queryFingerprint({ view: 'activities', deviceId });
    const before = cursor ? (decodeCursor(cursor, fingerprint, 1)[0] as number) : Number.MAX_SAFE_INTEGER;
    const rows = this.db
      .prepare(
        `SELECT id, device_id AS deviceId, activity_time AS activityTime, activity_type AS activityType,
           status_code AS statusCode, severity, series_uid AS seriesUid, subject, message
         FROM activities WHERE device_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
      )
      .all(deviceId, before, limit + 1) as Omit<ActivityRecord, 'raw'>[];
    const more = rows.length > limit;
    const items = more ? rows.slice(0, limit) : rows;
    const last = items.at(-1);
    return { items, nextCursor: more && last ? encodeCursor(fingerprint, [last.id]) : null };
  }

  /** Drops activities older than `before` (ms) so the timeline cache stays bounded. */
  prune(before: number): number {
    return this.db.prepare('DELETE FROM activities WHERE activity_time < ?').run(before).changes;
  }
}
