import type { PsaClient } from '../../core/psa/client';
import { psaFailure } from '../../core/psa/errors';
import { findTicketByKey } from '../../core/psa/tickets/alert-ticket';
import { backoffDelay, type BackoffPolicy } from '../../core/time/backoff';
import { isAppError } from '../../shared/rpc/errors';
import type { LedgerCommand } from '../ledger/ledger-decision';
import type { DecisionRow, DecisionUpdate, LedgerChange, RelayStore, StoredEvent } from '../store/store';
import { workFrom, type DecisionWork } from './work';

type CreateWork = Extract<DecisionWork, { kind: 'create' }>;

export interface TicketWorkDeps {
  store: RelayStore;
  /** The relay's Alga PSA client, null when it has no credentials. */
  psa: PsaClient | null;
  /** Streams what was committed. */
  publish(events: readonly StoredEvent[]): void;
  /** Runs a ledger command under the store's lock and streams the change. */
  ledger(seriesUid: string, command: LedgerCommand): Promise<LedgerChange>;
  now(): number;
  random(): number;
  retry: BackoffPolicy;
  claimTtlSeconds: number;
}

const RULES_VIA = 'relay rules';

/**
 * Carries out the PSA work of one decision: create the ticket (through the same ledger claim as the
 * consoles, and finding a ticket an interrupted attempt made before sending again), or comment on a
 * ticket (and close it). Answers how the decision ends, or when to try again.
 */
export class TicketWork {
  constructor(private readonly deps: TicketWorkDeps) {}

  async run(row: DecisionRow): Promise<DecisionUpdate> {
    const work = workFrom(row.work!);
    const { psa } = this.deps;
    if (!psa)
      return {
        state: 'failed',
        outcome: 'The relay has no Alga PSA connection.',
        work: null,
        nextAttemptAt: null,
      };
    try {
      switch (work.kind) {
        case 'create':
          return await this.create(row, work, psa);
        case 'comment':
          return await this.comment(work, psa);
        case 'reset':
          return await this.reset(work, psa);
      }
    } catch (error) {
      return this.failure(row, work, error);
    }
  }

  private async create(row: DecisionRow, work: CreateWork, psa: PsaClient): Promise<DecisionUpdate> {
    const claim = await this.deps.ledger(work.seriesUid, {
      op: 'claim',
      request: { by: work.by, claimKey: work.claimKey, ttlSeconds: this.deps.claimTtlSeconds },
      caller: { by: work.by, via: RULES_VIA },
      defaultTtlSeconds: this.deps.claimTtlSeconds,
    });
    const entry = claim.row?.entry ?? null;
    if (claim.outcome === 'ticketed' && entry?.ticket) {
      const t = entry.ticket;
      return this.finished(`ticket ${t.number ?? t.id} already exists (by ${t.by})`, {
        id: t.id,
        number: t.number,
      });
    }
    if (claim.outcome === 'held')
      return this.finished(`${entry?.claim?.by ?? 'A technician'} is creating the ticket on a console`, null);

    let ticket = work.maybeCreated
      ? await findTicketByKey(psa, {
          clientIds: [work.clientId],
          since: work.firstSentAt ?? row.decision.decidedAt,
          key: work.key,
        })
      : null;
    if (!ticket) {
      // Committed before the request: a relay that dies from here on searches before sending again.
      const sending: CreateWork = {
        ...work,
        maybeCreated: true,
        firstSentAt: work.firstSentAt ?? this.deps.now(),
      };
      const { event } = await this.deps.store.updateDecision(
        row.decision.id,
        { state: 'pending', outcome: 'sending the ticket to Alga PSA', work: JSON.stringify(sending) },
        this.deps.now(),
      );
      this.deps.publish([event]);
      ticket = await psa.createTicket(work.body);
    }
    const number = ticket.ticket_number ?? null;
    const recorded = await this.deps.ledger(work.seriesUid, {
      op: 'record',
      request: { by: work.by, claimKey: work.claimKey, ticket: { id: ticket.ticket_id, number } },
    });
    const other = recorded.row?.entry.ticket;
    if (recorded.outcome !== 'recorded' && other && other.id !== ticket.ticket_id)
      return this.finished(
        `created ticket ${number ?? ticket.ticket_id}, but ticket ${other.number ?? other.id} (by ${other.by}) was recorded first`,
        { id: ticket.ticket_id, number },
      );
    return this.finished(`created ticket ${number ?? ticket.ticket_id}`, { id: ticket.ticket_id, number });
  }

