import type { z } from 'zod';
import { AppError } from '../../../shared/rpc/errors';
import type { Db } from '../database';

export interface SavedFilter<F> {
  id: number;
  name: string;
  filter: F;
}

/**
 * Named filters a technician saved for a view. What comes back from disk is parsed with the view's
 * filter schema; a filter that no longer parses (an older console's) is left out rather than applied.
 */
export class SavedFilterRepository {
  constructor(private readonly db: Db) {}

  list<S extends z.ZodType>(view: string, schema: S, limit = 200): SavedFilter<z.output<S>>[] {
    const rows = this.db
      .prepare(
        'SELECT id, name, filter FROM saved_filters WHERE view = ? ORDER BY name COLLATE NOCASE LIMIT ?',
      )
      .all(view, limit) as { id: number; name: string; filter: string }[];
    return rows.flatMap((row) => {
      const parsed = schema.safeParse(JSON.parse(row.filter));
      return parsed.success ? [{ id: row.id, name: row.name, filter: parsed.data }] : [];
    });
  }

  /** Saves (or replaces, by name) a filter of a view. */
  save(view: string, name: string, filter: unknown, now = Date.now()): number {
    return Number(
      this.db
        .prepare(
          `INSERT INTO saved_filters (view, name, filter, created_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(view, name) DO UPDATE SET filter = excluded.filter RETURNING id`,
        )
        .pluck()
        .get(view, name, JSON.stringify(filter), now),
    );
  }

  delete(id: number): void {
    if (this.db.prepare('DELETE FROM saved_filters WHERE id = ?').run(id).changes === 0) {
      throw new AppError('not_found', 'That saved filter no longer exists.');
    }
  }
}
