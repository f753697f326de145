import type { EventName, Events } from '../../../shared/contract';
import type { TicketSettings } from '../../../shared/contract/tickets';
import type { PayloadOf } from '../../../shared/rpc/define';
import { AppError, isAppError } from '../../../shared/rpc/errors';
import type { Cache } from '../../cache/cache';
import type { Logger } from '../../../node/logger';
import type { PsaClient } from '../client';
import type { PsaConnection } from '../connection';
import { psaFailure } from '../errors';
import type { ReferenceDataRepository } from '../reference-data';
import type { Timing } from '../../time/clock';
import { resetComment } from './alert-ticket';
import type { TicketRepository } from './ticket-repository';
import { resolveTicketStatus, type TicketStatus } from './ticket-status';

/** Resets a NinjaOne alert (`POST /v2/alert/{uid}/reset`); the NinjaOne client provides it. */
export interface AlertResetter {
  reset(alertUid: string): Promise<void>;
}

type Emit = <K extends EventName>(name: K, payload: PayloadOf<Events, K>) => void;

const BATCH = 50;

/**
 * After a ticket from an alert is sent: polls its status; when Alga closes it, resets the NinjaOne
 * alert if the setting asks for it; when NinjaOne resets the alert first, adds an internal comment.
 * Every step is driven by columns of `tickets` (the ticket repository), so nothing is lost when the PSA or NinjaOne is down.
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
      tickets: TicketRepository;
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
    const { tickets, timing, reference } = this.deps;
    const resetOnClose = this.deps.settings().resetAlertOnClose;
    for (const row of tickets.openAlertTickets(BATCH)) {
      let status: TicketStatus;
      try {
        status = resolveTicketStatus(await client.getTicket(row.id), reference);
      } catch (error) {
        if (psaFailure(error)?.status !== 404) throw error;
        status = { statusId: null, statusName: 'Deleted in Alga PSA', isClosed: true };
      }
      this.deps.connection.noteHealth(null);
      const changed =
        status.statusId !== row.statusId || status.statusName !== row.statusName || status.isClosed;
      tickets.recordStatus(row.id, status, timing.now(), {
        changed,
        resetAlert: status.isClosed && resetOnClose,
      });
      if (!changed) continue;
      this.deps.emit('tickets.statusChanged', {
        ticketId: row.id,
        number: row.number,
        statusName: status.statusName,
        isClosed: status.isClosed,
        alertUid: row.alertUid,
      });
      if (row.outboxId !== null) this.deps.changed(row.outboxId);
    }
  }

  private async resetAlertsOfClosedTickets(): Promise<void> {
    const { cache, tickets, timing } = this.deps;
    for (const row of tickets.pendingAlertResets(BATCH)) {
      if (!tickets.alertOpen(row.alertUid)) {
        tickets.setAlertReset(row.id, 'done', null);
        continue;
      }
      if (!this.resetter) {
        tickets.setAlertReset(
          row.id,
          'pending',
          'NinjaOne is not connected: the alert will be reset once it is.',
        );
        continue;
      }
      try {
        await this.resetter.reset(row.alertUid);
        cache.alerts.markReset([row.alertUid], timing.now());
        tickets.setAlertReset(row.id, 'done', null);
        cache.audit.record({
          at: timing.now(),
          actor: 'console',
          action: 'alert.reset',
          target: row.alertUid,
          details: { reason: 'ticket closed', ticket: row.number ?? row.id },
        });
      } catch (error) {
        const app = isAppError(error) ? error : new AppError('internal', String(error));
        // Kept pending: tried again on the next pass.
        tickets.setAlertReset(row.id, 'pending', app.message);
        this.deps.logger.warn('follow-up: resetting the alert failed', {
          alertUid: row.alertUid,
          code: app.code,
        });
      }
    }
  }

  private async commentOnResets(client: PsaClient): Promise<void> {
    if (!this.deps.settings().commentOnAlertReset) return;
    const { tickets } = this.deps;
    for (const row of tickets.resetsToComment(BATCH)) {
      try {
        await client.addComment(row.id, resetComment(row.condition, row.device, row.resetAt), {
          internal: true,
        });
      } catch (error) {
        if (!psaFailure(error) || psaFailure(error)!.retryable) throw error;
        // The ticket is gone or refuses comments: do not try this reset again.
        this.deps.logger.warn('follow-up: reset comment refused', { ticketId: row.id, error });
      }
      tickets.resetCommented(row.id, row.resetAt);
    }
  }
}
