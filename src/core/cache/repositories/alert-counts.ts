import { severities, type Severity } from '../../../shared/contract/domain';
import type { OpenAlertCounts } from '../../../shared/contract/notifications';
import type { Db } from '../database';

/** Open alerts counted by severity (served by the `alerts_open` index). */
export class AlertCountsRepository {
  private readonly count;

  constructor(db: Db) {
    this.count = db.prepare(
      `SELECT severity, count(*) AS n FROM alerts WHERE state = 'open' GROUP BY severity`,
    );
  }

  open(): OpenAlertCounts {
    const bySeverity = Object.fromEntries(severities.map((s) => [s, 0])) as Record<Severity, number>;
    let total = 0;
    for (const row of this.count.all() as { severity: number; n: number }[]) {
      const name = severities[row.severity];
      if (!name) continue;
      bySeverity[name] += row.n;
      total += row.n;
    }
    return { bySeverity, total };
  }
}
