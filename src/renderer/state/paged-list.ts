import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { InputOf, OutputOf } from '../../shared/rpc/define';
import type { Procedures } from '../../shared/contract';
import { AppError } from '../../shared/rpc/errors';
import { consoleClient } from '../rpc/client';

/** Procedures that return keyset pages: `{items, nextCursor}` for a `{cursor, limit}` input. */
type PagedProcedure = {
  [K in keyof Procedures & string]: OutputOf<Procedures, K> extends {
    items: unknown[];
    nextCursor: string | null;
  }
    ? K
    : never;
}[keyof Procedures & string];

type ItemOf<K extends PagedProcedure> = OutputOf<Procedures, K>['items'][number];
type QueryOf<K extends PagedProcedure> = Omit<InputOf<Procedures, K>, 'cursor' | 'limit'>;

export interface PagedListState<K extends PagedProcedure> {
  query: QueryOf<K> | null;
  /** Loaded rows: always a prefix of the result, since keyset pages arrive in order. */
  rows: ItemOf<K>[];
  /** Rows in the whole result when the procedure counts them; otherwise what is loaded so far. */
  total: number | null;
  nextCursor: string | null;
  loading: boolean;
  error: string | null;
  /** Milliseconds the last first page took, shown in the status bar and read by the UI benchmark. */
  lastQueryMs: number | null;
  setQuery(query: QueryOf<K>): void;
  reload(): void;
  /** Loads pages in order until row `index` is loaded or the result ends. */
  ensureLoaded(index: number): void;
}

/**
 * A store for one keyset-paged list view: loads the first page when the query changes (cancelling the
 * call in flight), then further pages on demand as the virtual list scrolls.
 */
export function createPagedList<K extends PagedProcedure>(
  proc: K,
  sizes = { first: 200, next: 500 },
): UseBoundStore<StoreApi<PagedListState<K>>> {
  let generation = 0;
  let inflight: AbortController | null = null;

  return create<PagedListState<K>>((set, get) => {
    const call = (query: QueryOf<K>, cursor: string | null, limit: number, signal: AbortSignal) =>
      consoleClient().call(proc, { ...query, cursor, limit } as InputOf<Procedures, K>, {
        signal,
      }) as Promise<{
        items: ItemOf<K>[];
        nextCursor: string | null;
        total?: number | null;
      }>;

    const fail = (mine: number, error: unknown): void => {
      if (mine !== generation || (error instanceof AppError && error.code === 'cancelled')) return;
      set({ loading: false, error: error instanceof Error ? error.message : String(error) });
    };

    const loadFirst = (): void => {
      const { query } = get();
      if (!query) return;
      inflight?.abort();
      const controller = new AbortController();
      inflight = controller;
      const mine = ++generation;
      const started = performance.now();
      set({ loading: true, error: null });
      call(query, null, sizes.first, controller.signal).then(
        (page) => {
          if (mine !== generation) return;
          set({
            rows: page.items,
            total: page.total ?? (page.nextCursor ? null : page.items.length),
            nextCursor: page.nextCursor,
            loading: false,
            lastQueryMs: Math.round(performance.now() - started),
          });
        },
        (e: unknown) => fail(mine, e),
      );
    };

    const loadUntil = (index: number): void => {
      const { query, rows, nextCursor, loading } = get();
      if (!query || loading || !nextCursor || index < rows.length) return;
      const controller = new AbortController();
      inflight = controller;
      const mine = generation;
      set({ loading: true });
      call(query, nextCursor, sizes.next, controller.signal).then(
        (page) => {
          if (mine !== generation) return;
          set((state) => ({
            rows: state.rows.concat(page.items),
            nextCursor: page.nextCursor,
            loading: false,
            total: state.total ?? (page.nextCursor ? null : state.rows.length + page.items.length),
          }));
          loadUntil(index);
        },
        (e: unknown) => fail(mine, e),
      );
    };

    return {
      query: null,
      rows: [],
      total: null,
      nextCursor: null,
      loading: false,
      error: null,
      lastQueryMs: null,
      setQuery: (query) => {
        set({ query });
        loadFirst();
      },
      reload: loadFirst,
      ensureLoaded: loadUntil,
    };
  });
}