  private async comment(
    work: Extract<DecisionWork, { kind: 'comment' }>,
    psa: PsaClient,
  ): Promise<DecisionUpdate> {
    let ticketId = work.ticketId;
    let number: string | null = null;
    if (!ticketId && work.fromDecision !== null) {
      const source = (await this.deps.store.listDecisions(work.fromDecision + 1, 1))[0];
      if (source?.id === work.fromDecision && source.ticket) {
        ticketId = source.ticket.id;
        number = source.ticket.number;
      } else if (source?.id === work.fromDecision && source.state === 'pending') {
        // The flapping series' ticket is still being made: comment once it exists.
        return {
          state: 'pending',
          outcome: 'waiting for the first ticket of this condition',
          nextAttemptAt: this.deps.now() + 1000,
        };
      } else {
        return this.finished('the earlier trigger got no ticket, so there is nothing to comment on', null);
      }
    }
    await psa.addComment(ticketId!, work.text, { internal: true });
    return this.finished(
      `commented on ticket ${number ?? ticketId}`,
      work.ticketId ? undefined : { id: ticketId!, number },
    );
  }

  private async reset(
    work: Extract<DecisionWork, { kind: 'reset' }>,
    psa: PsaClient,
  ): Promise<DecisionUpdate> {
    await psa.addComment(work.ticketId, work.text, { internal: true });
    if (!work.close) return this.finished(`commented on ticket ${work.ticketId}`, undefined);
    const ticket = await psa.getTicket(work.ticketId);
    const targets = (await this.deps.store.getRules()).tickets;
    const closed = ticket.board_id ? targets?.boards[ticket.board_id]?.closedStatusId : null;
    const number = ticket.ticket_number ?? work.ticketId;
    if (!closed)
      return this.finished(
        `commented on ticket ${number}; not closed: no closed status is known for its board (save the rules from a console again)`,
        undefined,
      );
    await psa.setTicketStatus(work.ticketId, closed);
    return this.finished(`commented on and closed ticket ${number}`, undefined);
  }

  private finished(outcome: string, ticket: DecisionUpdate['ticket']): DecisionUpdate {
    return {
      state: 'done',
      outcome,
      ...(ticket !== undefined ? { ticket } : {}),
      work: null,
      nextAttemptAt: null,
    };
  }

  /** Retryable PSA failures wait (the claim stays, renewed on the next try); others end the decision. */
  private async failure(row: DecisionRow, work: DecisionWork, error: unknown): Promise<DecisionUpdate> {
    const info = psaFailure(error);
    const message = error instanceof Error ? error.message : String(error);
    if (!isAppError(error) || info?.retryable || error.code === 'invalid_response') {
      const attempts = row.attempts + 1;
      return {
        state: 'pending',
        outcome: `will retry: ${message}`,
        attempts,
        nextAttemptAt:
          this.deps.now() +
          backoffDelay(attempts, this.deps.retry, { kind: 'equal', random: this.deps.random }),
      };
    }
    if (work.kind === 'create') {
      // Given up for good: a console may make the ticket instead.
      await this.deps
        .ledger(work.seriesUid, { op: 'release', claimKey: work.claimKey })
        .catch(() => undefined);
    }
    return { state: 'failed', outcome: message, work: null, nextAttemptAt: null };
  }
}
