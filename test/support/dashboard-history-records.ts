import type { Cache } from '../../src/core/cache/cache';
import type { ActivityRecord } from '../../src/core/cache/repositories/activities';
import { localDayBefore } from '../../src/shared/calendar-day';
import { rng, type FleetRecords } from './fleet-records';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const conditions = [
  'Disk free space < 10%',
  'CPU above 95% for 15 minutes',
  'Memory above 90%',
  'Agent offline',
  'Pending reboot for 7 days',
  'Windows service stopped',
  'Backup job failed',
  'SMART disk warning',
];
const severities = ['CRITICAL', 'MAJOR', 'MAJOR', 'MODERATE', 'MODERATE', 'MINOR'];

export interface DashboardHistoryOptions {
  days: number;
  /** The end of the history (epoch ms). */
  now: number;
  /** Alert series that trigger each day. */
  seriesPerDay: number;
  seed?: number;
}

/**
 * The history a console that ran for `days` keeps for the dashboard's trends, over a fleet already in
 * the cache: condition activities (triggers, most reset within hours, one series in seven flapping),
 * which the cache's own triggers count per hour and per series and day; one patch compliance snapshot
 * a day; and a status sample every minute, as many as the recorder keeps. Returns what was written.
 */
export function seedDashboardHistory(
  cache: Cache,
  fleet: FleetRecords,
  options: DashboardHistoryOptions,
): { activities: number; samples: number; snapshots: number } {
  const random = rng(options.seed ?? 5);
  const from = options.now - options.days * DAY;
  let id = 50_000_000;
  let activities = 0;
  for (let day = 0; day < options.days; day++) {
    const batch: ActivityRecord[] = [];
    for (let n = 0; n < options.seriesPerDay; n++) {
      const device = fleet.devices[Math.floor(random() * fleet.devices.length)]!;
      const condition = conditions[Math.floor(random() * conditions.length)]!;
      const severity = severities[Math.floor(random() * severities.length)]!;
      const seriesUid = `history-${day}-${n}`;
      let at = from + day * DAY + Math.floor(random() * DAY);
      const triggers = random() < 1 / 7 ? 2 + Math.floor(random() * 4) : 1;
      for (let t = 0; t < triggers && at < options.now; t++) {
        const activity = (statusCode: string, time: number): ActivityRecord => ({
          id: id++,
          deviceId: device.id,
          activityTime: time,
          activityType: 'CONDITION',
          statusCode,
          severity,
          seriesUid,
          subject: condition,
          message: null,
          raw: { sourceName: condition },
        });
        batch.push(activity('TRIGGERED', at));
        const resetAt = at + 10 * MINUTE + Math.floor(random() * 6 * 60 * MINUTE);
        if (random() < 0.85 && resetAt < options.now) batch.push(activity('RESET', resetAt));
        at = resetAt + 30 * MINUTE;
      }
    }
    activities += cache.activities.insertMany(batch);
  }

  for (let day = options.days - 1; day >= 0; day--)
    cache.dashboard.compliance.snapshot(localDayBefore(options.now, day), options.now - day * DAY);

  // The recorder samples the cache's counts; a month of its samples, with the offline count moving.
  const total = fleet.devices.length;
  const offline = fleet.devices.filter((d) => d.agentStatus === 'offline').length;
  const servers = fleet.devices.filter((d) => d.agentStatus === 'offline' && d.assetType === 'server').length;
  const insert = cache.db.prepare(`INSERT OR REPLACE INTO device_status_samples
    (at, total, online, offline, offline_servers) VALUES (?, ?, ?, ?, ?)`);
  let samples = 0;
  cache.transaction(() => {
    for (let at = from - (from % MINUTE); at <= options.now; at += MINUTE) {
      const swing = Math.round(offline * 0.1 * Math.sin(at / (6 * 60 * MINUTE)));
      insert.run(at, total, total - offline - swing, offline + swing, servers);
      samples++;
    }
  });
  return { activities, samples, snapshots: options.days };
}
