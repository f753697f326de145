import { randomUUID } from 'node:crypto';
import type {
  TicketEdits,
  TicketEntry,
  TicketPreview,
  TicketRef,
  TicketSettings,
  TicketSource,
  ticketCreateResultSchema,
} from '../../../shared/contract/tickets';
import { AppError } from '../../../shared/rpc/errors';
import type { z } from 'zod';
import type { ReferenceDataRepository } from '../reference-data';
import type { Timing } from '../../time/clock';
import { alertTicketKey, psaTicketUrl } from './alert-ticket';
import { applyEdits, type TicketComposer } from './compose';
import type { AlertTicketLedger, Claimant, AlertTicketLedgerEntry } from './ledger';
import type { OutboxProcessor } from './outbox-processor';
import type { OutboxRepository } from './outbox-repository';

export type CreateResult = z.infer<typeof ticketCreateResultSchema>;

export interface TicketServiceDeps {
  composer: TicketComposer;
  outbox: OutboxRepository;
  ledger: AlertTicketLedger;
  processor: OutboxProcessor;
  reference: ReferenceDataRepository;
  claimant(): Claimant;
  timing: Timing;
  settings(): TicketSettings;
  changed(id: number): void;
  /** Wake the background worker. */
  wake(): void;
  /** How long create and resend wait for the first attempt before answering `queued`. */
  waitMs: number;
  /** The connected NinjaOne console, when there is one (device links in descriptions). */
  ninjaOneUrl(): Promise<string | null>;
  /** The connected Alga PSA, when there is one (links to tickets other consoles or rules made). */
  psaUrl(): string | null;
}

/**
 * Tickets from alerts and devices: preview, create (outbox row first, one ticket per alert series),
 * edit, resend. Sending itself is the processor's; callers of the same row share one attempt.
 */
export class TicketService {
  constructor(private readonly deps: TicketServiceDeps) {}

  private existingRef(entry: AlertTicketLedgerEntry): TicketRef {
    const base = this.deps.psaUrl();
    return (
      this.deps.outbox.ticketOf(entry.ticketId!) ?? {
        id: entry.ticketId!,
        number: entry.ticketNumber,
        url: base ? psaTicketUrl(base, entry.ticketId!) : null,
        statusName: null,
        isClosed: false,
      }
    );
  }

  /**
   * The ticket an alert already has: this console's entry for it when this console made it (its
   * detail in the Tickets view), and the ticket itself wherever it was made (a relay rule, another
   * console). Both null when the alert has none yet.
   */
  async forAlert(alertUid: string): Promise<{ entryId: number | null; ticket: TicketRef | null }> {
    const entry = this.deps.outbox.byKey(alertTicketKey(alertUid));
    const held = await this.deps.ledger.get(alertUid);
    const ticket = entry
      ? this.deps.outbox.entry(entry.id).ticket
      : held?.ticketId
        ? this.existingRef(held)
        : null;
    return { entryId: entry?.id ?? null, ticket };
  }

  /** The settings, with the device links pointing at the NinjaOne instance actually connected. */
  private async settings(): Promise<TicketSettings> {
    const settings = this.deps.settings();
    const connected = await this.deps.ninjaOneUrl().catch(() => null);
    return connected ? { ...settings, ninjaOneUrl: connected } : settings;
  }

  async preview(source: TicketSource, edits?: TicketEdits): Promise<TicketPreview> {
    const { preview } = this.deps.composer.compose(source, edits, await this.settings());
    if (source.kind === 'alert') {
      const held = await this.deps.ledger.get(source.alertUid);
      if (held?.ticketId) preview.existing = this.existingRef(held);
    }
    return preview;
  }

