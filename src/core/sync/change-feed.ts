import type { CacheTopic } from '../../shared/contract/cache-topics';

/** A `cache.changed` event: which tables, and which rows when few enough for the UI to refetch them. */
export interface CacheChange {
  tables: CacheTopic[];
  ids?: (number | string)[];
}

/** Ids beyond this many are left out: the views then refetch what they show. */
const MAX_IDS = 200;

/**
 * Gathers what a sync committed and tells the UI at most once a `intervalMs` (and at the end), so a
 * 50,000-device sync does not make every view refetch after each page.
 */
export class ChangeFeed {
  private readonly pending = new Map<CacheTopic, Set<number | string> | 'many'>();
  private lastFlush: number;

  constructor(
    private readonly emit: (change: CacheChange) => void,
    private readonly now: () => number,
    private readonly intervalMs = 1000,
  ) {
    this.lastFlush = now();
  }

  /** Rows of `table` changed; without ids, too many (or unknown) ones did. */
  note(table: CacheTopic, ids?: Iterable<number | string>): void {
    const current = this.pending.get(table);
    if (current === 'many') return;
    if (ids === undefined) {
      this.pending.set(table, 'many');
      return;
    }
    const set = current ?? new Set<number | string>();
    for (const id of ids) {
      set.add(id);
      if (set.size > MAX_IDS) {
        this.pending.set(table, 'many');
        return;
      }
    }
    if (set.size > 0 || current) this.pending.set(table, set);
  }

  /** Flushes when the interval has passed since the last event. */
  tick(): void {
    if (this.now() - this.lastFlush >= this.intervalMs) this.flush();
  }

  flush(): void {
    this.lastFlush = this.now();
    if (this.pending.size === 0) return;
    const many: CacheTopic[] = [];
    for (const [table, ids] of this.pending) {
      if (ids === 'many') many.push(table);
      else this.emit({ tables: [table], ids: [...ids] });
    }
    if (many.length > 0) this.emit({ tables: many });
    this.pending.clear();
  }
}
