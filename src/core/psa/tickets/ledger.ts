import type { Db } from '../../cache/database';

export interface AlertTicketLedgerEntry {
  seriesUid: string;
  state: 'claimed' | 'recorded';
  ticketId: string | null;
  ticketNumber: string | null;
  /** Who claimed the series (a technician's name, or a relay rule), as the alert list shows it. */
  claimedBy: string | null;
  claimedAt: number;
}

/** Who claims: a stable id of this console installation and the technician's name to show. */
export interface Claimant {
  id: string;
  name: string;
}

export type ClaimResult =
  | { claimed: true; entry: AlertTicketLedgerEntry }
  /** `heldByMe`: an earlier claim of this very claimant (say, before a crash), not someone else's. */
  | { claimed: false; entry: AlertTicketLedgerEntry; heldByMe: boolean };

/**
 * One ticket per NinjaOne alert series, whoever creates it. The local implementation keeps it in
 * SQLite; a relay-backed one shares it between consoles. Claims are made before the outbox row and
 * recorded when the PSA returns the ticket. Implementations must mirror entries into the local
 * `alert_ticket_ledger` table, which the alert list joins to show each alert's ticket.
 */
export interface AlertTicketLedger {
  /** Claims `seriesUid` for `claimant`; when someone holds it already, answers their entry. */
  claim(seriesUid: string, claimant: Claimant): Promise<ClaimResult>;
  /** Records the ticket of a series this claimant holds. */
  record(
    seriesUid: string,
    claimant: Claimant,
    ticket: { id: string; number: string | null },
  ): Promise<AlertTicketLedgerEntry>;
  get(seriesUid: string): Promise<AlertTicketLedgerEntry | null>;
}

interface LedgerSql {
  series_uid: string;
  state: 'claimed' | 'recorded';
  ticket_id: string | null;
  ticket_number: string | null;
  claimed_by: string | null;
  claimed_at: number;
}

function toEntry(r: LedgerSql): AlertTicketLedgerEntry {
  return {
    seriesUid: r.series_uid,
    state: r.state,
    ticketId: r.ticket_id,
    ticketNumber: r.ticket_number,
    claimedBy: r.claimed_by,
    claimedAt: r.claimed_at,
  };
}

/** The ledger of a console without a relay: the `alert_ticket_ledger` table of its cache. */
export class SqliteAlertTicketLedger implements AlertTicketLedger {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  private read(seriesUid: string): AlertTicketLedgerEntry | null {
    const row = this.db.prepare('SELECT * FROM alert_ticket_ledger WHERE series_uid = ?').get(seriesUid) as
      LedgerSql | undefined;
    return row ? toEntry(row) : null;
  }

  claim(seriesUid: string, claimant: Claimant): Promise<ClaimResult> {
    const inserted = this.db
      .prepare(
        `INSERT INTO alert_ticket_ledger (series_uid, state, claimed_by, claimed_at) VALUES (?, 'claimed', ?, ?)
         ON CONFLICT(series_uid) DO NOTHING`,
      )
      .run(seriesUid, claimant.name, this.now()).changes;
    const entry = this.read(seriesUid)!;
    // Only this console writes its own ledger: every earlier claim in it is this console's.
    return Promise.resolve(inserted ? { claimed: true, entry } : { claimed: false, entry, heldByMe: true });
  }

  record(
    seriesUid: string,
    claimant: Claimant,
    ticket: { id: string; number: string | null },
  ): Promise<AlertTicketLedgerEntry> {
    this.db
      .prepare(
        `INSERT INTO alert_ticket_ledger (series_uid, state, ticket_id, ticket_number, claimed_by, claimed_at, recorded_at)
         VALUES (@uid, 'recorded', @id, @number, @claimant, @now, @now)
         ON CONFLICT(series_uid) DO UPDATE SET state = 'recorded', ticket_id = excluded.ticket_id,
           ticket_number = excluded.ticket_number, recorded_at = excluded.recorded_at`,
      )
      .run({
        uid: seriesUid,
        id: ticket.id,
        number: ticket.number,
        claimant: claimant.name,
        now: this.now(),
      });
    return Promise.resolve(this.read(seriesUid)!);
  }

  get(seriesUid: string): Promise<AlertTicketLedgerEntry | null> {
    return Promise.resolve(this.read(seriesUid));
  }
}
