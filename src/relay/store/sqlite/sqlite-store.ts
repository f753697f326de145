import Database from 'better-sqlite3';
import type { StreamEventType } from '../../../shared/relay/stream';
import { ledgerRowFrom, tokenNameTaken } from '../ledger-row';
import { migrationChecksum, pendingMigrations, type AppliedMigration } from '../migration';
import type {
  AppendResult,
  IncomingWebhook,
  LedgerChange,
  LedgerDecision,
  LedgerRow,
  RelayStore,
  StoredEvent,
  StreamBounds,
  TokenInfo,
} from '../store';
import { sqliteMigrations } from './schema';

interface TokenRow {
  id: number;
  name: string;
  created_at: number;
  revoked_at: number | null;
}
const tokenInfo = (row: TokenRow): TokenInfo => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

/**
 * SQLite backend: one relay process owns the file. WAL with `synchronous = FULL`, so a commit is on
 * disk when it returns; writes are `BEGIN IMMEDIATE` so a second process (the token CLI) waits
 * for the lock instead of failing half-way.
 */
export class SqliteRelayStore implements RelayStore {
  readonly backend = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly stmt;

  private constructor(db: Database.Database) {
    this.db = db;
    this.stmt = {
      lastSeq: db.prepare<[], { last_seq: number }>('SELECT last_seq FROM relay_counter WHERE id = 1'),
      setLastSeq: db.prepare<[number]>('UPDATE relay_counter SET last_seq = ? WHERE id = 1'),
      bounds: db.prepare<[], { last_seq: number; pruned_through: number }>(
        'SELECT last_seq, pruned_through FROM relay_counter WHERE id = 1',
      ),
      insertWebhook: db.prepare<[number, number, number, string]>(
        "INSERT INTO relay_events (seq, type, at, activity_id, data) VALUES (?, 'webhook', ?, ?, ?) ON CONFLICT (activity_id) DO NOTHING",
      ),
      seqOfActivity: db.prepare<[number], { seq: number }>(
        'SELECT seq FROM relay_events WHERE activity_id = ?',
      ),
      insertEvent: db.prepare<[number, string, number, string]>(
        'INSERT INTO relay_events (seq, type, at, data) VALUES (?, ?, ?, ?)',
      ),
      readEvents: db.prepare<[number, number], StoredEvent>(
        'SELECT seq, type, at, data FROM relay_events WHERE seq > ? ORDER BY seq LIMIT ?',
      ),
      pruneTarget: db.prepare<[number, number], { seq: number | null }>(
        'SELECT max(seq) AS seq FROM (SELECT seq, at FROM relay_events ORDER BY seq LIMIT ?) WHERE at < ?',
      ),
      prune: db.prepare<[number]>('DELETE FROM relay_events WHERE seq <= ?'),
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
      listLedger: db.prepare<[number, number], { entry: string; change_seq: number }>(
        'SELECT entry, change_seq FROM relay_ledger WHERE change_seq > ? ORDER BY change_seq LIMIT ?',
      ),
      insertToken: db.prepare<[string, string, number], TokenRow>(
        'INSERT INTO relay_tokens (name, hash, created_at) VALUES (?, ?, ?) RETURNING id, name, created_at, revoked_at',
      ),
      listTokens: db.prepare<[], TokenRow>(
        'SELECT id, name, created_at, revoked_at FROM relay_tokens ORDER BY id',
      ),
      revokeByName: db.prepare<[number, string], TokenRow>(
        'UPDATE relay_tokens SET revoked_at = ? WHERE revoked_at IS NULL AND name = ? RETURNING id, name, created_at, revoked_at',
      ),
      revokeById: db.prepare<[number, number], TokenRow>(
        'UPDATE relay_tokens SET revoked_at = ? WHERE revoked_at IS NULL AND id = ? RETURNING id, name, created_at, revoked_at',
      ),
      tokenByHash: db.prepare<[string], TokenRow>(
        'SELECT id, name, created_at, revoked_at FROM relay_tokens WHERE hash = ?',
      ),
      revoked: db.prepare<[string], { id: number }>(
        'SELECT id FROM relay_tokens WHERE revoked_at IS NOT NULL AND id IN (SELECT value FROM json_each(?))',
      ),
    };
  }

