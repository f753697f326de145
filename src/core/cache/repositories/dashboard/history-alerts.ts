import { severityRank } from '../../../../shared/contract/domain';
import { inTransaction, type Db } from '../../database';
import type { AlertRecord } from '../alerts';

export interface PastTrigger {
  /** The last trigger activity of the series, as stored. */
  raw: unknown;
  triggers: number;
  resetAt: number | null;
}

/**
 * The alert series whose condition activities since `from` the cache holds but which it has no alert
 * for: each with its last trigger, how often it triggered and its reset after that trigger.
 */
export function pastTriggers(db: Db, from: number): PastTrigger[] {
  const rows = db
    .prepare(
      `SELECT a.raw,
        (SELECT count(*) FROM activities t WHERE t.series_uid = a.series_uid AND t.activity_type = 'CONDITION'
           AND t.status_code = 'TRIGGERED') AS triggers,
        (SELECT max(r.activity_time) FROM activities r WHERE r.series_uid = a.series_uid
           AND r.activity_type = 'CONDITION' AND r.status_code = 'RESET' AND r.id > a.id) AS resetAt
      FROM activities a
      WHERE a.id IN (SELECT max(id) FROM activities WHERE activity_type = 'CONDITION' AND status_code = 'TRIGGERED'
          AND series_uid IS NOT NULL AND activity_time >= ? GROUP BY series_uid)
        AND NOT EXISTS (SELECT 1 FROM alerts WHERE uid = a.series_uid)`,
    )
    .all(from) as { raw: string; triggers: number; resetAt: number | null }[];
  return rows.map((r) => ({ ...r, raw: JSON.parse(r.raw) as unknown }));
}

export interface PastAlert {
  /** The alert as its last trigger described it. */
  record: AlertRecord;
  /** Triggers seen in the history read. */
  triggers: number;
  /** Its last reset after that trigger, when the history has one. */
  resetAt: number | null;
}

/**
 * Alerts the console never saw open (they fired and reset before its first sync), written as reset
 * so the alert list can show what a trend counts. An alert the cache already has is left alone, and
 * so is one whose device is not cached. Returns how many were added.
 */
export function importPastAlerts(db: Db, alerts: readonly PastAlert[], now: number): number {
  const insert = db.prepare(`
    INSERT INTO alerts (uid, device_id, severity, priority, source_type, source_name, condition_name, subject, message,
      created_at, updated_at, state, reset_at, trigger_count, raw, synced_at)
    SELECT @uid, @deviceId, @severity, @priority, @sourceType, @sourceName, @conditionName, @subject, @message,
      @createdAt, @updatedAt, 'reset', @resetAt, @triggers, @raw, @now
    WHERE EXISTS (SELECT 1 FROM devices WHERE id = @deviceId)
    ON CONFLICT (uid) DO NOTHING`);
  let added = 0;
  inTransaction(db, () => {
    for (const { record, triggers, resetAt } of alerts) {
      added += insert.run({
        ...record,
        severity: severityRank(record.severity),
        raw: JSON.stringify(record.raw ?? null),
        resetAt,
        triggers: Math.max(1, triggers),
        now,
      }).changes;
    }
  });
  return added;
}
