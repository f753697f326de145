import { AppError, isAppError, type ErrorCode } from '../../../shared/rpc/errors';
import type { Cache } from '../../cache/cache';
import type { PsaDeviceAssetRepository } from '../../cache/repositories/psa-device-assets';
import type { Logger } from '../../../node/logger';
import type { PsaClient } from '../client';
import type { PsaConnection } from '../connection';
import { psaFailure } from '../errors';
import type { ReferenceDataRepository } from '../reference-data';
import type { CreateTicketBody, TicketRow } from '../schemas';
import { backoffDelay, type BackoffPolicy } from '../../time/backoff';
import type { Timing } from '../../time/clock';
import { findTicketByKey, psaTicketUrl, ticketAttributes } from './alert-ticket';
import { linkDeviceAsset } from './asset-link';
import type { AlertTicketLedger, Claimant } from './ledger';
import type { OutboxPayload, OutboxRepository, OutboxRow } from './outbox-repository';
import { resolveTicketStatus } from './ticket-status';

/** Failures that mean the PSA could not be reached at all: the worker probes instead of retrying rows. */
export const networkCodes: readonly ErrorCode[] = ['upstream_unavailable', 'timeout'];
/** Failures no retry fixes until the connection changes (new key, reconnect). */
export const connectionCodes: readonly ErrorCode[] = ['unauthorized', 'forbidden', 'not_configured'];

export interface AttemptResult {
  state: 'sent' | 'pending' | 'failed';
  errorCode: ErrorCode | null;
}

export interface OutboxProcessorDeps {
  cache: Cache;
  outbox: OutboxRepository;
  ledger: AlertTicketLedger;
  connection: PsaConnection;
  reference: ReferenceDataRepository;
  /** The device-to-asset links, so a device's next ticket needs no asset lookup. */
  assets: PsaDeviceAssetRepository;
  claimant(): Claimant;
  timing: Timing;
  retry: BackoffPolicy;
  logger: Logger;
  /** An outbox row changed (emit its entry). */
  changed(id: number): void;
  /** A row got a next attempt time (the worker sets its timer). */
  scheduled(): void;
  /** A ticket was recorded (the follow-up may have a reset comment to add). */
  recorded(): void;
  /** The PSA answered after being unreachable. */
  reachable(): void;
  /** The PSA refused a ticket: its reference data may be stale. */
  refused(error: AppError): void;
}

function missingIds(row: OutboxRow): AppError | null {
  const d = row.payload.draft;
  const missing = [
    !d.clientId && 'client (map the organization)',
    !d.boardId && 'board',
    !d.statusId && 'status',
    !d.priorityId && 'priority',
  ].filter(Boolean);
  return missing.length
    ? new AppError(
        d.clientId ? 'not_configured' : 'unmapped_organization',
        `The ticket cannot be sent without a ${missing.join(', ')}. Edit it and send it again.`,
      )
    : null;
}

/**
 * Sends one outbox row at a time per row (concurrent callers share the attempt): look for a ticket a
 * previous attempt may have created, else create it; record it; link the device's asset. Every
 * failure leaves the row pending with its error and next attempt, or failed with the PSA's message.
 */
export class OutboxProcessor {
  private readonly inflight = new Map<number, Promise<AttemptResult>>();

  constructor(private readonly deps: OutboxProcessorDeps) {}

  inFlight(id: number): Promise<AttemptResult> | undefined {
    return this.inflight.get(id);
  }

  attempt(id: number): Promise<AttemptResult> {
    const running = this.inflight.get(id);
    if (running) return running;
    const work = this.run(id).finally(() => this.inflight.delete(id));
    this.inflight.set(id, work);
    return work;
  }

  private async run(id: number): Promise<AttemptResult> {
    const { outbox, connection } = this.deps;
    const row = outbox.get(id);
    if (row.state === 'failed') return { state: 'failed', errorCode: row.lastErrorCode };
    const payload: OutboxPayload = structuredClone(row.payload);
    let client: PsaClient;
    try {
      client = await connection.client();
    } catch (error) {
      return this.wait(row, payload, error, null);
    }
    if (!row.psaTicketId) {
      const missing = missingIds(row);
      if (missing) return this.fail(row, payload, missing);
      outbox.markSending(id, payload);
      this.deps.changed(id);
      const hadMaybe = payload.maybeCreated;
      let posted = false;
      try {
        let ticket = hadMaybe ? await this.recover(client, row, payload) : null;
        if (!ticket) {
          // Committed before the request: a crash from here on leaves a row that searches first.
          payload.maybeCreated = true;
          payload.firstSentAt ??= this.deps.timing.now();
          if (!payload.attemptedClients.includes(payload.draft.clientId!))
            payload.attemptedClients.push(payload.draft.clientId!);
          outbox.updateDraft(id, payload);
          posted = true;
          ticket = await client.createTicket(this.body(row, payload));
        }
        await this.record(row, ticket, payload);
      } catch (error) {
        // A request the PSA provably did not carry out leaves the earlier knowledge as it was.
        if (posted && psaFailure(error)?.ambiguous === false) payload.maybeCreated = hadMaybe;
        return this.settleFailure(row, payload, error);
      }
    }
    return this.linkAsset(id, client);
  }

  private body(row: OutboxRow, payload: OutboxPayload): CreateTicketBody {
    const { draft, context } = payload;
    return {
      title: draft.title,
      board_id: draft.boardId!,
      client_id: draft.clientId!,
      status_id: draft.statusId!,
      priority_id: draft.priorityId!,
      attributes: ticketAttributes({
        key: row.idempotencyKey,
        description: draft.description,
        deviceId: context.deviceId,
        alertUid: context.alertUid,
        severity: context.severity,
        createdBy: 'alga-technician-console',
      }),
    };
  }