  static open(path: string): SqliteRelayStore {
    const db = new Database(path);
    try {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal')
        throw new Error(`SQLite refused WAL mode for ${path} (got ${String(mode)}): use a local disk.`);
      // Every commit reaches the disk before the webhook gets its 2xx.
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 5000');
      migrate(db, path);
      return new SqliteRelayStore(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  private nextSeqs(count: number): number {
    const first = this.stmt.lastSeq.get()!.last_seq + 1;
    this.stmt.setLastSeq.run(first + count - 1);
    return first;
  }

  private readonly appendTx = (batch: readonly IncomingWebhook[], now: number) => {
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
  };

  appendWebhooks(batch: readonly IncomingWebhook[], now: number) {
    return Promise.resolve(this.db.transaction(this.appendTx).immediate(batch, now));
  }

  readEvents(after: number, limit: number): Promise<StoredEvent[]> {
    return Promise.resolve(this.stmt.readEvents.all(after, limit));
  }

  streamBounds(): Promise<StreamBounds> {
    const row = this.stmt.bounds.get()!;
    return Promise.resolve({ head: row.last_seq, prunedThrough: row.pruned_through });
  }

  pruneBefore(cutoff: number, maxRows: number): Promise<number> {
    const run = this.db.transaction(() => {
      const target = this.stmt.pruneTarget.get(maxRows, cutoff)?.seq;
      if (target == null) return 0;
      const removed = this.stmt.prune.run(target).changes;
      this.stmt.setPruned.run(target);
      return removed;
    });
    return Promise.resolve(run.immediate());
  }

  changeLedger(
    seriesUid: string,
    now: number,
    decide: (current: LedgerRow | null) => LedgerDecision,
  ): Promise<LedgerChange> {
    const run = this.db.transaction((): LedgerChange => {
      const stored = this.stmt.getLedger.get(seriesUid);
      const current = stored ? ledgerRowFrom(stored.entry, stored.claim_key) : null;
      const { outcome, next } = decide(current);
      if (!next) return { outcome, row: current, event: null };
      const seq = this.nextSeqs(1);
      const data = JSON.stringify(next.entry);
      this.stmt.putLedger.run(seriesUid, next.entry.state, data, next.claimKey, seq);
      this.stmt.insertEvent.run(seq, 'ledger', now, data);
      return { outcome, row: next, event: { seq, type: 'ledger' as StreamEventType, at: now, data } };
    });
    return Promise.resolve(run.immediate());
  }

  getLedger(seriesUid: string): Promise<LedgerRow | null> {
    const stored = this.stmt.getLedger.get(seriesUid);
    return Promise.resolve(stored ? ledgerRowFrom(stored.entry, stored.claim_key) : null);
  }

  listLedger(afterSeq: number, limit: number) {
    return Promise.resolve(
      this.stmt.listLedger
        .all(afterSeq, limit)
        .map((row) => ({ entry: ledgerRowFrom(row.entry, null).entry, seq: row.change_seq })),
    );
  }

  createToken(name: string, hash: string, now: number): Promise<TokenInfo> {
    try {
      return Promise.resolve(tokenInfo(this.stmt.insertToken.get(name, hash, now)!));
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw tokenNameTaken(name);
      throw error;
    }
  }

  listTokens(): Promise<TokenInfo[]> {
    return Promise.resolve(this.stmt.listTokens.all().map(tokenInfo));
  }

  revokeToken(nameOrId: string, now: number): Promise<TokenInfo | null> {
    const run = this.db.transaction(
      () =>
        this.stmt.revokeByName.get(now, nameOrId) ??
        (/^\d+$/.test(nameOrId) ? this.stmt.revokeById.get(now, Number(nameOrId)) : undefined),
    );
    const row = run.immediate();
    return Promise.resolve(row ? tokenInfo(row) : null);
  }

  findTokenByHash(hash: string): Promise<TokenInfo | null> {
    const row = this.stmt.tokenByHash.get(hash);
    return Promise.resolve(row ? tokenInfo(row) : null);
  }

  revokedAmong(ids: readonly number[]): Promise<number[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return Promise.resolve(this.stmt.revoked.all(JSON.stringify(ids)).map((r) => r.id));
  }

  onForeignCommit(): void {
    // One writer process: nothing to listen for.
  }

  ping(): Promise<void> {
    this.stmt.lastSeq.get();
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}

function migrate(db: Database.Database, path: string): void {
  db.exec(`CREATE TABLE IF NOT EXISTS relay_schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
  const applied = db
    .prepare<[], AppliedMigration>('SELECT version, checksum FROM relay_schema_migrations')
    .all();
  const record = db.prepare<[number, string, string, number]>(
    'INSERT INTO relay_schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  );
  for (const step of pendingMigrations(sqliteMigrations, applied, path)) {
    db.transaction(() => {
      db.exec(step.sql);
      record.run(step.version, step.name, migrationChecksum(step.sql), Date.now());
    }).immediate();
  }
}
