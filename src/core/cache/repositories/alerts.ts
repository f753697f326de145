import type { AlertFilter, AlertGroup, AlertRow } from '../../../shared/contract/alerts';
import { severities, severityRank, type AgentStatus, type Severity } from '../../../shared/contract/domain';
import { AppError } from '../../../shared/rpc/errors';
import type { Page } from '../../../shared/rpc/paging';
import { inTransaction, type Db } from '../database';
import { keysetPage, queryFingerprint } from '../keyset';
import { likeContains, searchTextSql, searchWords } from '../search-query';

/** What an alert search looks in, normalized as the search compares it. */
const searchedColumns = ['a.condition_name', 'a.message', 'a.subject', 'd.name', 'd.organization_name'].map(
  searchTextSql,
);

/** An active alert as the sync and the relay client write it (NinjaOne `Alert`, times in ms). */
export interface AlertRecord {
  uid: string;
  deviceId: number;
  severity: Severity;
  priority: string | null;
  sourceType: string | null;
  sourceName: string | null;
  conditionName: string | null;
  subject: string | null;
  message: string | null;
  createdAt: number;
  updatedAt: number | null;
  raw: unknown;
}

interface AlertSql {
  uid: string;
  device_id: number;
  device_name: string;
  organization_id: number | null;
  organization_name: string;
  agent_status: AgentStatus;
  severity: number;
  priority: string | null;
  source_type: string | null;
  source_name: string | null;
  condition_name: string | null;
  subject: string | null;
  message: string | null;
  state: 'open' | 'reset';
  created_at: number;
  updated_at: number | null;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  reset_at: number | null;
  trigger_count: number;
  ticket_state: 'claimed' | 'recorded' | null;
  ticket_id: string | null;
  ticket_number: string | null;
  ticket_by: string | null;
}

const selectColumns = `
  a.uid, a.device_id, d.name AS device_name, d.organization_id, d.organization_name, d.agent_status, a.severity,
  a.priority, a.source_type, a.source_name, a.condition_name, a.subject, a.message, a.state, a.created_at,
  a.updated_at, a.acknowledged_at, a.acknowledged_by, a.reset_at, a.trigger_count,
  t.state AS ticket_state, t.ticket_id, t.ticket_number, t.claimed_by AS ticket_by`;
const fromClause = `FROM alerts a JOIN devices d ON d.id = a.device_id LEFT JOIN alert_ticket_ledger t ON t.series_uid = a.uid`;

function toRow(r: AlertSql): AlertRow {
  return {
    uid: r.uid,
    deviceId: r.device_id,
    deviceName: r.device_name,
    organizationId: r.organization_id,
    organizationName: r.organization_name || null,
    agentStatus: r.agent_status,
    severity: severities[r.severity] ?? 'NONE',
    priority: r.priority,
    sourceType: r.source_type,
    sourceName: r.source_name,
    conditionName: r.condition_name,
    subject: r.subject,
    message: r.message,
    state: r.state,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by,
    resetAt: r.reset_at,
    triggerCount: r.trigger_count,
    ticket: r.ticket_state
      ? { id: r.ticket_id, number: r.ticket_number, by: r.ticket_by, state: r.ticket_state }
      : null,
  };
}

