import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';
import type {
  DeviceSilence,
  RuleDecision,
  RulesDocument,
  SaveRulesRequest,
} from '../../../shared/relay/rules';
import type { LedgerCommand } from '../../ledger/ledger-decision';
import { ledgerRowFrom } from '../ledger-row';
import {
  decisionColumns,
  decisionFrom,
  decisionRowFrom,
  rulesFrom,
  silenceFrom,
  type DecisionSql,
} from '../rules-rows';
import type {
  AppendResult,
  DecisionRow,
  DecisionUpdate,
  IncomingWebhook,
  LedgerChange,
  LedgerRow,
  NewDecision,
  RelayStore,
  SaveRulesResult,
  StoredEvent,
  StreamBounds,
  TokenInfo,
} from '../store';
import { openRelayDatabase, type TokenRow } from './open';
import { InlineWriter } from './inline-writer';
import type { WriterReply, WriterRequest } from './writer-ops';

const tokenInfo = (row: TokenRow): TokenInfo => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type WriterOp = Exclude<WriterRequest, { op: 'close' }>;
type SilenceSql = { device_id: number; until_at: number; by: string; reason: string | null };

/**
 * SQLite backend: one relay process owns the file. Reads run on this thread's connection (WAL lets
 * them see every commit without waiting for the writer); every write goes to the writer thread
 * (`writer-thread.ts`), so an fsync never stalls the event loop that streams to consoles.
 */
export class SqliteRelayStore implements RelayStore {
  readonly backend = 'sqlite' as const;
  readonly requestCounts = null;
  private readonly stmt;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | null = null;

