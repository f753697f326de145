import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import type { LedgerCommand } from '../../ledger/decide';
import { ledgerRowFrom } from '../ledger-row';
import type {
  AppendResult,
  IncomingWebhook,
  LedgerChange,
  LedgerRow,
  RelayStore,
  StoredEvent,
  StreamBounds,
  TokenInfo,
} from '../store';
import { openRelayDatabase, type TokenRow } from './open';
import type { WriterReply, WriterRequest } from './writer-thread';

const tokenInfo = (row: TokenRow): TokenInfo => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type WriterOp = Exclude<WriterRequest, { op: 'close' }>;

/**
 * SQLite backend: one relay process owns the file. Reads run on this thread's connection (WAL lets
 * them see every commit without waiting for the writer); every write goes to the writer thread
 * (`writer-thread.ts`), so an fsync never stalls the event loop that streams to consoles.
 */
export class SqliteRelayStore implements RelayStore {
  readonly backend = 'sqlite' as const;
  private readonly stmt;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | null = null;

  private constructor(
    private readonly db: Database.Database,
    private readonly writer: Worker,
  ) {
    this.stmt = {
      bounds: db.prepare<[], { last_seq: number; pruned_through: number }>(
        'SELECT last_seq, pruned_through FROM relay_counter WHERE id = 1',
      ),
      readEvents: db.prepare<[number, number], StoredEvent>(
        'SELECT seq, type, at, data FROM relay_events WHERE seq > ? ORDER BY seq LIMIT ?',
      ),
      getLedger: db.prepare<[string], { entry: string; claim_key: string | null }>(
        'SELECT entry, claim_key FROM relay_ledger WHERE series_uid = ?',
      ),
      listLedger: db.prepare<[number, number], { entry: string; change_seq: number }>(
        'SELECT entry, change_seq FROM relay_ledger WHERE change_seq > ? ORDER BY change_seq LIMIT ?',
      ),
      listTokens: db.prepare<[], TokenRow>(
        'SELECT id, name, created_at, revoked_at FROM relay_tokens ORDER BY id',
      ),
      tokenByHash: db.prepare<[string], TokenRow>(
        'SELECT id, name, created_at, revoked_at FROM relay_tokens WHERE hash = ?',
      ),
      revoked: db.prepare<[string], { id: number }>(
        'SELECT id FROM relay_tokens WHERE revoked_at IS NOT NULL AND id IN (SELECT value FROM json_each(?))',
      ),
    };
    writer.on('message', (reply: WriterReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if ('error' in reply) waiting.reject(new Error(reply.error));
      else waiting.resolve(reply.value);
    });
    const fail = (error: Error): void => {
      this.failure ??= error;
      for (const waiting of this.pending.values()) waiting.reject(this.failure);
      this.pending.clear();
    };
    writer.on('error', (error) => fail(new Error(`The SQLite writer thread failed: ${error.message}`)));
    writer.on('exit', (code) => fail(new Error(`The SQLite writer thread stopped (exit ${code}).`)));
  }

  static async open(path: string): Promise<SqliteRelayStore> {
    const db = openRelayDatabase(path, { migrate: true });
    const writer = new Worker(new URL('./writer-thread.mjs', import.meta.url), {
      workerData: { path },
      execArgv: [],
    });
    let onReady!: () => void;
    let onError!: (error: Error) => void;
    let onExit!: (code: number) => void;
    try {
      await new Promise<void>((resolve, reject) => {
        onReady = () => resolve();
        onError = reject;
        onExit = (code) => reject(new Error(`The SQLite writer thread did not start (exit ${code}).`));
        writer.once('message', onReady).once('error', onError).once('exit', onExit);
      });
    } catch (error) {
      db.close();
      await writer.terminate();
      throw error;
    } finally {
      // Only these: a Worker keeps listeners of its own.
      writer.off('message', onReady).off('error', onError).off('exit', onExit);
    }
    return new SqliteRelayStore(db, writer);
  }

  private write<T>(op: WriterOp['op'], args: WriterOp['args']): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.writer.postMessage({ id, op, args } as WriterRequest);
    });
  }

  appendWebhooks(batch: readonly IncomingWebhook[], now: number) {
    return this.write<{ results: AppendResult[]; events: StoredEvent[] }>('appendWebhooks', [batch, now]);
  }

  readEvents(after: number, limit: number): Promise<StoredEvent[]> {
    return Promise.resolve(this.stmt.readEvents.all(after, limit));
  }

  streamBounds(): Promise<StreamBounds> {
    const row = this.stmt.bounds.get()!;
    return Promise.resolve({ head: row.last_seq, prunedThrough: row.pruned_through });
  }

  pruneBefore(cutoff: number, maxRows: number): Promise<number> {
    return this.write('pruneBefore', [cutoff, maxRows]);
  }

  changeLedger(seriesUid: string, now: number, command: LedgerCommand): Promise<LedgerChange> {
    return this.write('changeLedger', [seriesUid, now, command]);
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

  async createToken(name: string, hash: string, now: number): Promise<TokenInfo> {
    return tokenInfo(await this.write<TokenRow>('createToken', [name, hash, now]));
  }

  listTokens(): Promise<TokenInfo[]> {
    return Promise.resolve(this.stmt.listTokens.all().map(tokenInfo));
  }

  async revokeToken(nameOrId: string, now: number): Promise<TokenInfo | null> {
    const row = await this.write<TokenRow | null>('revokeToken', [nameOrId, now]);
    return row ? tokenInfo(row) : null;
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
    if (this.failure) return Promise.reject(this.failure);
    this.stmt.bounds.get();
    return Promise.resolve();
  }

  async close(): Promise<void> {
    if (!this.failure) {
      const id = this.nextId++;
      const exited = new Promise((resolve) => this.writer.once('exit', resolve));
      this.writer.postMessage({ id, op: 'close' } satisfies WriterRequest);
      await exited;
    }
    this.db.close();
  }
}
