import type { Severity } from '../../../shared/contract/domain';
import type {
  TicketDraft,
  TicketEntry,
  TicketRef,
  assetLinkModes,
  assetLinkStates,
  outboxStates,
} from '../../../shared/contract/tickets';
import { AppError, type ErrorCode } from '../../../shared/rpc/errors';
import type { Page } from '../../../shared/rpc/paging';
import { inTransaction, type Db } from '../../cache/database';
import { keysetPage, queryFingerprint } from '../../cache/keyset';
import type { DeviceAssetKeys } from './asset-keys';

export type OutboxState = (typeof outboxStates)[number];
export type AssetLinkMode = (typeof assetLinkModes)[number];
export type AssetLinkState = (typeof assetLinkStates)[number];

/** What the ticket is about, captured when queued so sending never depends on the cache later. */
export interface OutboxContext {
  deviceId: number;
  deviceName: string;
  organizationId: number | null;
  organizationName: string | null;
  serial: string | null;
  /** Alga's keys for the device's asset (absent in rows queued before they were captured). */
  assetKeys?: DeviceAssetKeys;
  /** NinjaOne nodeClass: decides the Alga asset type when the asset must be created. */
  nodeClass: string;
  alertUid: string | null;
  severity: Severity | null;
  condition: string | null;
}

export interface OutboxPayload {
  draft: TicketDraft;
  context: OutboxContext;
  asset: { mode: AssetLinkMode; state: AssetLinkState; assetId: string | null; message: string | null };
  /** A create may have reached the PSA (crash, timeout, 5xx): look for it before creating again. */
  maybeCreated: boolean;
  /** Clients a create was sent for; the recovery search filters by client. */
  attemptedClients: string[];
  /** When the first create was sent; the recovery search starts a margin before it. */
  firstSentAt: number | null;
}

export interface OutboxRow {
  id: number;
  idempotencyKey: string;
  kind: 'alert' | 'device';
  alertUid: string | null;
  deviceId: number | null;
  payload: OutboxPayload;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number | null;
  lastError: string | null;
  lastErrorCode: ErrorCode | null;
  psaTicketId: string | null;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
}

