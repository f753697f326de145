import type Database from 'better-sqlite3';
import { decideLedger, type LedgerCommand } from '../../ledger/ledger-decision';
import { ledgerRowFrom, tokenNameTaken } from '../ledger-row';
import type { AppendResult, IncomingWebhook, LedgerChange, StoredEvent } from '../store';
import type { TokenRow } from './open';

/**
 * Every write to the relay's SQLite file, synchronous, on the connection of the writer thread.
 * Writes are `BEGIN IMMEDIATE`, so another process (the token CLI) waits for the lock instead of
 * failing half-way.
 */
export class SqliteWriter {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      lastSeq: db.prepare<[], { last_seq: number }>('SELECT last_seq FROM relay_counter WHERE id = 1'),
      setLastSeq: db.prepare<[number]>('UPDATE relay_counter SET last_seq = ? WHERE id = 1'),
      insertWebhook: db.prepare<[number, number, number, string]>(
        "INSERT INTO relay_events (seq, type, at, activity_id, data) VALUES (?, 'webhook', ?, ?, ?) ON CONFLICT (activity_id) DO NOTHING",
      ),
      seqOfActivity: db.prepare<[number], { seq: number }>(
        'SELECT seq FROM relay_events WHERE activity_id = ?',
      ),
      insertEvent: db.prepare<[number, string, number, string]>(
        'INSERT INTO relay_events (seq, type, at, data) VALUES (?, ?, ?, ?)',
      ),
      pruneTarget: db.prepare<[number, number], { seq: number | null }>(
        'SELECT max(seq) AS seq FROM (SELECT seq, at FROM relay_events ORDER BY seq LIMIT ?) WHERE at < ?',
      ),
      prune: db.prepare<[number]>('DELETE FROM relay_events WHERE seq <= ?'),
      pruneLedger: db.prepare<[number]>(
        `DELETE FROM relay_ledger WHERE series_uid IN (
           SELECT series_uid FROM relay_ledger
           WHERE change_seq <= (SELECT pruned_through FROM relay_counter WHERE id = 1) ORDER BY change_seq LIMIT ?)`,
      ),
      setPruned: db.prepare<[number]>(
        'UPDATE relay_counter SET pruned_through = max(pruned_through, ?) WHERE id = 1',
      ),
      getLedger: db.prepare<[string], { entry: string; claim_key: string | null }>(
        'SELECT entry, claim_key FROM relay_ledger WHERE series_uid = ?',
      ),
      putLedger: db.prepare<[string, string, string, string | null, number]>(
        `INSERT INTO relay_ledger (series_uid, state, entry, claim_key, change_seq) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (series_uid) DO UPDATE SET state = excluded.state, entry = excluded.entry,
           claim_key = excluded.claim_key, change_seq = excluded.change_seq`,
      ),
      insertToken: db.prepare<[string, string, number], TokenRow>(
        'INSERT INTO relay_tokens (name, hash, created_at) VALUES (?, ?, ?) RETURNING id, name, created_at, revoked_at',
      ),
      revokeByName: db.prepare<[number, string], TokenRow>(
        'UPDATE relay_tokens SET revoked_at = ? WHERE revoked_at IS NULL AND name = ? RETURNING id, name, created_at, revoked_at',
      ),
      revokeById: db.prepare<[number, number], TokenRow>(
        'UPDATE relay_tokens SET revoked_at = ? WHERE revoked_at IS NULL AND id = ? RETURNING id, name, created_at, revoked_at',
      ),
    };
  }

  appendWebhooks(
    batch: readonly IncomingWebhook[],
    now: number,
  ): { results: AppendResult[]; events: StoredEvent[] } {
    return this.db
      .transaction(() => {
        const results: AppendResult[] = [];
        const events: StoredEvent[] = [];
        let seq = this.stmt.lastSeq.get()!.last_seq;
        for (const webhook of batch) {
          if (this.stmt.insertWebhook.run(seq + 1, now, webhook.activityId, webhook.body).changes === 1) {
            seq += 1;
            results.push({ status: 'accepted', seq });
            events.push({ seq, type: 'webhook', at: now, data: webhook.body });
          } else {
            results.push({ status: 'duplicate', seq: this.stmt.seqOfActivity.get(webhook.activityId)!.seq });
          }
        }
        this.stmt.setLastSeq.run(seq);
        return { results, events };
      })
      .immediate();
  }

  pruneLedger(maxRows: number): number {
    return this.stmt.pruneLedger.run(maxRows).changes;
  }

  pruneBefore(cutoff: number, maxRows: number): number {
    return this.db
      .transaction(() => {
        const target = this.stmt.pruneTarget.get(maxRows, cutoff)?.seq;
        if (target == null) return 0;
        const removed = this.stmt.prune.run(target).changes;
        this.stmt.setPruned.run(target);
        return removed;
      })
      .immediate();
  }

  changeLedger(seriesUid: string, now: number, command: LedgerCommand): LedgerChange {
    return this.db
      .transaction((): LedgerChange => {
        const stored = this.stmt.getLedger.get(seriesUid);
        const current = stored ? ledgerRowFrom(stored.entry, stored.claim_key) : null;
        const { outcome, next } = decideLedger(seriesUid, current, command, now);
        if (!next) return { outcome, row: current, event: null };
        const seq = this.stmt.lastSeq.get()!.last_seq + 1;
        this.stmt.setLastSeq.run(seq);
        const data = JSON.stringify(next.entry);
        this.stmt.putLedger.run(seriesUid, next.entry.state, data, next.claimKey, seq);
        this.stmt.insertEvent.run(seq, 'ledger', now, data);
        return { outcome, row: next, event: { seq, type: 'ledger', at: now, data } };
      })
      .immediate();
  }

  createToken(name: string, hash: string, now: number): TokenRow {
    try {
      return this.stmt.insertToken.get(name, hash, now)!;
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw tokenNameTaken(name);
      throw error;
    }
  }

  revokeToken(nameOrId: string, now: number): TokenRow | null {
    return this.db
      .transaction(
        () =>
          this.stmt.revokeByName.get(now, nameOrId) ??
          (/^\d+$/.test(nameOrId) ? this.stmt.revokeById.get(now, Number(nameOrId)) : undefined) ??
          null,
      )
      .immediate();
  }
}
