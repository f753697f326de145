import type {
  AlertVolume,
  Noisiest,
  NoisyCondition,
  NoisyDevice,
  VolumeBucket,
} from '../../../../shared/contract/dashboard-trends';
import { severities } from '../../../../shared/contract/domain';
import type { Db } from '../../database';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** The sync checkpoint where the history backfill records how far back it read condition activities (ms). */
export const CONDITION_HISTORY_FROM = 'dashboard.conditionHistoryFrom';

interface VolumeSql {
  hour: number;
  severity: number;
  triggered: number;
  reset: number;
}

/**
 * Alert history from the counts the activity triggers keep (migration 006): volume per hour and
 * severity, and per alert series per day (noisiest devices and conditions, flapping).
 */
export class AlertHistory {
  private readonly volume;
  private readonly oldestHour;
  private readonly oldestActivity;
  private readonly noisyDevices;
  private readonly noisyConditions;
  private readonly backfilledFrom;
  private readonly triggers;

  constructor(private readonly db: Db) {
    this.volume = db.prepare(
      'SELECT hour, severity, triggered, reset FROM alert_volume_hourly WHERE hour >= ? AND hour < ? ORDER BY hour',
    );
    this.oldestHour = db.prepare('SELECT min(hour) FROM alert_volume_hourly').pluck();
    this.oldestActivity = db.prepare('SELECT min(activity_time) FROM activities').pluck();
    this.backfilledFrom = db.prepare('SELECT value FROM sync_checkpoints WHERE name = ?').pluck();
    this.triggers = db
      .prepare('SELECT coalesce(sum(triggered), 0) FROM alert_series_daily WHERE day >= ?')
      .pluck();
    // One row per alert series in the window, then ranked: a series that triggered more than once flaps.
    const perSeries = `WITH per_series AS (
        SELECT series_uid, max(device_id) AS device_id, max(condition_name) AS condition_name,
          max(severity) AS severity, sum(triggered) AS triggers
        FROM alert_series_daily WHERE day >= @since GROUP BY series_uid HAVING triggers > 0)`;
    this.noisyDevices = db.prepare(`${perSeries}
      SELECT p.device_id AS deviceId, coalesce(d.name, 'Device ' || p.device_id) AS deviceName,
        nullif(d.organization_name, '') AS organizationName, p.triggers, p.alerts, p.flapping
      FROM (SELECT device_id, sum(triggers) AS triggers, count(*) AS alerts, sum(triggers > 1) AS flapping
            FROM per_series WHERE device_id IS NOT NULL GROUP BY device_id
            ORDER BY triggers DESC, flapping DESC, device_id LIMIT @limit) AS p
      LEFT JOIN devices d ON d.id = p.device_id
      ORDER BY p.triggers DESC, p.flapping DESC, p.device_id`);
    this.noisyConditions = db.prepare(`${perSeries}
      SELECT coalesce(condition_name, '') AS condition, sum(triggers) AS triggers,
        count(DISTINCT device_id) AS devices, sum(triggers > 1) AS flapping, max(severity) AS severity
      FROM per_series GROUP BY coalesce(condition_name, '')
      ORDER BY triggers DESC, flapping DESC, condition LIMIT @limit`);
  }

  /**
   * Triggered and reset counts per severity for each bucket `[boundaries[i], boundaries[i + 1])`; an
   * hour belongs to the bucket its start falls in.
   */
  alertVolume(boundaries: readonly number[]): AlertVolume {
    const buckets: VolumeBucket[] = boundaries
      .slice(0, -1)
      .map((from, i) => ({ from, to: boundaries[i + 1]!, triggered: {}, reset: {} }));
    const rows = this.volume.all(boundaries[0], boundaries.at(-1)) as VolumeSql[];
    let i = 0;
    for (const row of rows) {
      while (i < buckets.length - 1 && row.hour >= buckets[i]!.to) i++;
      const bucket = buckets[i]!;
      const severity = severities[row.severity] ?? 'NONE';
      if (row.triggered > 0) bucket.triggered[severity] = (bucket.triggered[severity] ?? 0) + row.triggered;
      if (row.reset > 0) bucket.reset[severity] = (bucket.reset[severity] ?? 0) + row.reset;
    }
    return { buckets, historyFrom: this.historyFrom() };
  }

  /**
   * Since when the counts are known: as far back as the backfill read, else the oldest activity or
   * count the cache holds (before the console's first sync nothing was recorded).
   */
  historyFrom(): number | null {
    const backfilled = this.backfilledFrom.get(CONDITION_HISTORY_FROM) as string | undefined;
    const known = [
      backfilled !== undefined && /^\d+$/.test(backfilled) ? Number(backfilled) : null,
      this.oldestActivity.get() as number | null,
      this.oldestHour.get() as number | null,
    ].filter((t): t is number => typeof t === 'number' && Number.isFinite(t));
    return known.length > 0 ? Math.min(...known) : null;
  }

  /** The devices and conditions that triggered most since `since` (rounded down to its UTC day). */
  noisiest(since: number, limit: number): Noisiest {
    const day = since - (since % DAY_MS);
    const params = { since: day, limit };
    const conditions = (
      this.noisyConditions.all(params) as (Omit<NoisyCondition, 'maxSeverity'> & { severity: number })[]
    ).map(({ severity, ...row }) => ({ ...row, maxSeverity: severities[severity] ?? 'NONE' }));
    return { since: day, devices: this.noisyDevices.all(params) as NoisyDevice[], conditions };
  }

  /**
   * Triggers counted since `since` (rounded down to its UTC day, as `noisiest` reads them): how much
   * that ranking can have moved, for a fraction of its cost.
   */
  triggersSince(since: number): number {
    return this.triggers.get(since - (since % DAY_MS)) as number;
  }

  /** Drops counts older than `before` (ms). */
  prune(before: number): void {
    this.db.prepare('DELETE FROM alert_volume_hourly WHERE hour < ?').run(before);
    this.db.prepare('DELETE FROM alert_series_daily WHERE day < ?').run(before);
  }
}
