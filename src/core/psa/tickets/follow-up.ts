import type { EventName, Events } from '../../../shared/contract';
import type { TicketSettings } from '../../../shared/contract/tickets';
import type { PayloadOf } from '../../../shared/rpc/define';
import { AppError, isAppError } from '../../../shared/rpc/errors';
import type { Cache } from '../../cache/cache';
import type { Logger } from '../../log/logger';
import type { PsaClient } from '../client';
import type { PsaConnection } from '../connection';
import { psaFailure } from '../errors';
import type { ReferenceDataRepository } from '../reference-data';
import type { Timing } from '../../time/clock';
import { resetComment } from './alert-ticket';

/** Resets a NinjaOne alert (`POST /v2/alert/{uid}/reset`); the NinjaOne client provides it. */
export interface AlertResetter {
  reset(alertUid: string): Promise<void>;
}

type Emit = <K extends EventName>(name: K, payload: PayloadOf<Events, K>) => void;

const BATCH = 50;

interface OpenTicketSql {
  id: string;
  ticket_number: string | null;
  alert_uid: string | null;
  status_id: string | null;
  status_name: string | null;
  outbox_id: number | null;
}

/**
 * After a ticket from an alert is sent: polls its status; when Alga closes it, resets the NinjaOne
 * alert if the setting asks for it; when NinjaOne resets the alert first, adds an internal comment.
 * Every step is driven by columns of `tickets`, so nothing is lost when the PSA or NinjaOne is down.
 */
export class TicketFollowUp {
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;
  private stopped = false;
  private queued: { poll: boolean; promise: Promise<void> } | null = null;
  private resetter: AlertResetter | null;

  constructor(
    private readonly deps: {
      cache: Cache;
      connection: PsaConnection;
      reference: ReferenceDataRepository;
      timing: Timing;
      logger: Logger;
      emit: Emit;
      settings(): TicketSettings;
      /** An outbox entry's ticket changed. */
      changed(outboxId: number): void;
    },
    resetter: AlertResetter | null,
  ) {
    this.resetter = resetter;
  }

