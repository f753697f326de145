import { severities } from '../../../shared/contract/domain';
import type { DevicePsaTicket, TicketAlert, TicketRelations } from '../../../shared/contract/psa-tickets';
import { inTransaction, type Db } from '../database';

/** A ticket as Alga's `GET /assets/{id}/tickets` listed it. */
export interface CachedDeviceTicket {
  ticketId: string;
  number: string | null;
  title: string;
  statusName: string | null;
  isClosed: boolean;
  priorityId: string | null;
  enteredAt: number | null;
  updatedAt: number | null;
}

interface AlertSql {
  uid: string;
  device_id: number;
  severity: number;
  condition: string | null;
  state: 'open' | 'reset';
  ticket_id: string;
}

interface TicketSql {
  ticket_id: string;
  ticket_number: string | null;
  title: string;
  status_name: string | null;
  priority_name: string | null;
  entered_at: number | null;
  updated_at: number | null;
  outbox_id: number | null;
}

const toAlert = (r: AlertSql): TicketAlert => ({
  uid: r.uid,
  deviceId: r.device_id,
  severity: severities[r.severity] ?? 'NONE',
  condition: r.condition,
  state: r.state,
});

/** The alerts whose series is recorded against one of `ticketIds` (the alert-ticket ledger). */
const alertsOfTickets = (placeholders: string): string => `
  SELECT a.uid, a.device_id, a.severity, coalesce(a.condition_name, a.subject, a.source_name) AS condition, a.state,
    l.ticket_id
  FROM alert_ticket_ledger l JOIN alerts a ON a.uid = l.series_uid
  WHERE l.ticket_id IN (${placeholders})
  ORDER BY a.created_at DESC LIMIT 500`;

/**
 * `psa_device_tickets`: a device's open tickets as Alga last listed them, joined with what the console
 * knows of each (its own outbox entry, the alerts recorded against it), and the way back from a
 * ticket to its devices and alerts.
 */
export class PsaDeviceTicketRepository {
  constructor(private readonly db: Db) {}

  /** The read's tickets replace the device's cached ones; the read time is their age. */
  replace(deviceId: number, tickets: readonly CachedDeviceTicket[], readAt: number): void {
    const insert = this.db.prepare(
      `INSERT INTO psa_device_tickets (device_id, ticket_id, ticket_number, title, status_name, is_closed, priority_id,
         entered_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    inTransaction(this.db, () => {
      this.db.prepare('DELETE FROM psa_device_tickets WHERE device_id = ?').run(deviceId);
      for (const t of tickets.slice(0, 1000))
        insert.run(
          deviceId,
          t.ticketId,
          t.number,
          t.title,
          t.statusName,
          t.isClosed ? 1 : 0,
          t.priorityId,
          t.enteredAt,
          t.updatedAt,
        );
      this.db
        .prepare('UPDATE psa_device_assets SET tickets_read_at = ? WHERE device_id = ?')
        .run(readAt, deviceId);
    });
  }

  /**
   * The device's open tickets: those Alga listed at the last read, and those this console made for
   * it (still open, as its follow-up last saw them) that the read did not include yet.
   */
  forDevice(deviceId: number): DevicePsaTicket[] {
    const rows = this.db
      .prepare(
        `SELECT p.ticket_id, coalesce(p.ticket_number, t.ticket_number) AS ticket_number, p.title, p.status_name,
           pr.name AS priority_name, p.entered_at, p.updated_at, t.outbox_id
         FROM psa_device_tickets p
         LEFT JOIN tickets t ON t.id = p.ticket_id
         LEFT JOIN psa_priorities pr ON pr.id = p.priority_id
         WHERE p.device_id = ? AND p.is_closed = 0
         UNION ALL
         SELECT t.id, t.ticket_number, t.title, t.status_name, pr.name, t.created_at, t.updated_at, t.outbox_id
         FROM tickets t LEFT JOIN psa_priorities pr ON pr.id = t.priority_id
         WHERE t.device_id = ? AND t.is_closed = 0
           AND NOT EXISTS (SELECT 1 FROM psa_device_tickets p WHERE p.device_id = t.device_id AND p.ticket_id = t.id)
         ORDER BY updated_at DESC LIMIT 200`,
      )
      .all(deviceId, deviceId) as TicketSql[];
    const alerts = this.alertsOf(rows.map((r) => r.ticket_id));
    return rows.map((r) => ({
      id: r.ticket_id,
      number: r.ticket_number,
      title: r.title,
      statusName: r.status_name,
      priorityName: r.priority_name,
      enteredAt: r.entered_at,
      updatedAt: r.updated_at,
      outboxId: r.outbox_id,
      alerts: (alerts.get(r.ticket_id) ?? []).slice(0, 50),
    }));
  }

  /** What the console knows a ticket is about: its devices, its alerts, its own entry. */
  related(ticketId: string): TicketRelations {
    const own = this.db
      .prepare('SELECT ticket_number, outbox_id, device_id FROM tickets WHERE id = ?')
      .get(ticketId) as
      { ticket_number: string | null; outbox_id: number | null; device_id: number | null } | undefined;
    const listed = this.db
      .prepare('SELECT device_id, ticket_number FROM psa_device_tickets WHERE ticket_id = ?')
      .all(ticketId) as { device_id: number; ticket_number: string | null }[];
    const ledger = this.db
      .prepare(
        'SELECT ticket_number FROM alert_ticket_ledger WHERE ticket_id = ? AND ticket_number IS NOT NULL',
      )
      .pluck()
      .get(ticketId) as string | undefined;
    const alerts = this.alertsOf([ticketId]).get(ticketId) ?? [];
    const deviceIds = [
      ...new Set([
        ...(own?.device_id != null ? [own.device_id] : []),
        ...listed.map((l) => l.device_id),
        ...alerts.map((a) => a.deviceId),
      ]),
    ].slice(0, 50);
    const name = this.db.prepare('SELECT name FROM devices WHERE id = ?').pluck();
    return {
      ticketId,
      number: own?.ticket_number ?? listed.find((l) => l.ticket_number)?.ticket_number ?? ledger ?? null,
      outboxId: own?.outbox_id ?? null,
      devices: deviceIds.map((id) => {
        const n = name.get(id) as string | undefined;
        return { id, name: n ?? null, inCache: n !== undefined };
      }),
      alerts: alerts.slice(0, 200),
    };
  }

  private alertsOf(ticketIds: readonly string[]): Map<string, TicketAlert[]> {
    const out = new Map<string, TicketAlert[]>();
    if (!ticketIds.length) return out;
    const rows = this.db
      .prepare(alertsOfTickets(ticketIds.map(() => '?').join(',')))
      .all(...ticketIds) as AlertSql[];
    for (const r of rows) out.set(r.ticket_id, [...(out.get(r.ticket_id) ?? []), toAlert(r)]);
    return out;
  }
}
