import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ledgerAnswerSchema, type LedgerAnswer, type TeamLedgerEntry } from '../../shared/relay/ledger';
import { isAppError } from '../../shared/rpc/errors';
import type { Cache } from '../cache/cache';
import type { Logger } from '../../node/logger';
import type {
  AlertTicketLedger,
  Claimant,
  ClaimResult,
  AlertTicketLedgerEntry,
  SqliteAlertTicketLedger,
} from '../psa/tickets/ledger';
import type { RelayHttp } from './http';

const PENDING_KEY = 'relay.pendingLedgerRecords';
const pendingSchema = z.array(
  z.object({
    seriesUid: z.string(),
    by: z.string(),
    claimKey: z.string(),
    ticket: z.object({ id: z.string(), number: z.string().nullable() }),
  }),
);
type PendingRecord = z.infer<typeof pendingSchema>[number];

/**
 * The relay's ledger entries in the cache's `alert_ticket_ledger`, which the alert list joins: every
 * `ledger` event and every answer to this console's claims lands here, so "ticket T by Alice" shows
 * at once on every console.
 */
export class TeamLedgerMirror {
  constructor(private readonly cache: Cache) {}

  apply(entry: TeamLedgerEntry): void {
    const { db } = this.cache;
    if (entry.state === 'open') {
      db.prepare(`DELETE FROM alert_ticket_ledger WHERE series_uid = ? AND state = 'claimed'`).run(
        entry.seriesUid,
      );
      return;
    }
    const ticket = entry.state === 'ticketed' ? entry.ticket : null;
    db.prepare(
      `INSERT INTO alert_ticket_ledger (series_uid, state, ticket_id, ticket_number, claimed_by, claimed_at, recorded_at)
       VALUES (@uid, @state, @ticketId, @ticketNumber, @by, @at, @recordedAt)
       ON CONFLICT(series_uid) DO UPDATE SET state = excluded.state, ticket_id = excluded.ticket_id,
         ticket_number = excluded.ticket_number, claimed_by = excluded.claimed_by, recorded_at = excluded.recorded_at`,
    ).run({
      uid: entry.seriesUid,
      state: ticket ? 'recorded' : 'claimed',
      ticketId: ticket?.id ?? null,
      ticketNumber: ticket?.number ?? null,
      by: ticket?.by ?? entry.claim?.by ?? null,
      at: entry.updatedAt,
      recordedAt: ticket?.at ?? null,
    });
  }
}

/** This console's claim key for a series: the same after a restart, so it renews its own claim. */
function claimKeyOf(claimant: Claimant, seriesUid: string): string {
  return `console-${createHash('sha256').update(`${claimant.id}\n${seriesUid}`).digest('base64url').slice(0, 32)}`;
}

/**
 * One ticket per alert series for the whole team: while a relay is connected, claims and records go
 * to its ledger (the same one the rules use); without one, the cache's own ledger serves. Entries are
 * mirrored into the cache either way. A recorded ticket the relay could not be told about yet is
 * kept and sent again when it answers.
 */
export class RelayAlertTicketLedger implements AlertTicketLedger {
  constructor(
    private readonly local: SqliteAlertTicketLedger,
    private readonly relay: () => RelayHttp | null,
    private readonly mirror: TeamLedgerMirror,
    private readonly cache: Cache,
    private readonly logger: Logger,
  ) {}

  async claim(seriesUid: string, claimant: Claimant): Promise<ClaimResult> {
    const relay = this.relay();
    if (!relay) return this.local.claim(seriesUid, claimant);
    const answer = await this.send(relay, 'claim', seriesUid, 'POST', '/claim', {
      by: claimant.name,
      claimKey: claimKeyOf(claimant, seriesUid),
    });
    const entry = this.toLocal(answer.entry!);
    return answer.outcome === 'claimed'
      ? { claimed: true, entry }
      : { claimed: false, entry, heldByMe: false };
  }

  async record(
    seriesUid: string,
    claimant: Claimant,
    ticket: { id: string; number: string | null },
  ): Promise<AlertTicketLedgerEntry> {
    const relay = this.relay();
    if (!relay) return this.local.record(seriesUid, claimant, ticket);
    const pending: PendingRecord = {
      seriesUid,
      by: claimant.name,
      claimKey: claimKeyOf(claimant, seriesUid),
      ticket,
    };
    // The ticket exists: the alert list shows it at once, whatever the relay says later.
    await this.local.record(seriesUid, claimant, ticket);
    try {
      await this.sendRecord(relay, pending);
    } catch (error) {
      if (!isAppError(error) || !['upstream_unavailable', 'timeout'].includes(error.code)) throw error;
      this.logger.warn('relay: the ticket is recorded locally; the relay is told once it answers', {
        seriesUid,
        code: error.code,
      });
      this.cache.settings.set(PENDING_KEY, [
        ...this.pending().filter((p) => p.seriesUid !== seriesUid),
        pending,
      ]);
    }
    return (await this.local.get(seriesUid))!;
  }

  get(seriesUid: string): Promise<AlertTicketLedgerEntry | null> {
    return this.local.get(seriesUid);
  }

  /** Sends the records the relay missed (call when it answers again). */
  async flushPending(): Promise<void> {
    const relay = this.relay();
    if (!relay) return;
    for (const pending of this.pending()) {
      await this.sendRecord(relay, pending);
      this.cache.settings.set(
        PENDING_KEY,
        this.pending().filter((p) => p.seriesUid !== pending.seriesUid),
      );
    }
  }

  private pending(): PendingRecord[] {
    return this.cache.settings.get(PENDING_KEY, pendingSchema, []);
  }

  private async sendRecord(relay: RelayHttp, record: PendingRecord): Promise<void> {
    const answer = await this.send(relay, 'record the ticket of', record.seriesUid, 'PUT', '', {
      by: record.by,
      claimKey: record.claimKey,
      ticket: record.ticket,
    });
    if (answer.outcome !== 'recorded')
      this.logger.warn('relay: the ledger kept another ticket for this series', {
        seriesUid: record.seriesUid,
        outcome: answer.outcome,
      });
  }

  private async send(
    relay: RelayHttp,
    what: string,
    seriesUid: string,
    method: 'POST' | 'PUT',
    suffix: string,
    body: unknown,
  ): Promise<LedgerAnswer> {
    const { body: answer } = await relay.request({
      method,
      path: `/v1/ledger/${encodeURIComponent(seriesUid)}${suffix}`,
      auth: 'console',
      body,
      schema: ledgerAnswerSchema,
      accept: [409],
      action: `${what} alert ${seriesUid} in the team's ledger`,
    });
    if (answer.entry) this.mirror.apply(answer.entry);
    return answer;
  }

  private toLocal(entry: TeamLedgerEntry): AlertTicketLedgerEntry {
    return {
      seriesUid: entry.seriesUid,
      state: entry.state === 'ticketed' ? 'recorded' : 'claimed',
      ticketId: entry.ticket?.id ?? null,
      ticketNumber: entry.ticket?.number ?? null,
      claimedBy: entry.ticket?.by ?? entry.claim?.by ?? null,
      claimedAt: entry.updatedAt,
    };
  }
}
