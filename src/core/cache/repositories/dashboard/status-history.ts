import { serverAssetTypes } from '../../../../shared/contract/dashboard-attention';
import type { StatusSample } from '../../../../shared/contract/dashboard-trends';
import type { Db } from '../../database';

const servers = serverAssetTypes.map((t) => `'${t}'`).join(', ');

/**
 * How many devices were online and offline over time: a sample of the cache's counts each time the
 * sync or a status change confirms them (two indexed counts; at most one row a minute is kept).
 */
export class StatusHistory {
  private readonly counts;
  private readonly insert;
  private readonly latest;
  private readonly window;
  private readonly before;

  constructor(private readonly db: Db) {
    this.counts = db.prepare(`SELECT count(*) AS total, coalesce(sum(agent_status = 'online'), 0) AS online,
        coalesce(sum(agent_status = 'offline'), 0) AS offline,
        coalesce(sum(agent_status = 'offline' AND asset_type IN (${servers})), 0) AS offlineServers
      FROM devices`);
    this.insert = db.prepare(`INSERT INTO device_status_samples (at, total, online, offline, offline_servers)
      VALUES (@at, @total, @online, @offline, @offlineServers)
      ON CONFLICT(at) DO UPDATE SET total = excluded.total, online = excluded.online, offline = excluded.offline,
        offline_servers = excluded.offline_servers`);
    const columns = 'at, total, online, offline, offline_servers AS offlineServers';
    this.latest = db.prepare(`SELECT ${columns} FROM device_status_samples ORDER BY at DESC LIMIT 1`);
    this.window = db.prepare(
      `SELECT ${columns} FROM device_status_samples WHERE at >= ? ORDER BY at LIMIT ?`,
    );
    this.before = db.prepare(
      `SELECT ${columns} FROM device_status_samples WHERE at < ? ORDER BY at DESC LIMIT 1`,
    );
  }

  /**
   * Samples the cache now (its minute: a burst of changes keeps one row). Nothing is written for an
   * empty cache, which knows no fleet yet.
   */
  record(now: number): StatusSample | null {
    const counts = this.counts.get() as Omit<StatusSample, 'at'>;
    if (counts.total === 0) return null;
    const sample = { at: now - (now % 60_000), ...counts };
    this.insert.run(sample);
    return sample;
  }

  last(): StatusSample | null {
    return (this.latest.get() as StatusSample | undefined) ?? null;
  }

  /** Samples since `since`, led by the last one before it (the state the window starts in). */
  since(since: number, max = 5000): StatusSample[] {
    const first = this.before.get(since) as StatusSample | undefined;
    const rows = this.window.all(since, max - 1) as StatusSample[];
    return first ? [first, ...rows] : rows;
  }

  prune(before: number): void {
    this.db.prepare('DELETE FROM device_status_samples WHERE at < ?').run(before);
  }
}
