import type { Db } from '../../cache/database';
import type { TicketStatus } from './ticket-status';

/** A sent ticket from an alert, still open: its status is polled. */
export interface OpenAlertTicket {
  id: string;
  number: string | null;
  alertUid: string;
  statusId: string | null;
  statusName: string | null;
  outboxId: number | null;
}

/** A closed ticket whose NinjaOne alert is to be reset. */
export interface PendingAlertReset {
  id: string;
  number: string | null;
  alertUid: string;
}

/** An open ticket whose alert NinjaOne reset since the ticket's last reset comment. */
export interface ResetToComment {
  id: string;
  resetAt: number;
  condition: string;
  device: string;
}

/**
 * The sent `tickets` as the follow-up works them: status polls, alert resets after a close, and
 * reset comments. Each step's state is a column here, so nothing is lost while a service is down.
 * (The outbox repository writes the row when a ticket is created.)
 */
export class TicketRepository {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      openAlertTickets: db.prepare(
        `SELECT id, ticket_number AS number, alert_uid AS alertUid, status_id AS statusId,
           status_name AS statusName, outbox_id AS outboxId FROM tickets
         WHERE is_closed = 0 AND alert_uid IS NOT NULL ORDER BY coalesce(status_checked_at, 0), id LIMIT ?`,
      ),
      recordStatus: db.prepare(
        `UPDATE tickets SET status_id = ?, status_name = ?, is_closed = ?, status_checked_at = ?,
           updated_at = CASE WHEN ? THEN ? ELSE updated_at END,
           alert_reset_state = CASE WHEN ? AND alert_reset_state IS NULL THEN 'pending' ELSE alert_reset_state END
         WHERE id = ?`,
      ),
      pendingAlertResets: db.prepare(
        `SELECT id, ticket_number AS number, alert_uid AS alertUid FROM tickets
         WHERE alert_reset_state = 'pending' LIMIT ?`,
      ),
      alertOpen: db.prepare(`SELECT 1 FROM alerts WHERE uid = ? AND state = 'open'`).pluck(),
      setAlertReset: db.prepare(
        'UPDATE tickets SET alert_reset_state = ?, alert_reset_error = ? WHERE id = ?',
      ),
      resetsToComment: db.prepare(
        `SELECT t.id, a.reset_at AS resetAt, coalesce(a.condition_name, a.source_name, a.subject, 'the alert') AS condition,
           d.name AS device
         FROM tickets t JOIN alerts a ON a.uid = t.alert_uid JOIN devices d ON d.id = a.device_id
         WHERE t.is_closed = 0 AND a.state = 'reset' AND a.reset_at IS NOT NULL AND coalesce(t.reset_comment_for, 0) < a.reset_at
         LIMIT ?`,
      ),
      resetCommented: db.prepare('UPDATE tickets SET reset_comment_for = ? WHERE id = ?'),
    };
  }

  /** Open tickets from alerts, least recently checked first. */
  openAlertTickets(limit: number): OpenAlertTicket[] {
    return this.statements.openAlertTickets.all(limit) as OpenAlertTicket[];
  }

  /**
   * Stores a polled status. `changed` moves `updated_at`; `resetAlert` queues the alert's reset
   * (once: a reset already queued or done stays as it is).
   */
  recordStatus(
    id: string,
    status: TicketStatus,
    at: number,
    options: { changed: boolean; resetAlert: boolean },
  ): void {
    this.statements.recordStatus.run(
      status.statusId,
      status.statusName,
      status.isClosed ? 1 : 0,
      at,
      options.changed ? 1 : 0,
      at,
      options.resetAlert ? 1 : 0,
      id,
    );
  }

  pendingAlertResets(limit: number): PendingAlertReset[] {
    return this.statements.pendingAlertResets.all(limit) as PendingAlertReset[];
  }

  /** Whether the ticket's alert is still open in the cache (NinjaOne may have reset it already). */
  alertOpen(alertUid: string): boolean {
    return this.statements.alertOpen.get(alertUid) !== undefined;
  }

  /** `pending` keeps the reset queued (with why it waits); `done` ends it. */
  setAlertReset(id: string, state: 'pending' | 'done', error: string | null): void {
    this.statements.setAlertReset.run(state, error, id);
  }

  resetsToComment(limit: number): ResetToComment[] {
    return this.statements.resetsToComment.all(limit) as ResetToComment[];
  }

  /** The reset at `resetAt` has its comment (or the ticket refused it): not tried again. */
  resetCommented(id: string, resetAt: number): void {
    this.statements.resetCommented.run(resetAt, id);
  }
}
