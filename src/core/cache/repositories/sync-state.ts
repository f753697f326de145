import type { SyncWarning } from '../../../shared/contract/sync';
import type { Page } from '../../../shared/rpc/paging';
import { inTransaction, type Db } from '../database';
import { keysetPage, queryFingerprint } from '../keyset';

export type SyncKind = 'full' | 'incremental';
export type SyncRunState = 'running' | 'succeeded' | 'partial' | 'failed' | 'cancelled' | 'interrupted';

export interface SyncCounts {
  added: number;
  changed: number;
  removed: number;
  quarantined: number;
  apiCalls: number;
  bytesRead: number;
}

export interface SyncRunRow extends SyncCounts {
  id: number;
  kind: SyncKind;
  state: SyncRunState;
  startedAt: number;
  finishedAt: number | null;
  errorCode: string | null;
  errorMessage: string | null;
  warnings: SyncWarning[];
}

type RunSql = Omit<SyncRunRow, 'warnings'>;

const runColumns = `id, kind, state, started_at AS startedAt, finished_at AS finishedAt, added, changed, removed, quarantined,
  api_calls AS apiCalls, bytes_read AS bytesRead, error_code AS errorCode, error_message AS errorMessage`;

/** Sync runs (history) with their warnings, resume checkpoints and quarantined records. */
export class SyncStateRepository {
  constructor(private readonly db: Db) {}

  /** The rows with their warnings, in one query for the lot. */
  private withWarnings(rows: RunSql[]): SyncRunRow[] {
    if (rows.length === 0) return [];
    const warnings = this.db
      .prepare(
        `SELECT run_id AS runId, family, code, status, message FROM sync_warnings
         WHERE run_id IN (${rows.map(() => '?').join(',')}) ORDER BY run_id, seq`,
      )
      .all(...rows.map((r) => r.id)) as (SyncWarning & { runId: number })[];
    const byRun = new Map<number, SyncWarning[]>();
    for (const { runId, ...warning } of warnings) {
      const list = byRun.get(runId) ?? [];
      list.push(warning);
      byRun.set(runId, list);
    }
    return rows.map((row) => ({ ...row, warnings: byRun.get(row.id) ?? [] }));
  }

  startRun(kind: SyncKind, at = Date.now()): number {
    return Number(
      this.db
        .prepare(`INSERT INTO sync_runs (kind, state, started_at) VALUES (?, 'running', ?)`)
        .run(kind, at).lastInsertRowid,
    );
  }

  finishRun(
    id: number,
    state: Exclude<SyncRunState, 'running'>,
    counts: SyncCounts,
    error?: { code: string; message: string },
    at = Date.now(),
    warnings: readonly SyncWarning[] = [],
  ): void {
    const insert = this.db.prepare(
      'INSERT INTO sync_warnings (run_id, seq, family, code, status, message) VALUES (?, ?, ?, ?, ?, ?)',
    );
    inTransaction(this.db, () => {
      warnings.forEach((w, seq) => insert.run(id, seq, w.family, w.code, w.status, w.message));
      this.db
        .prepare(
          `UPDATE sync_runs SET state = ?, finished_at = ?, added = ?, changed = ?, removed = ?, quarantined = ?, api_calls = ?,
           bytes_read = ?, error_code = ?, error_message = ? WHERE id = ?`,
        )
        .run(
          state,
          at,
          counts.added,
          counts.changed,
          counts.removed,
          counts.quarantined,
          counts.apiCalls,
          counts.bytesRead,
          error?.code ?? null,
          error?.message ?? null,
          id,
        );
    });
  }

  /** A run that started incremental and turned into a full reconcile says so in the history. */
  setKind(id: number, kind: SyncKind): void {
    this.db.prepare('UPDATE sync_runs SET kind = ? WHERE id = ?').run(kind, id);
  }

  /** Runs a previous process left `running` (it died) become `interrupted`; returns them. */
  interruptAbandoned(at = Date.now()): SyncRunRow[] {
    return this.withWarnings(
      this.db
        .prepare(
          `UPDATE sync_runs SET state = 'interrupted', finished_at = ? WHERE state = 'running' RETURNING ${runColumns}`,
        )
        .all(at) as RunSql[],
    );
  }

  run(id: number): SyncRunRow | null {
    const row = this.db.prepare(`SELECT ${runColumns} FROM sync_runs WHERE id = ?`).get(id) as
      RunSql | undefined;
    return row ? this.withWarnings([row])[0]! : null;
  }

  /** The newest run that finished its work, `partial` ones included (they skipped a family, nothing else). */
  lastSucceeded(kind?: SyncKind): SyncRunRow | null {
    const finished = `state IN ('succeeded', 'partial')`;
    const row = kind
      ? this.db
          .prepare(
            `SELECT ${runColumns} FROM sync_runs WHERE ${finished} AND kind = ? ORDER BY id DESC LIMIT 1`,
          )
          .get(kind)
      : this.db
          .prepare(`SELECT ${runColumns} FROM sync_runs WHERE ${finished} ORDER BY id DESC LIMIT 1`)
          .get();
    return row ? this.withWarnings([row as RunSql])[0]! : null;
  }

  history(cursor: string | null | undefined, limit: number): Page<SyncRunRow> {
    const page = keysetPage<RunSql, RunSql>(this.db, {
      select: `SELECT ${runColumns} FROM sync_runs`,
      where: [],
      params: [],
      columns: ['id'],
      direction: 'desc',
      fingerprint: queryFingerprint({ view: 'sync-runs' }),
      cursor,
      limit,
      toItem: (row) => row,
      keyOf: (row) => [row.id],
    });
    return { ...page, items: this.withWarnings(page.items) };
  }

  checkpoint(name: string): string | null {
    return (
      (this.db.prepare('SELECT value FROM sync_checkpoints WHERE name = ?').pluck().get(name) as
        string | undefined) ?? null
    );
  }

  /** Call inside the transaction that writes the data the checkpoint covers. */
  setCheckpoint(name: string, value: string, at = Date.now()): void {
    this.db
      .prepare(
        `INSERT INTO sync_checkpoints (name, value, updated_at) VALUES (?, ?, ?)
        ON CONFLICT(name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(name, value, at);
  }

  clearCheckpoints(prefix: string): void {
    this.db
      .prepare(`DELETE FROM sync_checkpoints WHERE name LIKE ? ESCAPE '\\'`)
      .run(prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%');
  }

  quarantine(
    rows: readonly {
      runId: number | null;
      source: string;
      recordKey: string | null;
      error: string;
      raw: unknown;
    }[],
    at = Date.now(),
  ): void {
    const insert = this.db.prepare(
      'INSERT INTO quarantine (run_id, source, record_key, error, raw, at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    inTransaction(this.db, () => {
      for (const r of rows)
        insert.run(r.runId, r.source, r.recordKey, r.error, JSON.stringify(r.raw ?? null), at);
    });
  }

  quarantinedIn(runId: number): number {
    return this.db.prepare('SELECT count(*) FROM quarantine WHERE run_id = ?').pluck().get(runId) as number;
  }
}
