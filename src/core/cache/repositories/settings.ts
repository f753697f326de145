import type { z } from 'zod';
import type { Db } from '../database';

/**
 * Key/value settings stored as JSON. Every read is validated with the caller's schema, because the
 * file on disk is not trusted: a value that no longer parses falls back to the default.
 */
export class SettingsRepository {
  private readonly read;
  private readonly write;
  private readonly remove;

  constructor(db: Db) {
    this.read = db.prepare('SELECT value FROM settings WHERE key = ?');
    this.write = db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
      ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
    this.remove = db.prepare('DELETE FROM settings WHERE key = ?');
  }

  get<S extends z.ZodType>(key: string, schema: S, fallback: z.output<S>): z.output<S> {
    const row = this.read.get(key) as { value: string } | undefined;
    if (!row) return fallback;
    try {
      const parsed = schema.safeParse(JSON.parse(row.value));
      return parsed.success ? parsed.data : fallback;
    } catch {
      return fallback;
    }
  }

  set(key: string, value: unknown, now = Date.now()): void {
    this.write.run(key, JSON.stringify(value), now);
  }

  delete(key: string): void {
    this.remove.run(key);
  }
}
