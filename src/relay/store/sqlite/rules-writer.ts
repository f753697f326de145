import type Database from 'better-sqlite3';
import type { DeviceSilence, SaveRulesRequest } from '../../../shared/relay/rules';
import type { StreamEventType } from '../../../shared/relay/stream';
import {
  decisionColumns,
  decisionInsertColumns,
  decisionInsertValues,
  decisionRowFrom,
  newDecisionRow,
  rulesFrom,
  rulesStateOf,
  savedRules,
  updatedDecisionRow,
  type DecisionSql,
} from '../rules-rows';
import type { DecisionRow, DecisionUpdate, NewDecision, SaveRulesResult, StoredEvent } from '../store';

/**
 * The rules' writes on the writer thread's connection: each one that consoles must hear about
 * appends its event in the same `BEGIN IMMEDIATE` transaction (the one global order).
 */
export class SqliteRulesWriter {
  private readonly stmt;

  constructor(private readonly db: Database.Database) {
    this.stmt = {
      lastSeq: db.prepare<[], { last_seq: number }>('SELECT last_seq FROM relay_counter WHERE id = 1'),
      setLastSeq: db.prepare<[number]>('UPDATE relay_counter SET last_seq = ? WHERE id = 1'),
      insertEvent: db.prepare<[number, string, number, string]>(
        'INSERT INTO relay_events (seq, type, at, data) VALUES (?, ?, ?, ?)',
      ),
      rules: db.prepare<[], { document: string }>('SELECT document FROM relay_rules WHERE id = 1'),
      putRules: db.prepare<[number, string]>(
        `INSERT INTO relay_rules (id, version, document) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, document = excluded.document`,
      ),
      decisionOf: db.prepare<[number], DecisionSql>(
        `SELECT ${decisionColumns} FROM relay_rule_decisions WHERE activity_id = ?`,
      ),
      decisionById: db.prepare<[number], DecisionSql>(
        `SELECT ${decisionColumns} FROM relay_rule_decisions WHERE id = ?`,
      ),
      insertDecision: db.prepare<ReturnType<typeof decisionInsertValues>, { id: number }>(
        `INSERT INTO relay_rule_decisions (${decisionInsertColumns}, decision)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}') RETURNING id`,
      ),
      writeDecision: db.prepare<[string, number, string | null, number, number | null, string, number]>(
        `UPDATE relay_rule_decisions SET state = ?, has_ticket = ?, work = ?, attempts = ?, next_attempt_at = ?,
           decision = ? WHERE id = ?`,
      ),
      touchSeries: db.prepare<[number, string]>(
        "UPDATE relay_rule_decisions SET last_seen_at = max(last_seen_at, ?) WHERE series_uid = ? AND kind = 'trigger'",
      ),
      pruneDecisions: db.prepare<[number, number]>(
        `DELETE FROM relay_rule_decisions WHERE id IN (
           SELECT id FROM relay_rule_decisions WHERE state <> 'pending' AND decided_at < ? ORDER BY id LIMIT ?)`,
      ),
      putSilence: db.prepare<[number, number, string, string | null, number]>(
        `INSERT INTO relay_device_silences (device_id, until_at, by, reason, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (device_id) DO UPDATE SET until_at = excluded.until_at, by = excluded.by,
           reason = excluded.reason, created_at = excluded.created_at`,
      ),
      liftSilence: db.prepare<[number]>('DELETE FROM relay_device_silences WHERE device_id = ?'),
      pruneSilences: db.prepare<[number, number]>(
        `DELETE FROM relay_device_silences WHERE device_id IN (
           SELECT device_id FROM relay_device_silences WHERE until_at < ? ORDER BY until_at LIMIT ?)`,
      ),
      writeState: db.prepare<[string, string]>(
        `INSERT INTO relay_state (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
      ),
      lease: db.prepare<[string, string, number, number, string], { name: string }>(
        `INSERT INTO relay_state (name, holder, lease_until) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until
         WHERE relay_state.holder IS NULL OR relay_state.lease_until IS NULL OR relay_state.lease_until < ?
           OR relay_state.holder = ?
         RETURNING name`,
      ),
      release: db.prepare<[string, string]>(
        'UPDATE relay_state SET holder = NULL, lease_until = NULL WHERE name = ? AND holder = ?',
      ),
    };
  }

  private append(type: StreamEventType, now: number, data: string): StoredEvent {
    const seq = this.stmt.lastSeq.get()!.last_seq + 1;
    this.stmt.setLastSeq.run(seq);
    this.stmt.insertEvent.run(seq, type, now, data);
    return { seq, type, at: now, data };
  }

  saveRules(request: SaveRulesRequest, now: number): SaveRulesResult {
    return this.db
      .transaction((): SaveRulesResult => {
        const current = rulesFrom(this.stmt.rules.get()?.document);
        const next = savedRules(current, request, now);
        if (!next) return { outcome: 'conflict', document: current, event: null };
        this.stmt.putRules.run(next.version, JSON.stringify(next));
        const event = this.append('rules', now, JSON.stringify(rulesStateOf(next)));
        return { outcome: 'saved', document: next, event };
      })
      .immediate();
  }

  private write(id: number, row: DecisionRow): StoredEvent {
    const json = JSON.stringify(row.decision);
    this.stmt.writeDecision.run(
      row.decision.state,
      row.decision.ticket ? 1 : 0,
      row.work,
      row.attempts,
      row.nextAttemptAt,
      json,
      id,
    );
    return this.append('decision', row.decision.updatedAt, json);
  }

  recordDecision(input: NewDecision, now: number): { row: DecisionRow; event: StoredEvent | null } {
    return this.db
      .transaction(() => {
        const existing = this.stmt.decisionOf.get(input.decision.activityId);
        if (existing) return { row: decisionRowFrom(existing), event: null };
        const { id } = this.stmt.insertDecision.get(...decisionInsertValues(input, now))!;
        const row = newDecisionRow(id, input, now);
        return { row, event: this.write(id, row) };
      })
      .immediate();
  }

  updateDecision(id: number, change: DecisionUpdate, now: number): { row: DecisionRow; event: StoredEvent } {
    return this.db
      .transaction(() => {
        const stored = this.stmt.decisionById.get(id);
        if (!stored) throw new Error(`rule decision ${id} does not exist`);
        const row = updatedDecisionRow(decisionRowFrom(stored), change, now);
        return { row, event: this.write(id, row) };
      })
      .immediate();
  }

  touchSeries(seriesUid: string, at: number): void {
    this.stmt.touchSeries.run(at, seriesUid);
  }

  pruneDecisions(cutoff: number, maxRows: number): number {
    return this.stmt.pruneDecisions.run(cutoff, maxRows).changes;
  }

  pruneSilences(cutoff: number, maxRows: number): number {
    return this.stmt.pruneSilences.run(cutoff, maxRows).changes;
  }

  setSilence(silence: DeviceSilence, now: number): StoredEvent {
    return this.db
      .transaction(() => {
        if (silence.until === null) this.stmt.liftSilence.run(silence.deviceId);
        else this.stmt.putSilence.run(silence.deviceId, silence.until, silence.by ?? '', silence.reason, now);
        return this.append('silence', now, JSON.stringify(silence));
      })
      .immediate();
  }

  writeState(name: string, value: string): void {
    this.stmt.writeState.run(name, value);
  }

  acquireLease(name: string, holder: string, now: number, ttlMs: number): boolean {
    return this.stmt.lease.get(name, holder, now + ttlMs, now, holder) !== undefined;
  }

  releaseLease(name: string, holder: string): void {
    this.stmt.release.run(name, holder);
  }
}