interface OutboxSql {
  id: number;
  idempotency_key: string;
  kind: 'alert' | 'device';
  alert_uid: string | null;
  device_id: number | null;
  payload: string;
  state: OutboxState;
  attempts: number;
  next_attempt_at: number | null;
  last_error: string | null;
  last_error_code: ErrorCode | null;
  psa_ticket_id: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

interface TicketSql {
  id: string;
  ticket_number: string | null;
  url: string | null;
  status_name: string | null;
  is_closed: number;
}

function toRow(r: OutboxSql): OutboxRow {
  return {
    id: r.id,
    idempotencyKey: r.idempotency_key,
    kind: r.kind,
    alertUid: r.alert_uid,
    deviceId: r.device_id,
    payload: JSON.parse(r.payload) as OutboxPayload,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    lastErrorCode: r.last_error_code,
    psaTicketId: r.psa_ticket_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function ticketRef(t: TicketSql): TicketRef {
  return {
    id: t.id,
    number: t.ticket_number,
    url: t.url,
    statusName: t.status_name,
    isClosed: t.is_closed === 1,
  };
}

export interface RecordedTicket {
  id: string;
  number: string | null;
  statusId: string | null;
  statusName: string | null;
  isClosed: boolean;
  url: string | null;
}

/** `ticket_outbox` (every ticket starts here, before any network call) and the sent `tickets`. */
export class OutboxRepository {
  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  /** Inserts the row unless its idempotency key exists; answers the row either way. */
  insert(row: {
    idempotencyKey: string;
    kind: 'alert' | 'device';
    alertUid: string | null;
    deviceId: number;
    payload: OutboxPayload;
    createdBy: string;
  }): { row: OutboxRow; inserted: boolean } {
    const now = this.now();
    const inserted = this.db
      .prepare(
        `INSERT INTO ticket_outbox (idempotency_key, kind, alert_uid, device_id, payload, state, attempts, next_attempt_at,
           created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?) ON CONFLICT(idempotency_key) DO NOTHING`,
      )
      .run(
        row.idempotencyKey,
        row.kind,
        row.alertUid,
        row.deviceId,
        JSON.stringify(row.payload),
        now,
        row.createdBy,
        now,
        now,
      ).changes;
    return { row: this.byKey(row.idempotencyKey)!, inserted: inserted > 0 };
  }

  byKey(key: string): OutboxRow | null {
    const r = this.db.prepare('SELECT * FROM ticket_outbox WHERE idempotency_key = ?').get(key) as
      OutboxSql | undefined;
    return r ? toRow(r) : null;
  }

  get(id: number): OutboxRow {
    const r = this.db.prepare('SELECT * FROM ticket_outbox WHERE id = ?').get(id) as OutboxSql | undefined;
    if (!r) throw new AppError('not_found', `Ticket entry ${id} does not exist in this console's outbox.`);
    return toRow(r);
  }

  /** Written and committed before the request goes out, so a crash leaves a row that knows it may exist. */
  markSending(id: number, payload: OutboxPayload): void {
    this.db
      .prepare(
        `UPDATE ticket_outbox SET state = 'sending', attempts = attempts + 1, payload = ?, updated_at = ? WHERE id = ?`,
      )
      .run(JSON.stringify(payload), this.now(), id);
  }

  markPending(
    id: number,
    update: { payload: OutboxPayload; error: AppError | null; nextAttemptAt: number | null },
  ): void {
    this.db
      .prepare(
        `UPDATE ticket_outbox SET state = 'pending', payload = ?, last_error = ?, last_error_code = ?, next_attempt_at = ?,
           updated_at = ? WHERE id = ?`,
      )
      .run(
        JSON.stringify(update.payload),
        update.error?.message ?? null,
        update.error?.code ?? null,
        update.nextAttemptAt,
        this.now(),
        id,
      );
  }

  markFailed(id: number, update: { payload: OutboxPayload; error: AppError }): void {
    this.db
      .prepare(
        `UPDATE ticket_outbox SET state = 'failed', payload = ?, last_error = ?, last_error_code = ?, next_attempt_at = NULL,
           updated_at = ? WHERE id = ?`,
      )
      .run(JSON.stringify(update.payload), update.error.message, update.error.code, this.now(), id);
  }

  /** The PSA has the ticket: remember it with the row, in one transaction. */
  recordTicket(row: OutboxRow, ticket: RecordedTicket, payload: OutboxPayload): void {
    const now = this.now();
    inTransaction(this.db, () => {
      this.db
        .prepare(
          `INSERT INTO tickets (id, ticket_number, title, status_id, status_name, is_closed, client_id, board_id, priority_id,
             device_id, alert_uid, outbox_id, url, created_at, updated_at, status_checked_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET ticket_number = excluded.ticket_number, outbox_id = excluded.outbox_id,
             updated_at = excluded.updated_at`,
        )
        .run(
          ticket.id,
          ticket.number,
          payload.draft.title,
          ticket.statusId,
          ticket.statusName,
          ticket.isClosed ? 1 : 0,
          payload.draft.clientId,
          payload.draft.boardId,
          payload.draft.priorityId,
          row.deviceId,
          row.alertUid,
          row.id,
          ticket.url,
          now,
          now,
          now,
        );
      this.db
        .prepare(
          `UPDATE ticket_outbox SET psa_ticket_id = ?, payload = ?, last_error = NULL, last_error_code = NULL, updated_at = ? WHERE id = ?`,
        )
        .run(ticket.id, JSON.stringify(payload), now, row.id);
    });
  }

  /** Sent; `note` keeps a warning (e.g. the asset could not be linked) visible. */
  markSent(id: number, payload: OutboxPayload, nextAttemptAt: number | null = null): void {
    this.db
      .prepare(
        `UPDATE ticket_outbox SET state = 'sent', payload = ?, next_attempt_at = ?, last_error = NULL, last_error_code = NULL,
           updated_at = ? WHERE id = ?`,
      )
      .run(JSON.stringify(payload), nextAttemptAt, this.now(), id);
  }

  /** Applies edits to an unsent row. */
  updateDraft(id: number, payload: OutboxPayload): void {
    this.db
      .prepare('UPDATE ticket_outbox SET payload = ?, updated_at = ? WHERE id = ?')
      .run(JSON.stringify(payload), this.now(), id);
  }

  /** Queues a row for an attempt now (resend, network back, reconnect). */
  requeue(ids: readonly number[]): void {
    const stmt = this.db.prepare(
      `UPDATE ticket_outbox SET state = CASE WHEN state = 'failed' THEN 'pending' ELSE state END, next_attempt_at = ?, updated_at = ?
       WHERE id = ?`,
    );
    const now = this.now();
    inTransaction(this.db, () => {
      for (const id of ids) stmt.run(now, now, id);
    });
  }

  /**
   * Rows that should be tried now: pending or interrupted ones, and sent ones whose asset link is
   * still to be done. A row in `sending` at start-up was cut off by a crash.
   */
  due(now: number, limit: number): number[] {
    return this.db
      .prepare(
        `SELECT id FROM ticket_outbox WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= ?
           AND state IN ('pending', 'sending', 'sent') ORDER BY next_attempt_at, id LIMIT ?`,
      )
      .pluck()
      .all(now, limit) as number[];
  }

  /** The earliest scheduled attempt, for the worker's timer. */
  nextDueAt(): number | null {
    return this.db
      .prepare(
        `SELECT min(next_attempt_at) FROM ticket_outbox WHERE next_attempt_at IS NOT NULL AND state IN ('pending', 'sending', 'sent')`,
      )
      .pluck()
      .get() as number | null;
  }

  /** Rows waiting because of an error with one of these codes (e.g. the network), made due now. */
  requeueWaitingOn(codes: readonly ErrorCode[]): number {
    if (!codes.length) return 0;
    return this.db
      .prepare(
        `UPDATE ticket_outbox SET next_attempt_at = ?, updated_at = ? WHERE state = 'pending'
           AND last_error_code IN (${codes.map(() => '?').join(',')})`,
      )
      .run(this.now(), this.now(), ...codes).changes;
  }

  /** Every waiting row made due now; answers how many. */
  requeueAllPending(): number {
    return this.db
      .prepare(`UPDATE ticket_outbox SET next_attempt_at = ? WHERE state IN ('pending', 'sending')`)
      .run(this.now()).changes;
  }

  counts(): Record<OutboxState, number> {
    const out: Record<OutboxState, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
    for (const r of this.db
      .prepare('SELECT state, count(*) AS n FROM ticket_outbox GROUP BY state')
      .all() as {
      state: OutboxState;
      n: number;
    }[])
      out[r.state] = r.n;
    return out;
  }

  ticketOf(id: string): TicketRef | null {
    const t = this.db
      .prepare('SELECT id, ticket_number, url, status_name, is_closed FROM tickets WHERE id = ?')
      .get(id) as TicketSql | undefined;
    return t ? ticketRef(t) : null;
  }

  entry(id: number): TicketEntry {
    return this.toEntry(this.get(id));
  }

  private toEntry(row: OutboxRow): TicketEntry {
    const { payload } = row;
    return {
      id: row.id,
      kind: row.kind,
      alertUid: row.alertUid,
      deviceId: row.deviceId,
      deviceName: payload.context.deviceName,
      organizationName: payload.context.organizationName,
      draft: payload.draft,
      state: row.state,
      attempts: row.attempts,
      nextAttemptAt: row.state === 'failed' ? null : row.nextAttemptAt,
      lastError:
        row.lastError && row.lastErrorCode ? { code: row.lastErrorCode, message: row.lastError } : null,
      ticket: row.psaTicketId ? this.ticketOf(row.psaTicketId) : null,
      asset: { state: payload.asset.state, message: payload.asset.message },
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }

  list(options: {
    filter: {
      states?: OutboxState[] | undefined;
      kind?: 'alert' | 'device' | undefined;
      deviceId?: number | undefined;
    };
    cursor?: string | null | undefined;
    limit: number;
  }): Page<TicketEntry> {
    const { filter } = options;
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.states?.length) {
      where.push(`state IN (${filter.states.map(() => '?').join(',')})`);
      params.push(...filter.states);
    }
    if (filter.kind) {
      where.push('kind = ?');
      params.push(filter.kind);
    }
    if (filter.deviceId !== undefined) {
      where.push('device_id = ?');
      params.push(filter.deviceId);
    }
    return keysetPage(this.db, {
      select: 'SELECT * FROM ticket_outbox',
      where,
      params,
      columns: ['created_at', 'id'],
      direction: 'desc',
      fingerprint: queryFingerprint({ view: 'ticket_outbox', filter }),
      cursor: options.cursor,
      limit: options.limit,
      toItem: (r: OutboxSql) => this.toEntry(toRow(r)),
      keyOf: (e) => [e.createdAt, e.id],
    });
  }
}