  /**
   * A ticket an earlier attempt created without our knowing: list the client's tickets entered since
   * shortly before the first send (Alga cannot filter on attributes) and match our key.
   */
  private async recover(
    client: PsaClient,
    row: OutboxRow,
    payload: OutboxPayload,
  ): Promise<TicketRow | null> {
    const match = await findTicketByKey(client, {
      clientIds: payload.attemptedClients.length ? payload.attemptedClients : [payload.draft.clientId!],
      since: payload.firstSentAt ?? row.createdAt,
      key: row.idempotencyKey,
    });
    if (match) {
      this.deps.logger.info('outbox: found the ticket an earlier attempt created', {
        outboxId: row.id,
        ticket: match.ticket_number,
      });
    }
    return match;
  }

  private async record(row: OutboxRow, ticket: TicketRow, payload: OutboxPayload): Promise<void> {
    const { outbox, connection, reference, ledger, cache } = this.deps;
    connection.noteHealth(null);
    this.deps.reachable();
    const base = connection.settings()?.baseUrl ?? null;
    payload.maybeCreated = false;
    outbox.recordTicket(
      row,
      {
        id: ticket.ticket_id,
        number: ticket.ticket_number ?? null,
        ...resolveTicketStatus(ticket, reference),
        url: base ? psaTicketUrl(base, ticket.ticket_id) : null,
      },
      payload,
    );
    const claimant = this.deps.claimant();
    if (row.alertUid) {
      await ledger.record(row.alertUid, claimant, {
        id: ticket.ticket_id,
        number: ticket.ticket_number ?? null,
      });
    }
    cache.audit.record({
      at: this.deps.timing.now(),
      actor: claimant.name,
      action: 'ticket.created',
      target: ticket.ticket_number ?? ticket.ticket_id,
      details: {
        outboxId: row.id,
        alertUid: row.alertUid,
        deviceId: row.deviceId,
        ticketId: ticket.ticket_id,
      },
    });
    this.deps.changed(row.id);
    this.deps.recorded();
  }

  private async linkAsset(id: number, client: PsaClient): Promise<AttemptResult> {
    const { outbox, timing } = this.deps;
    const row = outbox.get(id);
    const payload = structuredClone(row.payload);
    if (payload.asset.state === 'pending') {
      try {
        const outcome = await linkDeviceAsset(
          { client, links: this.deps.assets, now: () => timing.now() },
          row.psaTicketId!,
          payload.context,
          payload.draft.clientId!,
          payload.asset.mode,
        );
        payload.asset = { ...payload.asset, ...outcome };
      } catch (error) {
        const app = isAppError(error) ? error : new AppError('internal', String(error));
        const info = psaFailure(app);
        if (info?.retryable) {
          // The ticket exists; only the link waits for another try.
          payload.asset.message = `The ticket was created; linking the device's asset will be retried: ${app.message}`;
          outbox.markSent(
            id,
            payload,
            timing.now() +
              backoffDelay(row.attempts, this.deps.retry, { kind: 'equal', random: timing.random }),
          );
          this.deps.changed(id);
          return { state: 'sent', errorCode: app.code };
        }
        payload.asset = {
          ...payload.asset,
          state: 'failed',
          message: `The ticket was created, but the device's asset could not be linked: ${app.message}`,
        };
      }
    }
    outbox.markSent(id, payload);
    this.deps.changed(id);
    return { state: 'sent', errorCode: null };
  }

  private settleFailure(row: OutboxRow, payload: OutboxPayload, error: unknown): AttemptResult {
    const app = isAppError(error)
      ? error
      : new AppError('internal', `Sending the ticket failed unexpectedly: ${String(error)}`);
    const info = psaFailure(app);
    if (info) this.deps.connection.noteHealth(app);
    if (connectionCodes.includes(app.code)) return this.wait(row, payload, app, null);
    // A garbled answer to a create is as ambiguous as a timeout; unexpected errors are retried too.
    if (!info || info.retryable || app.code === 'invalid_response') {
      const delay = Math.max(
        backoffDelay(row.attempts + 1, this.deps.retry, { kind: 'equal', random: this.deps.timing.random }),
        info?.retryAfterMs ?? 0,
      );
      return this.wait(row, payload, app, this.deps.timing.now() + delay);
    }
    this.deps.refused(app);
    return this.fail(row, payload, app);
  }

  private wait(
    row: OutboxRow,
    payload: OutboxPayload,
    error: unknown,
    nextAttemptAt: number | null,
  ): AttemptResult {
    const app = isAppError(error) ? error : new AppError('internal', String(error));
    this.deps.outbox.markPending(row.id, { payload, error: app, nextAttemptAt });
    this.deps.changed(row.id);
    if (nextAttemptAt !== null) this.deps.scheduled();
    this.deps.logger.info('outbox: ticket waits', { outboxId: row.id, code: app.code, nextAttemptAt });
    return { state: 'pending', errorCode: app.code };
  }

  private fail(row: OutboxRow, payload: OutboxPayload, error: AppError): AttemptResult {
    this.deps.outbox.markFailed(row.id, { payload, error });
    this.deps.changed(row.id);
    this.deps.logger.warn('outbox: ticket refused', {
      outboxId: row.id,
      code: error.code,
      message: error.message,
    });
    return { state: 'failed', errorCode: error.code };
  }
}
