import type { CompliancePoint, PatchHistory } from '../../../../shared/contract/dashboard-trends';
import { inTransaction, type Db } from '../../database';

const NO_ORGANIZATION = -1;

const pointColumns = `day, devices, up_to_date AS upToDate, pending, failed, unknown`;

interface OrgPointSql extends CompliancePoint {
  organization_id: number;
}

/**
 * One patch compliance snapshot per organization per day (the console's calendar day): the device
 * roll-ups (`devices.patch_state`) counted by organization, so compliance can be followed over time.
 * A later snapshot of the same day replaces the earlier one.
 */
export class ComplianceHistory {
  private readonly write;
  private readonly fleet;
  private readonly latestDay;
  private readonly worst;

  constructor(private readonly db: Db) {
    this.write = db.prepare(`INSERT OR REPLACE INTO patch_compliance_daily
        (day, organization_id, organization_name, devices, up_to_date, pending, failed, unknown, taken_at)
      SELECT @day, coalesce(organization_id, ${NO_ORGANIZATION}), max(organization_name), count(*),
        sum(patch_state = 'up_to_date'), sum(patch_state = 'pending'), sum(patch_state = 'failed'),
        sum(patch_state = 'unknown'), @now
      FROM devices GROUP BY coalesce(organization_id, ${NO_ORGANIZATION})`);
    this.fleet = db.prepare(`SELECT day, sum(devices) AS devices, sum(up_to_date) AS upToDate,
        sum(pending) AS pending, sum(failed) AS failed, sum(unknown) AS unknown
      FROM patch_compliance_daily WHERE day >= ? GROUP BY day ORDER BY day`);
    this.latestDay = db.prepare('SELECT max(day) FROM patch_compliance_daily').pluck();
    this.worst = db.prepare(`SELECT organization_id, organization_name FROM patch_compliance_daily
      WHERE day = ? ORDER BY failed + pending DESC, failed DESC, organization_name, organization_id LIMIT ?`);
  }

  /** Writes the snapshot of `day` (YYYY-MM-DD) from the cache as it is now; returns the organizations written. */
  snapshot(day: string, now: number): number {
    return inTransaction(this.db, () => {
      // Organizations that lost all their devices since the day's earlier snapshot are not carried on.
      this.db.prepare('DELETE FROM patch_compliance_daily WHERE day = ?').run(day);
      return this.write.run({ day, now }).changes;
    });
  }

  /** When the snapshot of `day` was taken, or null when there is none. */
  takenAt(day: string): number | null {
    return (
      (this.db.prepare('SELECT max(taken_at) FROM patch_compliance_daily WHERE day = ?').pluck().get(day) as
        number | null) ?? null
    );
  }

  /**
   * The fleet's daily points from `fromDay` on, and those of the `organizations` with the most devices
   * needing patches (failed or pending) in the latest snapshot.
   */
  history(fromDay: string, organizations: number): PatchHistory {
    const fleet = this.fleet.all(fromDay) as CompliancePoint[];
    const latest = this.latestDay.get() as string | null;
    if (latest === null) return { fleet, organizations: [] };
    const worst = this.worst.all(latest, organizations) as {
      organization_id: number;
      organization_name: string;
    }[];
    if (worst.length === 0) return { fleet, organizations: [] };
    const points = this.db
      .prepare(
        `SELECT organization_id, ${pointColumns} FROM patch_compliance_daily
         WHERE day >= ? AND organization_id IN (${worst.map(() => '?').join(',')}) ORDER BY day`,
      )
      .all(fromDay, ...worst.map((o) => o.organization_id)) as OrgPointSql[];
    return {
      fleet,
      organizations: worst.map((o) => ({
        organizationId: o.organization_id === NO_ORGANIZATION ? null : o.organization_id,
        organizationName: o.organization_name || '(no organization)',
        points: points
          .filter((p) => p.organization_id === o.organization_id)
          .map(({ organization_id: _, ...point }) => point),
      })),
    };
  }

  /** Drops snapshots of days before `beforeDay` (YYYY-MM-DD). */
  prune(beforeDay: string): void {
    this.db.prepare('DELETE FROM patch_compliance_daily WHERE day < ?').run(beforeDay);
  }
}