  setAlertResetter(resetter: AlertResetter | null): void {
    this.resetter = resetter;
    if (resetter) this.soon();
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** No new pass after this; resolves when the one under way (if any) has finished with the cache. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await (this.queued?.promise ?? this.current);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run().finally(() => this.schedule(this.deps.settings().statusPollSeconds * 1000));
    }, delayMs);
    this.timer.unref?.();
  }

  /** Run the comment and reset steps now, without waiting for the next status poll. */
  soon(): void {
    void this.run({ poll: false });
  }

  /**
   * NinjaOne reset these alerts (called by the sync and the relay client): marks them reset in the
   * cache and comments on their open tickets. Answers the uids that were open.
   */
  alertsReset(uids: readonly string[], at = this.deps.timing.now()): string[] {
    const reset = this.deps.cache.alerts.markReset(uids, at);
    // The comment pass works from the cache's state, so it is due whoever marked the alerts reset.
    if (uids.length) this.soon();
    return reset;
  }

  /**
   * One full pass (status poll, alert resets, reset comments). Passes never overlap: a call during a
   * pass gets the next one (shared by every caller until it starts), so nothing asked for is skipped.
   */
  run(options: { poll: boolean } = { poll: true }): Promise<void> {
    if (!this.current) return this.startPass(options.poll);
    if (this.queued) {
      this.queued.poll ||= options.poll;
      return this.queued.promise;
    }
    const queued = { poll: options.poll, promise: Promise.resolve() };
    queued.promise = this.current.then(() => {
      this.queued = null;
      return this.startPass(queued.poll);
    });
    this.queued = queued;
    return queued.promise;
  }

  private startPass(poll: boolean): Promise<void> {
    const pass = this.pass(poll).finally(() => {
      if (this.current === pass) this.current = null;
    });
    this.current = pass;
    return pass;
  }

  private async pass(poll: boolean): Promise<void> {
    if (this.stopped || !this.deps.connection.settings()) return;
    let client: PsaClient;
    try {
      client = await this.deps.connection.client();
    } catch {
      return;
    }
    try {
      if (poll) await this.pollStatuses(client);
      await this.resetAlertsOfClosedTickets();
      await this.commentOnResets(client);
    } catch (error) {
      this.deps.connection.noteHealth(error);
      this.deps.logger.warn('follow-up: pass stopped', { error });
    }
  }

  private async pollStatuses(client: PsaClient): Promise<void> {
    const { cache, timing, reference } = this.deps;
    const rows = cache.db
      .prepare(
        `SELECT id, ticket_number, alert_uid, status_id, status_name, outbox_id FROM tickets
         WHERE is_closed = 0 AND alert_uid IS NOT NULL ORDER BY coalesce(status_checked_at, 0), id LIMIT ?`,
      )
      .all(BATCH) as OpenTicketSql[];
    const resetOnClose = this.deps.settings().resetAlertOnClose;
    for (const row of rows) {
      let statusId: string | null;
      let statusName: string | null;
      let closed: boolean;
      try {
        const t = await client.getTicket(row.id);
        statusId = t.status_id ?? null;
        const known = statusId ? reference.status(statusId) : null;
        statusName = t.status_name ?? known?.name ?? null;
        closed = t.status_is_closed ?? t.is_closed ?? known?.isClosed ?? false;
      } catch (error) {
        if (psaFailure(error)?.status !== 404) throw error;
        statusId = null;
        statusName = 'Deleted in Alga PSA';
        closed = true;
      }
      this.deps.connection.noteHealth(null);
      const changed = statusId !== row.status_id || statusName !== row.status_name || closed;
      cache.db
        .prepare(
          `UPDATE tickets SET status_id = ?, status_name = ?, is_closed = ?, status_checked_at = ?,
             updated_at = CASE WHEN ? THEN ? ELSE updated_at END,
             alert_reset_state = CASE WHEN ? AND alert_reset_state IS NULL THEN 'pending' ELSE alert_reset_state END
           WHERE id = ?`,
        )
        .run(
          statusId,
          statusName,
          closed ? 1 : 0,
          timing.now(),
          changed ? 1 : 0,
          timing.now(),
          closed && resetOnClose ? 1 : 0,
          row.id,
        );
      if (!changed) continue;
      this.deps.emit('tickets.statusChanged', {
        ticketId: row.id,
        number: row.ticket_number,
        statusName,
        isClosed: closed,
        alertUid: row.alert_uid,
      });
      if (row.outbox_id !== null) this.deps.changed(row.outbox_id);
    }
  }

  private async resetAlertsOfClosedTickets(): Promise<void> {
    const { cache, timing } = this.deps;
    const rows = cache.db
      .prepare(`SELECT id, ticket_number, alert_uid FROM tickets WHERE alert_reset_state = 'pending' LIMIT ?`)
      .all(BATCH) as { id: string; ticket_number: string | null; alert_uid: string }[];
    const update = cache.db.prepare(
      'UPDATE tickets SET alert_reset_state = ?, alert_reset_error = ? WHERE id = ?',
    );
    for (const row of rows) {
      const alertOpen = cache.db
        .prepare(`SELECT 1 FROM alerts WHERE uid = ? AND state = 'open'`)
        .pluck()
        .get(row.alert_uid);
      if (!alertOpen) {
        update.run('done', null, row.id);
        continue;
      }
      if (!this.resetter) {
        update.run('pending', 'NinjaOne is not connected: the alert will be reset once it is.', row.id);
        continue;
      }
      try {
        await this.resetter.reset(row.alert_uid);
        cache.alerts.markReset([row.alert_uid], timing.now());
        update.run('done', null, row.id);
        cache.db
          .prepare('INSERT INTO audit_log (at, actor, action, target, details) VALUES (?, ?, ?, ?, ?)')
          .run(
            timing.now(),
            'console',
            'alert.reset',
            row.alert_uid,
            JSON.stringify({ reason: 'ticket closed', ticket: row.ticket_number ?? row.id }),
          );
      } catch (error) {
        const app = isAppError(error) ? error : new AppError('internal', String(error));
        // Kept pending: tried again on the next pass.
        update.run('pending', app.message, row.id);
        this.deps.logger.warn('follow-up: resetting the alert failed', {
          alertUid: row.alert_uid,
          code: app.code,
        });
      }
    }
  }

  private async commentOnResets(client: PsaClient): Promise<void> {
    if (!this.deps.settings().commentOnAlertReset) return;
    const { cache } = this.deps;
    const rows = cache.db
      .prepare(
        `SELECT t.id, a.reset_at, coalesce(a.condition_name, a.source_name, a.subject, 'the alert') AS condition, d.name AS device
         FROM tickets t JOIN alerts a ON a.uid = t.alert_uid JOIN devices d ON d.id = a.device_id
         WHERE t.is_closed = 0 AND a.state = 'reset' AND a.reset_at IS NOT NULL AND coalesce(t.reset_comment_for, 0) < a.reset_at
         LIMIT ?`,
      )
      .all(BATCH) as { id: string; reset_at: number; condition: string; device: string }[];
    for (const row of rows) {
      try {
        await client.addComment(row.id, resetComment(row.condition, row.device, row.reset_at), {
          internal: true,
        });
      } catch (error) {
        if (!psaFailure(error) || psaFailure(error)!.retryable) throw error;
        // The ticket is gone or refuses comments: do not try this reset again.
        this.deps.logger.warn('follow-up: reset comment refused', { ticketId: row.id, error });
      }
      cache.db.prepare('UPDATE tickets SET reset_comment_for = ? WHERE id = ?').run(row.reset_at, row.id);
    }
  }
}
