import type { DashboardSummary } from '../../../shared/contract/dashboard';
import type { Db } from '../database';
import type { AlertRepository } from './alerts';

/** The dashboard's figures, each one indexed count over the cache. */
export function dashboardSummary(
  db: Db,
  alerts: AlertRepository,
  lastSyncAt: number | null,
): DashboardSummary {
  const byStatus = Object.fromEntries(
    (
      db.prepare('SELECT agent_status AS k, count(*) AS n FROM devices GROUP BY agent_status').all() as {
        k: string;
        n: number;
      }[]
    ).map((r) => [r.k, r.n]),
  );
  const byPatch = Object.fromEntries(
    (
      db.prepare('SELECT patch_state AS k, count(*) AS n FROM devices GROUP BY patch_state').all() as {
        k: string;
        n: number;
      }[]
    ).map((r) => [r.k, r.n]),
  );
  const byAv = Object.fromEntries(
    (
      db
        .prepare(
          `SELECT antivirus_state AS k, count(*) AS n FROM devices WHERE antivirus_state IN ('at_risk', 'not_installed') GROUP BY antivirus_state`,
        )
        .all() as { k: string; n: number }[]
    ).map((r) => [r.k, r.n]),
  );
  const byOutbox = Object.fromEntries(
    (
      db
        .prepare(
          `SELECT state AS k, count(*) AS n FROM ticket_outbox WHERE state IN ('pending', 'sending', 'failed') GROUP BY state`,
        )
        .all() as {
        k: string;
        n: number;
      }[]
    ).map((r) => [r.k, r.n]),
  );
  const counts = alerts.counts();
  const online = byStatus.online ?? 0;
  const offline = byStatus.offline ?? 0;
  const unknown = byStatus.unknown ?? 0;
  return {
    devices: { total: online + offline + unknown, online, offline, unknown },
    alerts: { open: counts.open, bySeverity: counts.bySeverity },
    patches: {
      failed: byPatch.failed ?? 0,
      pending: byPatch.pending ?? 0,
      upToDate: byPatch.up_to_date ?? 0,
      unknown: byPatch.unknown ?? 0,
    },
    antivirus: { atRisk: byAv.at_risk ?? 0, notInstalled: byAv.not_installed ?? 0 },
    tickets: { pending: (byOutbox.pending ?? 0) + (byOutbox.sending ?? 0), failed: byOutbox.failed ?? 0 },
    lastSyncAt,
  };
}
