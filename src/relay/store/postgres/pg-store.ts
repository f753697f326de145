import pg from 'pg';
import type { Logger } from '../../../node/logger';
import type {
  DeviceSilence,
  RuleDecision,
  RulesDocument,
  SaveRulesRequest,
} from '../../../shared/relay/rules';
import type { StreamEventType } from '../../../shared/relay/stream';
import { decideLedger, type LedgerCommand } from '../../ledger/ledger-decision';
import { ledgerRowFrom, tokenNameTaken } from '../ledger-row';
import { migrationChecksum, pendingMigrations, type AppliedMigration } from '../migration';
import {
  decisionColumns,
  decisionFrom,
  decisionInsertColumns,
  decisionInsertValues,
  decisionRowFrom,
  newDecisionRow,
  rulesFrom,
  rulesStateOf,
  savedRules,
  silenceFrom,
  updatedDecisionRow,
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
  RequestCounts,
  SaveRulesResult,
  StoredEvent,
  StreamBounds,
  TokenInfo,
} from '../store';
import { CommitListener } from './commit-listener';
import { postgresMigrations } from './schema';

export interface PostgresStoreOptions {
  url: string;
  /** Schema holding the relay's tables (created when missing); each test run uses its own. */
  schema: string;
  logger: Logger;
  poolSize?: number;
}

interface TokenRow {
  id: string;
  name: string;
  created_at: string;
  revoked_at: string | null;
}
const tokenInfo = (row: TokenRow): TokenInfo => ({
  id: Number(row.id),
  name: row.name,
  createdAt: Number(row.created_at),
  revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
});
const storedEvent = (row: { seq: string; type: string; at: string; data: string }): StoredEvent => ({
  seq: Number(row.seq),
  type: row.type as StoredEvent['type'],
  at: Number(row.at),
  data: row.data,
});

const LOCK_COUNTER = 'BEGIN; SELECT last_seq FROM relay_counter FOR UPDATE';

/**
 * PostgreSQL backend: several relay instances may share one database. Every writer takes the
 * counter row's lock before it appends, so sequence numbers are handed out and committed in one
 * global order, and a reader never sees seq N+1 before N. Commits are announced with NOTIFY (sent
 * at commit, in commit order) so every instance streams what any instance accepted.
 */
export class PostgresRelayStore implements RelayStore {
  readonly backend = 'postgres' as const;
  private readonly listener: CommitListener;

  readonly requestCounts: RequestCounts = {
    // One statement: the row lock of the upsert orders instances counting the same key at once.
    count: async (key, windowMs, now) => {
      const { rows } = await this.pool.query<{ count: number; started_at: string }>(
        `INSERT INTO relay_request_windows AS w (key, started_at, count) VALUES ($1, $2::bigint, 1)
         ON CONFLICT (key) DO UPDATE SET
           started_at = CASE WHEN w.started_at <= $2::bigint - $3::bigint THEN $2::bigint ELSE w.started_at END,
           count = CASE WHEN w.started_at <= $2::bigint - $3::bigint THEN 1 ELSE w.count + 1 END
         RETURNING count, started_at`,
        [key, now, windowMs],
      );
      return { count: rows[0]!.count, startedAt: Number(rows[0]!.started_at) };
    },
    prune: async (cutoff, maxRows) => {
      const { rowCount } = await this.pool.query(
        // Checked again on the row itself: a count may have started a new window since the select.
        `DELETE FROM relay_request_windows WHERE started_at < $1 AND key IN (
           SELECT key FROM relay_request_windows WHERE started_at < $1 LIMIT $2)`,
        [cutoff, maxRows],
      );
      return rowCount ?? 0;
    },
  };

  private constructor(
    private readonly pool: pg.Pool,
    private readonly channel: string,
    options: PostgresStoreOptions,
  ) {
    this.listener = new CommitListener(options.url, options.schema, channel, options.logger);
  }

