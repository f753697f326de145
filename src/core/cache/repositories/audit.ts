import type { Db } from '../database';

export interface AuditEntry {
  at: number;
  /** Who did it: the OS user running the console. */
  actor: string | null;
  /** A stable name, e.g. `remote.connect`. */
  action: string;
  /** What it was done to, e.g. `device:1042`. */
  target: string | null;
  /** Anything else worth keeping; never a secret or a URL carrying a token. */
  details: Record<string, unknown> | null;
}

/** The append-only record of what the technician did from the console. */
export class AuditRepository {
  private readonly insert;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT INTO audit_log (at, actor, action, target, details) VALUES (?, ?, ?, ?, ?)',
    );
  }

  record(entry: AuditEntry): void {
    this.insert.run(
      entry.at,
      entry.actor,
      entry.action,
      entry.target,
      entry.details === null ? null : JSON.stringify(entry.details),
    );
  }
}