  async create(input: {
    source: TicketSource;
    edits?: TicketEdits | undefined;
    requestId?: string | undefined;
  }): Promise<CreateResult> {
    const { source } = input;
    const { outbox, ledger } = this.deps;
    const claimant = this.deps.claimant();
    const key =
      source.kind === 'alert'
        ? alertTicketKey(source.alertUid)
        : `device:${source.deviceId}:${input.requestId ?? randomUUID()}`;
    const known = outbox.byKey(key);
    if (known) return this.settle(known.id, true);
    if (source.kind === 'alert') {
      const held = await ledger.get(source.alertUid);
      if (held?.ticketId) return { outcome: 'existing', entry: null, ticket: this.existingRef(held) };
    }
    const settings = await this.settings();
    const { preview, context } = this.deps.composer.compose(source, input.edits, settings);
    const blocking = preview.problems[0];
    if (blocking) throw new AppError(blocking.code, blocking.message);
    if (source.kind === 'alert') {
      const claim = await ledger.claim(source.alertUid, claimant);
      if (!claim.claimed) {
        if (claim.entry.ticketId)
          return { outcome: 'existing', entry: null, ticket: this.existingRef(claim.entry) };
        if (!claim.heldByMe) {
          throw new AppError(
            'conflict',
            `${claim.entry.claimedBy ?? 'Another technician'} is already creating the ticket for this alert on another console; it appears here once sent.`,
          );
        }
      }
    }
    const { row, inserted } = outbox.insert({
      idempotencyKey: key,
      kind: source.kind,
      alertUid: context.alertUid,
      deviceId: context.deviceId,
      createdBy: claimant.name,
      payload: {
        draft: preview.draft,
        context,
        asset: { mode: settings.assetLink, state: 'pending', assetId: null, message: null },
        maybeCreated: false,
        attemptedClients: [],
        firstSentAt: null,
      },
    });
    if (inserted) this.deps.changed(row.id);
    return this.settle(row.id, !inserted);
  }

  /**
   * Joins the attempt in flight for the row, or starts one if the row is due, and waits for it up to
   * `waitMs`; then answers what the row looks like.
   */
  private async settle(id: number, joined: boolean): Promise<CreateResult> {
    const { outbox, processor, timing } = this.deps;
    const row = outbox.get(id);
    const due =
      (row.state === 'pending' || row.state === 'sending') && (row.nextAttemptAt ?? Infinity) <= timing.now();
    const attempt = processor.inFlight(id) ?? (due ? processor.attempt(id) : null);
    if (attempt) {
      const stop = new AbortController();
      await Promise.race([attempt, timing.sleep(this.deps.waitMs, stop.signal).catch(() => undefined)]);
      stop.abort();
    }
    const entry = outbox.entry(id);
    const outcome = entry.ticket
      ? joined
        ? 'existing'
        : 'created'
      : entry.state === 'failed'
        ? 'failed'
        : 'queued';
    return { outcome, entry, ticket: entry.ticket };
  }

  list(options: Parameters<OutboxRepository['list']>[0]): ReturnType<OutboxRepository['list']> {
    return this.deps.outbox.list(options);
  }

  get(id: number): TicketEntry {
    return this.deps.outbox.entry(id);
  }

  /** Edits a ticket that has not gone out. */
  update(id: number, edits: TicketEdits): TicketEntry {
    const { outbox, processor } = this.deps;
    const row = outbox.get(id);
    if (row.state === 'sent' || row.psaTicketId) {
      throw new AppError('conflict', 'This ticket was already sent; edit it in Alga PSA instead.');
    }
    if (processor.inFlight(id) || row.state === 'sending') {
      throw new AppError('conflict', 'This ticket is being sent right now; try the edit again in a moment.');
    }
    const payload = structuredClone(row.payload);
    payload.draft = applyEdits(payload.draft, edits, this.deps.reference, this.deps.settings());
    outbox.updateDraft(id, payload);
    this.deps.changed(id);
    return outbox.entry(id);
  }

  /** Sends a failed or waiting ticket again now, with edits applied first when given. */
  async resend(id: number, edits?: TicketEdits): Promise<CreateResult> {
    const row = this.deps.outbox.get(id);
    if (row.state === 'sent') {
      return {
        outcome: 'existing',
        entry: this.deps.outbox.entry(id),
        ticket: this.deps.outbox.entry(id).ticket,
      };
    }
    if (edits) this.update(id, edits);
    this.deps.outbox.requeue([id]);
    this.deps.changed(id);
    return this.settle(id, false);
  }

  /** Every waiting ticket is due now (the technician knows the network is back). */
  retryNow(): number {
    const due = this.deps.outbox.requeueAllPending();
    this.deps.wake();
    return due;
  }
}