  static async open(options: PostgresStoreOptions): Promise<PostgresRelayStore> {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema))
      throw new Error(`The database schema "${options.schema}" must be lower-case letters, digits and _.`);
    const pool = new pg.Pool({
      connectionString: options.url,
      options: `-c search_path=${options.schema}`,
      application_name: 'alga-relay',
      max: options.poolSize ?? 10,
    });
    // An idle pooled connection that dies (database restart) must not crash the relay.
    pool.on('error', (error) => options.logger.warn('a PostgreSQL connection failed', { error }));
    try {
      await migrate(pool, options.schema);
    } catch (error) {
      await pool.end();
      throw error;
    }
    const store = new PostgresRelayStore(pool, `relay_events_${options.schema}`.slice(0, 63), options);
    await store.listener.start();
    return store;
  }

  private async transaction<T>(work: (client: pg.PoolClient, lastSeq: number) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      const results = (await client.query(LOCK_COUNTER)) as unknown as pg.QueryResult[];
      const lastSeq = Number(results[1]!.rows[0].last_seq);
      const value = await work(client, lastSeq);
      await client.query('COMMIT');
      return value;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  appendWebhooks(batch: readonly IncomingWebhook[], now: number) {
    return this.transaction(async (client, lastSeq) => {
      const ids = [...new Set(batch.map((w) => w.activityId))];
      const existing = await client.query<{ activity_id: string; seq: string }>(
        'SELECT activity_id, seq FROM relay_events WHERE activity_id = ANY($1::bigint[])',
        [ids],
      );
      const seqOf = new Map(existing.rows.map((r) => [Number(r.activity_id), Number(r.seq)]));
      const results: AppendResult[] = [];
      const events: StoredEvent[] = [];
      const activityIds: number[] = [];
      let seq = lastSeq;
      for (const webhook of batch) {
        const known = seqOf.get(webhook.activityId);
        if (known !== undefined) {
          results.push({ status: 'duplicate', seq: known });
          continue;
        }
        seq += 1;
        seqOf.set(webhook.activityId, seq);
        results.push({ status: 'accepted', seq });
        events.push({ seq, type: 'webhook', at: now, data: webhook.body });
        activityIds.push(webhook.activityId);
      }
      if (events.length > 0) {
        await client.query(
          `WITH ins AS (
             INSERT INTO relay_events (seq, type, at, activity_id, data)
             SELECT s, 'webhook', $3, a, d FROM unnest($1::bigint[], $2::bigint[], $4::text[]) AS t (s, a, d))
           UPDATE relay_counter SET last_seq = $5::bigint RETURNING pg_notify($6, $5::text)`,
          [events.map((e) => e.seq), activityIds, now, events.map((e) => e.data), seq, this.channel],
        );
      }
      return { results, events };
    });
  }

  async readEvents(after: number, limit: number): Promise<StoredEvent[]> {
    const { rows } = await this.pool.query(
      'SELECT seq, type, at, data FROM relay_events WHERE seq > $1 ORDER BY seq LIMIT $2',
      [after, limit],
    );
    return rows.map(storedEvent);
  }

  async streamBounds(): Promise<StreamBounds> {
    const { rows } = await this.pool.query('SELECT last_seq, pruned_through FROM relay_counter');
    return { head: Number(rows[0].last_seq), prunedThrough: Number(rows[0].pruned_through) };
  }

  async pruneBefore(cutoff: number, maxRows: number): Promise<number> {
    const { rows } = await this.pool.query<{ removed: string }>(
      `WITH target AS (
         SELECT max(seq) AS seq FROM (SELECT seq, at FROM relay_events ORDER BY seq LIMIT $1) oldest WHERE at < $2),
       gone AS (DELETE FROM relay_events WHERE seq <= (SELECT seq FROM target) RETURNING 1),
       mark AS (UPDATE relay_counter SET pruned_through = GREATEST(pruned_through, (SELECT seq FROM target))
                WHERE (SELECT seq FROM target) IS NOT NULL)
       SELECT count(*) AS removed FROM gone`,
      [maxRows, cutoff],
    );
    return Number(rows[0]!.removed);
  }

  changeLedger(seriesUid: string, now: number, command: LedgerCommand): Promise<LedgerChange> {
    return this.transaction(async (client, lastSeq) => {
      const { rows } = await client.query<{ entry: string; claim_key: string | null }>(
        'SELECT entry, claim_key FROM relay_ledger WHERE series_uid = $1',
        [seriesUid],
      );
      const current = rows[0] ? ledgerRowFrom(rows[0].entry, rows[0].claim_key) : null;
      const { outcome, next } = decideLedger(seriesUid, current, command, now);
      if (!next) return { outcome, row: current, event: null };
      const seq = lastSeq + 1;
      const data = JSON.stringify(next.entry);
      await client.query(
        `WITH row AS (
           INSERT INTO relay_ledger (series_uid, state, entry, claim_key, change_seq) VALUES ($1, $2, $3, $4, $5::bigint)
           ON CONFLICT (series_uid) DO UPDATE SET state = excluded.state, entry = excluded.entry,
             claim_key = excluded.claim_key, change_seq = excluded.change_seq),
         ev AS (INSERT INTO relay_events (seq, type, at, data) VALUES ($5::bigint, 'ledger', $6, $3))
         UPDATE relay_counter SET last_seq = $5::bigint RETURNING pg_notify($7, $5::text)`,
        [seriesUid, next.entry.state, data, next.claimKey, seq, now, this.channel],
      );
      return { outcome, row: next, event: { seq, type: 'ledger' as const, at: now, data } };
    });
  }

  async getLedger(seriesUid: string): Promise<LedgerRow | null> {
    const { rows } = await this.pool.query<{ entry: string; claim_key: string | null }>(
      'SELECT entry, claim_key FROM relay_ledger WHERE series_uid = $1',
      [seriesUid],
    );
    return rows[0] ? ledgerRowFrom(rows[0].entry, rows[0].claim_key) : null;
  }

  async listLedger(afterSeq: number, limit: number) {
    const { rows } = await this.pool.query<{ entry: string; change_seq: string }>(
      'SELECT entry, change_seq FROM relay_ledger WHERE change_seq > $1 ORDER BY change_seq LIMIT $2',
      [afterSeq, limit],
    );
    return rows.map((r) => ({ entry: ledgerRowFrom(r.entry, null).entry, seq: Number(r.change_seq) }));
  }

  async createToken(name: string, hash: string, now: number): Promise<TokenInfo> {
    try {
      const { rows } = await this.pool.query<TokenRow>(
        'INSERT INTO relay_tokens (name, hash, created_at) VALUES ($1, $2, $3) RETURNING id, name, created_at, revoked_at',
        [name, hash, now],
      );
      return tokenInfo(rows[0]!);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw tokenNameTaken(name);
      throw error;
    }
  }

  async listTokens(): Promise<TokenInfo[]> {
    const { rows } = await this.pool.query<TokenRow>(
      'SELECT id, name, created_at, revoked_at FROM relay_tokens ORDER BY id',
    );
    return rows.map(tokenInfo);
  }

  async revokeToken(nameOrId: string, now: number): Promise<TokenInfo | null> {
    const { rows } = await this.pool.query<TokenRow>(
      `WITH by_name AS (
         UPDATE relay_tokens SET revoked_at = $1 WHERE revoked_at IS NULL AND name = $2
         RETURNING id, name, created_at, revoked_at),
       by_id AS (
         UPDATE relay_tokens SET revoked_at = $1
         WHERE revoked_at IS NULL AND $3::bigint IS NOT NULL AND id = $3::bigint AND NOT EXISTS (SELECT 1 FROM by_name)
         RETURNING id, name, created_at, revoked_at)
       SELECT * FROM by_name UNION ALL SELECT * FROM by_id`,
      [now, nameOrId, /^\d{1,15}$/.test(nameOrId) ? nameOrId : null],
    );
    return rows[0] ? tokenInfo(rows[0]) : null;
  }

  async findTokenByHash(hash: string): Promise<TokenInfo | null> {
    const { rows } = await this.pool.query<TokenRow>(
      'SELECT id, name, created_at, revoked_at FROM relay_tokens WHERE hash = $1',
      [hash],
    );
    return rows[0] ? tokenInfo(rows[0]) : null;
  }

  async revokedAmong(ids: readonly number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query<{ id: string }>(
      'SELECT id FROM relay_tokens WHERE revoked_at IS NOT NULL AND id = ANY($1::bigint[])',
      [ids],
    );
    return rows.map((r) => Number(r.id));
  }

  /** Appends one event (the counter row is locked by `transaction`) and announces it at commit. */
  private async append(
    client: pg.PoolClient,
    lastSeq: number,
    type: StreamEventType,
    now: number,
    data: string,
  ): Promise<StoredEvent> {
    const seq = lastSeq + 1;
    await client.query(
      `WITH ev AS (INSERT INTO relay_events (seq, type, at, data) VALUES ($1::bigint, $2, $3, $4))
       UPDATE relay_counter SET last_seq = $1::bigint RETURNING pg_notify($5, $1::text)`,
      [seq, type, now, data, this.channel],
    );
    return { seq, type, at: now, data };
  }

  async getRules(): Promise<RulesDocument> {
    const { rows } = await this.pool.query<{ document: string }>('SELECT document FROM relay_rules');
    return rulesFrom(rows[0]?.document);
  }

  saveRules(request: SaveRulesRequest, now: number): Promise<SaveRulesResult> {
    return this.transaction(async (client, lastSeq) => {
      const { rows } = await client.query<{ document: string }>('SELECT document FROM relay_rules');
      const current = rulesFrom(rows[0]?.document);
      const next = savedRules(current, request, now);
      if (!next) return { outcome: 'conflict' as const, document: current, event: null };
      await client.query(
        `INSERT INTO relay_rules (id, version, document) VALUES (true, $1, $2)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, document = excluded.document`,
        [next.version, JSON.stringify(next)],
      );
      const event = await this.append(client, lastSeq, 'rules', now, JSON.stringify(rulesStateOf(next)));
      return { outcome: 'saved' as const, document: next, event };
    });
  }

  private async writeDecision(
    client: pg.PoolClient,
    lastSeq: number,
    id: number,
    row: DecisionRow,
  ): Promise<StoredEvent> {
    const json = JSON.stringify(row.decision);
    await client.query(
      `UPDATE relay_rule_decisions SET state = $1, has_ticket = $2, work = $3, attempts = $4, next_attempt_at = $5,
         decision = $6 WHERE id = $7`,
      [row.decision.state, row.decision.ticket !== null, row.work, row.attempts, row.nextAttemptAt, json, id],
    );
    return this.append(client, lastSeq, 'decision', row.decision.updatedAt, json);
  }

  recordDecision(input: NewDecision, now: number) {
    return this.transaction(async (client, lastSeq) => {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO relay_rule_decisions (${decisionInsertColumns}, decision)
         VALUES ($1, $2, $3, $4, $5, $6, $7::int::boolean, $8, $9, $10, $11, '{}')
         ON CONFLICT (activity_id) DO NOTHING RETURNING id`,
        decisionInsertValues(input, now),
      );
      if (!rows[0]) {
        const existing = await client.query<DecisionSql>(
          `SELECT ${decisionColumns} FROM relay_rule_decisions WHERE activity_id = $1`,
          [input.decision.activityId],
        );
        return { row: decisionRowFrom(existing.rows[0]!), event: null };
      }
      const id = Number(rows[0].id);
      const row = newDecisionRow(id, input, now);
      return { row, event: await this.writeDecision(client, lastSeq, id, row) };
    });
  }

  updateDecision(id: number, change: DecisionUpdate, now: number) {
    return this.transaction(async (client, lastSeq) => {
      const { rows } = await client.query<DecisionSql>(
        `SELECT ${decisionColumns} FROM relay_rule_decisions WHERE id = $1`,
        [id],
      );
      if (!rows[0]) throw new Error(`rule decision ${id} does not exist`);
      const row = updatedDecisionRow(decisionRowFrom(rows[0]), change, now);
      return { row, event: await this.writeDecision(client, lastSeq, id, row) };
    });
  }

  private async oneDecision(sql: string, params: unknown[]): Promise<DecisionRow | null> {
    const { rows } = await this.pool.query<DecisionSql>(sql, params);
    return rows[0] ? decisionRowFrom(rows[0]) : null;
  }

  decisionOfActivity(activityId: number): Promise<DecisionRow | null> {
    return this.oneDecision(`SELECT ${decisionColumns} FROM relay_rule_decisions WHERE activity_id = $1`, [
      activityId,
    ]);
  }

  async listDecisions(beforeId: number | null, limit: number): Promise<RuleDecision[]> {
    const { rows } = await this.pool.query<{ decision: string }>(
      'SELECT decision FROM relay_rule_decisions WHERE id < $1 ORDER BY id DESC LIMIT $2',
      [beforeId ?? Number.MAX_SAFE_INTEGER, limit],
    );
    return rows.map((r) => decisionFrom(r.decision));
  }

  async dueDecisions(now: number, limit: number): Promise<DecisionRow[]> {
    const { rows } = await this.pool.query<DecisionSql>(
      `SELECT ${decisionColumns} FROM relay_rule_decisions
       WHERE state = 'pending' AND coalesce(next_attempt_at, 0) <= $1 ORDER BY id LIMIT $2`,
      [now, limit],
    );
    return rows.map(decisionRowFrom);
  }

  ticketDecisionOfSeries(seriesUid: string): Promise<DecisionRow | null> {
    return this.oneDecision(
      `SELECT ${decisionColumns} FROM relay_rule_decisions
       WHERE series_uid = $1 AND kind = 'trigger' AND has_ticket ORDER BY id DESC LIMIT 1`,
      [seriesUid],
    );
  }

  recentConditionDecision(deviceId: number, conditionKey: string, excludeSeries: string, since: number) {
    return this.oneDecision(
      `SELECT ${decisionColumns} FROM relay_rule_decisions
       WHERE device_id = $1 AND condition_key = $2 AND series_uid IS DISTINCT FROM $3 AND kind = 'trigger'
         AND last_seen_at >= $4
       ORDER BY last_seen_at DESC, id DESC LIMIT 1`,
      [deviceId, conditionKey, excludeSeries, since],
    );
  }

  async touchSeries(seriesUid: string, at: number): Promise<void> {
    await this.pool.query(
      "UPDATE relay_rule_decisions SET last_seen_at = GREATEST(last_seen_at, $1) WHERE series_uid = $2 AND kind = 'trigger'",
      [at, seriesUid],
    );
  }

  async pruneSilences(cutoff: number, maxRows: number): Promise<number> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM relay_device_silences WHERE device_id IN (
         SELECT device_id FROM relay_device_silences WHERE until_at < $1 ORDER BY until_at LIMIT $2)`,
      [cutoff, maxRows],
    );
    return rowCount ?? 0;
  }

  async pruneLedger(maxRows: number): Promise<number> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM relay_ledger WHERE series_uid IN (
         SELECT series_uid FROM relay_ledger
         WHERE change_seq <= (SELECT pruned_through FROM relay_counter) ORDER BY change_seq LIMIT $1)`,
      [maxRows],
    );
    return rowCount ?? 0;
  }

  async pruneDecisions(cutoff: number, maxRows: number): Promise<number> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM relay_rule_decisions WHERE id IN (
         SELECT id FROM relay_rule_decisions WHERE state <> 'pending' AND decided_at < $1 ORDER BY id LIMIT $2)`,
      [cutoff, maxRows],
    );
    return rowCount ?? 0;
  }

  setSilence(silence: DeviceSilence, now: number): Promise<StoredEvent> {
    return this.transaction(async (client, lastSeq) => {
      if (silence.until === null)
        await client.query('DELETE FROM relay_device_silences WHERE device_id = $1', [silence.deviceId]);
      else
        await client.query(
          `INSERT INTO relay_device_silences (device_id, until_at, by, reason, created_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (device_id) DO UPDATE SET until_at = excluded.until_at, by = excluded.by,
             reason = excluded.reason, created_at = excluded.created_at`,
          [silence.deviceId, silence.until, silence.by ?? '', silence.reason, now],
        );
      return this.append(client, lastSeq, 'silence', now, JSON.stringify(silence));
    });
  }

  async activeSilence(deviceId: number, now: number): Promise<DeviceSilence | null> {
    const { rows } = await this.pool.query(
      'SELECT device_id, until_at, by, reason FROM relay_device_silences WHERE device_id = $1 AND until_at > $2',
      [deviceId, now],
    );
    return rows[0] ? silenceFrom(rows[0]) : null;
  }

  async listSilences(now: number): Promise<DeviceSilence[]> {
    const { rows } = await this.pool.query(
      'SELECT device_id, until_at, by, reason FROM relay_device_silences WHERE until_at > $1 ORDER BY device_id',
      [now],
    );
    return rows.map(silenceFrom);
  }

  async readState(name: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ value: string | null }>(
      'SELECT value FROM relay_state WHERE name = $1',
      [name],
    );
    return rows[0]?.value ?? null;
  }

  async writeState(name: string, value: string): Promise<void> {
    await this.pool.query(
      'INSERT INTO relay_state (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
      [name, value],
    );
  }

  async acquireLease(name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
    const { rows } = await this.pool.query(
      `INSERT INTO relay_state (name, holder, lease_until) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until
       WHERE relay_state.holder IS NULL OR relay_state.lease_until IS NULL OR relay_state.lease_until < $4
         OR relay_state.holder = $2
       RETURNING name`,
      [name, holder, now + ttlMs, now],
    );
    return rows.length > 0;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.pool.query(
      'UPDATE relay_state SET holder = NULL, lease_until = NULL WHERE name = $1 AND holder = $2',
      [name, holder],
    );
  }

  async knownActivities(ids: readonly number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query<{ activity_id: string }>(
      'SELECT activity_id FROM relay_events WHERE activity_id = ANY($1::bigint[])',
      [ids],
    );
    return rows.map((r) => Number(r.activity_id));
  }

  onForeignCommit(listener: (head: number) => void): void {
    this.listener.onCommit(listener);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.listener.stop();
    await this.pool.end();
  }
}

/** Concurrent instances starting at once: one migrates under an advisory lock, the others wait. */
async function migrate(pool: pg.Pool, schema: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`alga-relay-migrate:${schema}`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS relay_schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at bigint NOT NULL)`);
    const { rows } = await client.query<AppliedMigration>(
      'SELECT version, checksum FROM relay_schema_migrations',
    );
    for (const step of pendingMigrations(postgresMigrations, rows, `schema ${schema}`)) {
      await client.query('BEGIN');
      try {
        await client.query(step.sql);
        await client.query(
          'INSERT INTO relay_schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)',
          [step.version, step.name, migrationChecksum(step.sql), Date.now()],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client
      .query('SELECT pg_advisory_unlock(hashtext($1))', [`alga-relay-migrate:${schema}`])
      .catch(() => undefined);
    client.release();
  }
}
