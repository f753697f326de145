import type { Page } from '../../../shared/rpc/paging';
import { inTransaction, type Db } from '../database';
import { keysetPage, queryFingerprint } from '../keyset';

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

  /** Which of these activity ids the cache holds. */
  known(ids: readonly number[]): Set<number> {
    const has = this.db.prepare('SELECT 1 FROM activities WHERE id = ?').pluck();
    return new Set(ids.filter((id) => has.get(id) !== undefined));
  }

  /** A device's timeline, newest first. */
  forDevice(
    deviceId: number,
    cursor: string | null | undefined,
    limit: number,
  ): Page<Omit<ActivityRecord, 'raw'>> {
    return keysetPage<Omit<ActivityRecord, 'raw'>, Omit<ActivityRecord, 'raw'>>(this.db, {
      select: `SELECT id, device_id AS deviceId, activity_time AS activityTime, activity_type AS activityType,
        status_code AS statusCode, severity, series_uid AS seriesUid, subject, message FROM activities`,
      where: ['device_id = ?'],
      params: [deviceId],
      columns: ['id'],
      direction: 'desc',
      fingerprint: queryFingerprint({ view: 'activities', deviceId }),
      cursor,
      limit,
      toItem: (row) => row,
      keyOf: (row) => [row.id],
    });
  }

  /** Drops activities older than `before` (ms) so the timeline cache stays bounded. */
  prune(before: number): number {
    return this.db.prepare('DELETE FROM activities WHERE activity_time < ?').run(before).changes;
  }
}