function filterClause(filter: AlertFilter): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const inList = (column: string, values: readonly unknown[]): void => {
    where.push(`${column} IN (${values.map(() => '?').join(',')})`);
    params.push(...values);
  };
  if (filter.states.length) inList('a.state', filter.states);
  if (filter.severities?.length) inList('a.severity', filter.severities.map(severityRank));
  if (filter.organizationIds?.length) inList('d.organization_id', filter.organizationIds);
  if (filter.deviceId !== undefined) inList('a.device_id', [filter.deviceId]);
  if (filter.condition !== undefined) inList("coalesce(a.condition_name, '')", [filter.condition]);
  if (filter.createdAfter !== undefined) {
    where.push('a.created_at >= ?');
    params.push(filter.createdAfter);
  }
  if (filter.hasTicket !== undefined)
    where.push(filter.hasTicket ? 't.series_uid IS NOT NULL' : 't.series_uid IS NULL');
  // Every word somewhere in the alert; the open alerts are few enough to scan.
  for (const word of searchWords(filter.search)) {
    where.push(`(${searchedColumns.map((c) => `${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
    params.push(...searchedColumns.map(() => likeContains(word)));
  }
  return { where, params };
}

/**
 * Alerts keyed by series uid (NinjaOne's alert `uid` equals the `seriesUid` of its activities). A reset
 * alert stays as `reset` so the queue can show flapping (a series that triggers again counts up).
 * Every write refreshes the roll-up columns of the devices it touched, in the same transaction.
 */
export class AlertRepository {
  private readonly upsert;
  private readonly deviceExists;
  private readonly storedOpen;
  private readonly reset;
  private readonly rollup;
  private readonly byUid;

  constructor(private readonly db: Db) {
    this.upsert = db.prepare(`
      INSERT INTO alerts (uid, device_id, severity, priority, source_type, source_name, condition_name, subject, message,
        created_at, updated_at, state, raw, synced_at)
      VALUES (@uid, @deviceId, @severity, @priority, @sourceType, @sourceName, @conditionName, @subject, @message,
        @createdAt, @updatedAt, 'open', @raw, @now)
      ON CONFLICT(uid) DO UPDATE SET device_id = excluded.device_id, severity = excluded.severity,
        priority = excluded.priority, source_type = excluded.source_type, source_name = excluded.source_name,
        condition_name = excluded.condition_name, subject = excluded.subject, message = excluded.message,
        created_at = CASE WHEN alerts.state = 'reset' THEN excluded.created_at ELSE alerts.created_at END,
        updated_at = excluded.updated_at, raw = excluded.raw, synced_at = excluded.synced_at,
        trigger_count = alerts.trigger_count + (alerts.state = 'reset'),
        acknowledged_at = CASE WHEN alerts.state = 'reset' THEN NULL ELSE alerts.acknowledged_at END,
        acknowledged_by = CASE WHEN alerts.state = 'reset' THEN NULL ELSE alerts.acknowledged_by END,
        reset_at = NULL, state = 'open'`);
    this.deviceExists = db.prepare('SELECT 1 FROM devices WHERE id = ?').pluck();
    this.storedOpen = db.prepare(`SELECT raw FROM alerts WHERE uid = ? AND state = 'open'`).pluck();
    this.reset = db.prepare(
      `UPDATE alerts SET state = 'reset', reset_at = ? WHERE uid = ? AND state = 'open' RETURNING device_id`,
    );
    this.rollup = db.prepare(`
      UPDATE devices SET
        alert_count = (SELECT count(*) FROM alerts WHERE device_id = devices.id AND state = 'open'),
        max_alert_severity = (SELECT max(severity) FROM alerts WHERE device_id = devices.id AND state = 'open')
      WHERE id = ?`);
    this.byUid = db.prepare(`SELECT ${selectColumns} ${fromClause} WHERE a.uid = ?`);
  }

  /**
   * Writes alerts (re-opening reset ones) and returns the uids skipped because their device is not in
   * the cache yet: the caller fetches the device first or quarantines the alert. An open alert whose
   * NinjaOne record is unchanged is left as it is (a poll rewrites nothing).
   */
  upsertMany(
    records: readonly AlertRecord[],
    now = Date.now(),
  ): { written: string[]; missingDevice: string[] } {
    const written: string[] = [];
    const missingDevice: string[] = [];
    inTransaction(this.db, () => {
      const touched = new Set<number>();
      for (const r of records) {
        if (!this.deviceExists.get(r.deviceId)) {
          missingDevice.push(r.uid);
          continue;
        }
        const raw = JSON.stringify(r.raw ?? null);
        written.push(r.uid);
        if (r.raw !== null && r.raw !== undefined && this.storedOpen.get(r.uid) === raw) continue;
        this.upsert.run({ ...r, severity: severityRank(r.severity), raw, now });
        touched.add(r.deviceId);
      }
      for (const id of touched) this.rollup.run(id);
    });
    return { written, missingDevice };
  }

  /** Marks open alerts reset; returns the uids that were open. */
  markReset(uids: readonly string[], at = Date.now()): string[] {
    const done: string[] = [];
    inTransaction(this.db, () => {
      const touched = new Set<number>();
      for (const uid of uids) {
        const row = this.reset.get(at, uid) as { device_id: number } | undefined;
        if (!row) continue;
        done.push(uid);
        touched.add(row.device_id);
      }
      for (const id of touched) this.rollup.run(id);
    });
    return done;
  }

  /**
   * Makes the open set equal to `active` (the answer of `GET /v2/alerts`): upserts them and resets
   * every other open alert. Returns what changed so callers can notify.
   */
  reconcileOpen(
    active: readonly AlertRecord[],
    now = Date.now(),
  ): { opened: string[]; reset: string[]; missingDevice: string[] } {
    return inTransaction(this.db, () => {
      const wasOpen = new Set(
        this.db.prepare(`SELECT uid FROM alerts WHERE state = 'open'`).pluck().all() as string[],
      );
      const { written, missingDevice } = this.upsertMany(active, now);
      const keep = new Set(written);
      const stale = [...wasOpen].filter((uid) => !keep.has(uid));
      const reset = this.markReset(stale, now);
      return { opened: written.filter((uid) => !wasOpen.has(uid)), reset, missingDevice };
    });
  }

  /** True when the alert was open and is now acknowledged by `by`. */
  acknowledgeIfOpen(uid: string, by: string, at = Date.now()): boolean {
    return (
      this.db
        .prepare(
          `UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE uid = ? AND state = 'open'`,
        )
        .run(at, by, uid).changes > 0
    );
  }

  acknowledge(uid: string, by: string, at = Date.now()): void {
    if (!this.acknowledgeIfOpen(uid, by, at)) {
      throw new AppError(
        'not_found',
        `Alert ${uid} is not open in the cache; it may have been reset. Refresh the alert list.`,
      );
    }
  }

  get(uid: string): AlertRow {
    const row = this.byUid.get(uid) as AlertSql | undefined;
    if (!row)
      throw new AppError('not_found', `Alert ${uid} is not in the cache. Run a sync to refresh alerts.`);
    return toRow(row);
  }

  list(options: { filter: AlertFilter; cursor?: string | null; limit: number }): Page<AlertRow> {
    const { where, params } = filterClause(options.filter);
    return keysetPage<AlertSql, AlertRow>(this.db, {
      select: `SELECT ${selectColumns} ${fromClause}`,
      where,
      params,
      columns: ['a.created_at', 'a.uid'],
      direction: 'desc',
      fingerprint: queryFingerprint({ view: 'alerts', filter: options.filter }),
      cursor: options.cursor,
      limit: options.limit,
      toItem: toRow,
      keyOf: (row) => [row.createdAt, row.uid],
    });
  }

  /** Groups of the filtered alerts by device, condition or organization, largest first, keyset-paged. */
  groups(options: {
    by: 'device' | 'condition' | 'organization';
    filter: AlertFilter;
    cursor?: string | null;
    limit: number;
  }): Page<AlertGroup> {
    const { by, filter } = options;
    const { where, params } = filterClause(filter);
    const { key, label } = {
      device: { key: 'CAST(a.device_id AS TEXT)', label: 'max(d.name)' },
      condition: {
        key: "coalesce(a.condition_name, '')",
        label: "coalesce(a.condition_name, '(no condition)')",
      },
      organization: {
        key: 'CAST(coalesce(d.organization_id, -1) AS TEXT)',
        label: "coalesce(nullif(max(d.organization_name), ''), '(no organization)')",
      },
    }[by];
    return keysetPage<{ k: string; label: string; n: number; sev: number; flapping: number }, AlertGroup>(
      this.db,
      {
        select: `SELECT ${key} AS k, ${label} AS label, count(*) AS n, max(a.severity) AS sev, sum(a.trigger_count > 1) AS flapping ${fromClause}`,
        where,
        params,
        groupBy: 'k',
        columns: ['n', 'k'],
        direction: 'desc',
        fingerprint: queryFingerprint({ view: 'alert-groups', by, filter }),
        cursor: options.cursor,
        limit: options.limit,
        toItem: (r) => ({
          key: r.k,
          label: r.label,
          count: r.n,
          maxSeverity: severities[r.sev] ?? 'NONE',
          flapping: r.flapping,
        }),
        keyOf: (group) => [group.count, group.key],
      },
    );
  }

  counts(): { open: number; bySeverity: Record<Severity, number>; devicesWithAlerts: number } {
    const bySeverity = Object.fromEntries(severities.map((s) => [s, 0])) as Record<Severity, number>;
    const rows = this.db
      .prepare(`SELECT severity, count(*) AS n FROM alerts WHERE state = 'open' GROUP BY severity`)
      .all() as {
      severity: number;
      n: number;
    }[];
    let open = 0;
    for (const row of rows) {
      const name = severities[row.severity];
      if (name) bySeverity[name] = row.n;
      open += row.n;
    }
    const devicesWithAlerts = this.db
      .prepare('SELECT count(*) FROM devices WHERE alert_count > 0')
      .pluck()
      .get() as number;
    return { open, bySeverity, devicesWithAlerts };
  }
}
