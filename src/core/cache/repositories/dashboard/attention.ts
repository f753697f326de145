import {
  RECENTLY_OFFLINE_MS,
  serverAssetTypes,
  type Attention,
  type AttentionAlert,
  type AttentionDevice,
  type AttentionTicket,
} from '../../../../shared/contract/dashboard-attention';
import { severities, type AgentStatus, type AssetType } from '../../../../shared/contract/domain';
import type { Db } from '../../database';

interface DeviceSql {
  device_id: number;
  device_name: string;
  organization_name: string;
  asset_type: AssetType;
  agent_status: AgentStatus;
  last_contact: number;
}

interface AlertSql extends DeviceSql {
  uid: string;
  severity: number;
  title: string;
  created_at: number;
  acknowledged_by: string | null;
}

interface DeviceRowSql extends DeviceSql {
  failed_patches: number;
  antivirus_state: string | null;
}

interface TicketSql {
  id: number;
  state: 'failed' | 'pending' | 'sending';
  title: string | null;
  device_id: number | null;
  device_name: string | null;
  last_error: string | null;
  attempts: number;
  created_at: number;
  next_attempt_at: number | null;
}

const servers = serverAssetTypes.map((t) => `'${t}'`).join(', ');
const deviceColumns = `d.id AS device_id, d.name AS device_name, d.organization_name, d.asset_type, d.agent_status,
  d.last_contact`;

// Every group's WHERE is the one the drill-down's filter applies, so "show all" lists what was counted.
const alertWhere = `a.state = 'open' AND a.severity >= 3
  AND NOT EXISTS (SELECT 1 FROM alert_ticket_ledger t WHERE t.series_uid = a.uid)`;
const offlineWhere = `d.agent_status = 'offline' AND (d.asset_type IN (${servers}) OR d.last_contact >= @recent)`;
const patchesWhere = `d.asset_type IN (${servers}) AND d.failed_patches > 0`;
const antivirusWhere = `d.antivirus_state = 'at_risk'`;

function device(r: DeviceSql): Omit<AttentionDevice, 'failedPatches' | 'antivirusState'> {
  return {
    deviceId: r.device_id,
    deviceName: r.device_name,
    organizationName: r.organization_name || null,
    assetType: r.asset_type,
    agentStatus: r.agent_status,
    lastContact: r.last_contact || null,
  };
}

function deviceRow(r: DeviceRowSql): AttentionDevice {
  return { ...device(r), failedPatches: r.failed_patches, antivirusState: r.antivirus_state };
}

/**
 * What needs a technician now, from the cache, in the order a shift starts with: critical and major
 * alerts nobody has a ticket for (oldest first), tickets the PSA refused or that still wait, devices
 * that went down (servers, or anything that was online an hour ago), servers whose patches failed,
 * devices whose antivirus is off or out of date. Each group is counted whole and lists its first rows.
 */
export class AttentionQueries {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      alerts: db.prepare(`SELECT a.uid, ${deviceColumns}, a.severity,
          coalesce(a.subject, a.condition_name, a.source_name, a.message, 'Alert') AS title, a.created_at,
          a.acknowledged_by
        FROM alerts a JOIN devices d ON d.id = a.device_id
        WHERE ${alertWhere} ORDER BY a.created_at, a.uid LIMIT @limit`),
      alertCount: db.prepare(`SELECT count(*) FROM alerts a WHERE ${alertWhere}`).pluck(),
      tickets:
        db.prepare(`SELECT o.id, o.state, json_extract(o.payload, '$.draft.title') AS title, o.device_id,
          d.name AS device_name, o.last_error, o.attempts, o.created_at, o.next_attempt_at
        FROM ticket_outbox o LEFT JOIN devices d ON d.id = o.device_id
        WHERE o.state IN ('failed', 'pending', 'sending')
        ORDER BY o.state = 'failed' DESC, o.created_at, o.id LIMIT @limit`),
      ticketCounts: db.prepare(`SELECT count(*) AS total, coalesce(sum(state = 'failed'), 0) AS failed
        FROM ticket_outbox WHERE state IN ('failed', 'pending', 'sending')`),
      offline: db.prepare(`SELECT ${deviceColumns}, d.failed_patches, d.antivirus_state FROM devices d
        WHERE ${offlineWhere}
        ORDER BY d.asset_type IN (${servers}) DESC, d.last_contact DESC, d.id LIMIT @limit`),
      offlineCounts:
        db.prepare(`SELECT count(*) AS total, coalesce(sum(d.asset_type IN (${servers})), 0) AS servers,
          coalesce(sum(d.last_contact >= @recent), 0) AS recent
        FROM devices d WHERE ${offlineWhere}`),
      patches: db.prepare(`SELECT ${deviceColumns}, d.failed_patches, d.antivirus_state FROM devices d
        WHERE ${patchesWhere} ORDER BY d.failed_patches DESC, d.name, d.id LIMIT @limit`),
      patchCount: db.prepare(`SELECT count(*) FROM devices d WHERE ${patchesWhere}`).pluck(),
      antivirus: db.prepare(`SELECT ${deviceColumns}, d.failed_patches, d.antivirus_state FROM devices d
        WHERE ${antivirusWhere}
        ORDER BY d.asset_type IN (${servers}) DESC, d.agent_status = 'online' DESC, d.name, d.id LIMIT @limit`),
      antivirusCount: db.prepare(`SELECT count(*) FROM devices d WHERE ${antivirusWhere}`).pluck(),
    };
  }

  read(options: { limit: number; now: number }): Attention {
    const s = this.statements;
    const limit = { limit: options.limit };
    const recent = { recent: options.now - RECENTLY_OFFLINE_MS };
    const alerts = (s.alerts.all(limit) as AlertSql[]).map((r): AttentionAlert => ({
      uid: r.uid,
      ...device(r),
      severity: severities[r.severity] ?? 'NONE',
      title: r.title,
      createdAt: r.created_at,
      acknowledgedBy: r.acknowledged_by,
    }));
    const tickets = (s.tickets.all(limit) as TicketSql[]).map((r): AttentionTicket => ({
      outboxId: r.id,
      state: r.state === 'failed' ? 'failed' : 'pending',
      title: r.title ?? `Ticket ${r.id}`,
      deviceId: r.device_id,
      deviceName: r.device_name,
      error: r.last_error,
      attempts: r.attempts,
      createdAt: r.created_at,
      nextAttemptAt: r.next_attempt_at,
    }));
    const ticketCounts = s.ticketCounts.get() as { total: number; failed: number };
    const offlineCounts = s.offlineCounts.get(recent) as { total: number; servers: number; recent: number };
    return {
      alerts: { total: s.alertCount.get() as number, items: alerts },
      tickets: {
        total: ticketCounts.total,
        failed: ticketCounts.failed,
        pending: ticketCounts.total - ticketCounts.failed,
        items: tickets,
      },
      offline: {
        ...offlineCounts,
        items: (s.offline.all({ ...limit, ...recent }) as DeviceRowSql[]).map(deviceRow),
      },
      failedPatches: {
        total: s.patchCount.get() as number,
        items: (s.patches.all(limit) as DeviceRowSql[]).map(deviceRow),
      },
      antivirus: {
        total: s.antivirusCount.get() as number,
        items: (s.antivirus.all(limit) as DeviceRowSql[]).map(deviceRow),
      },
      at: options.now,
    };
  }
}