  private constructor(
    private readonly db: Database.Database,
    private readonly writer: Worker | InlineWriter,
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
      rules: db.prepare<[], { document: string }>('SELECT document FROM relay_rules WHERE id = 1'),
      decisionOf: db.prepare<[number], DecisionSql>(
        `SELECT ${decisionColumns} FROM relay_rule_decisions WHERE activity_id = ?`,
      ),
      decisionsBefore: db.prepare<[number, number], { decision: string }>(
        'SELECT decision FROM relay_rule_decisions WHERE id < ? ORDER BY id DESC LIMIT ?',
      ),
      dueDecisions: db.prepare<[number, number], DecisionSql>(
        `SELECT ${decisionColumns} FROM relay_rule_decisions
         WHERE state = 'pending' AND coalesce(next_attempt_at, 0) <= ? ORDER BY id LIMIT ?`,
      ),
      ticketOfSeries: db.prepare<[string], DecisionSql>(
        `SELECT ${decisionColumns} FROM relay_rule_decisions
         WHERE series_uid = ? AND kind = 'trigger' AND has_ticket = 1 ORDER BY id DESC LIMIT 1`,
      ),
      recentCondition: db.prepare<[number, string, string, number], DecisionSql>(
        `SELECT ${decisionColumns} FROM relay_rule_decisions
         WHERE device_id = ? AND condition_key = ? AND series_uid IS NOT ? AND kind = 'trigger' AND last_seen_at >= ?
         ORDER BY last_seen_at DESC, id DESC LIMIT 1`,
      ),
      silence: db.prepare<[number, number], SilenceSql>(
        'SELECT device_id, until_at, by, reason FROM relay_device_silences WHERE device_id = ? AND until_at > ?',
      ),
      silences: db.prepare<[number], SilenceSql>(
        'SELECT device_id, until_at, by, reason FROM relay_device_silences WHERE until_at > ? ORDER BY device_id',
      ),
      state: db.prepare<[string], { value: string | null }>('SELECT value FROM relay_state WHERE name = ?'),
      known: db.prepare<[string], { activity_id: number }>(
        'SELECT activity_id FROM relay_events WHERE activity_id IN (SELECT value FROM json_each(?))',
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

  /** `writer: 'inline'` keeps the writes on this thread (a relay embedded in the console's demo). */
  static async open(path: string, options: { writer?: 'thread' | 'inline' } = {}): Promise<SqliteRelayStore> {
    const db = openRelayDatabase(path, { migrate: true });
    // './writer-thread.mjs' is the tsx shim beside this file in a checkout, and the built writer beside
    // the chunk holding this code in out/relay.
    const writer =
      options.writer === 'inline'
        ? new InlineWriter(path)
        : new Worker(new URL('./writer-thread.mjs', import.meta.url), { workerData: { path }, execArgv: [] });
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

  private write<T, K extends WriterOp['op'] = WriterOp['op']>(
    op: K,
    args: Extract<WriterOp, { op: K }>['args'],
  ): Promise<T> {
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

  getRules(): Promise<RulesDocument> {
    return Promise.resolve(rulesFrom(this.stmt.rules.get()?.document));
  }

  saveRules(request: SaveRulesRequest, now: number): Promise<SaveRulesResult> {
    return this.write('saveRules', [request, now]);
  }

  recordDecision(input: NewDecision, now: number) {
    return this.write<{ row: DecisionRow; event: StoredEvent | null }>('recordDecision', [input, now]);
  }

  updateDecision(id: number, change: DecisionUpdate, now: number) {
    return this.write<{ row: DecisionRow; event: StoredEvent }>('updateDecision', [id, change, now]);
  }

  decisionOfActivity(activityId: number): Promise<DecisionRow | null> {
    const row = this.stmt.decisionOf.get(activityId);
    return Promise.resolve(row ? decisionRowFrom(row) : null);
  }

  listDecisions(beforeId: number | null, limit: number): Promise<RuleDecision[]> {
    return Promise.resolve(
      this.stmt.decisionsBefore
        .all(beforeId ?? Number.MAX_SAFE_INTEGER, limit)
        .map((r) => decisionFrom(r.decision)),
    );
  }

  dueDecisions(now: number, limit: number): Promise<DecisionRow[]> {
    return Promise.resolve(this.stmt.dueDecisions.all(now, limit).map(decisionRowFrom));
  }

  ticketDecisionOfSeries(seriesUid: string): Promise<DecisionRow | null> {
    const row = this.stmt.ticketOfSeries.get(seriesUid);
    return Promise.resolve(row ? decisionRowFrom(row) : null);
  }

  recentConditionDecision(deviceId: number, conditionKey: string, excludeSeries: string, since: number) {
    const row = this.stmt.recentCondition.get(deviceId, conditionKey, excludeSeries, since);
    return Promise.resolve(row ? decisionRowFrom(row) : null);
  }

  touchSeries(seriesUid: string, at: number): Promise<void> {
    return this.write('touchSeries', [seriesUid, at]);
  }

  pruneDecisions(cutoff: number, maxRows: number): Promise<number> {
    return this.write('pruneDecisions', [cutoff, maxRows]);
  }

  pruneSilences(cutoff: number, maxRows: number): Promise<number> {
    return this.write('pruneSilences', [cutoff, maxRows]);
  }

  pruneLedger(maxRows: number): Promise<number> {
    return this.write('pruneLedger', [maxRows]);
  }

  setSilence(silence: DeviceSilence, now: number): Promise<StoredEvent> {
    return this.write('setSilence', [silence, now]);
  }

  activeSilence(deviceId: number, now: number): Promise<DeviceSilence | null> {
    const row = this.stmt.silence.get(deviceId, now);
    return Promise.resolve(row ? silenceFrom(row) : null);
  }

  listSilences(now: number): Promise<DeviceSilence[]> {
    return Promise.resolve(this.stmt.silences.all(now).map(silenceFrom));
  }

  readState(name: string): Promise<string | null> {
    return Promise.resolve(this.stmt.state.get(name)?.value ?? null);
  }

  writeState(name: string, value: string): Promise<void> {
    return this.write('writeState', [name, value]);
  }

  acquireLease(name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
    return this.write('acquireLease', [name, holder, now, ttlMs]);
  }

  releaseLease(name: string, holder: string): Promise<void> {
    return this.write('releaseLease', [name, holder]);
  }

  knownActivities(ids: readonly number[]): Promise<number[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return Promise.resolve(this.stmt.known.all(JSON.stringify(ids)).map((r) => r.activity_id));
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
