import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { InputOf, OutputOf } from '../../shared/rpc/define';
import type { Procedures } from '../../shared/contract';
import { MAX_PAGE_SIZE } from '../../shared/rpc/paging';
import { AppError } from '../../shared/rpc/errors';
import { consoleClient } from '../rpc/client';
import { throttledRefresh } from '../rpc/refresh-throttle';
import { afterScrollSettles } from './scroll-settle';
import { mergeInPlace, type ListOrder } from '../../shared/rows-in-place';

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
  /** Lists kept in place: keys of shown rows that no longer match (until the next reload). */
  gone: Set<string>;
  /** Lists kept in place: keys of rows that match now but are not shown yet ("N new"). */
  waiting: string[];
  setQuery(query: QueryOf<K>): void;
  /** Starts over from the first page: scroll position, gone and waiting rows are dropped. */
  reload(): void;
  /**
   * The cache changed: a list kept in place merges the first page into what is shown; others reload.
   * Either waits while the technician scrolls (scroll-settle.ts).
   */
  refresh(): void;
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
  /** Keep shown rows in place on refresh (see rows-in-place.ts), in this order. */
  inPlace?: ListOrder<ItemOf<K>>,
): UseBoundStore<StoreApi<PagedListState<K>>> {
  let generation = 0;
  let inflight: AbortController | null = null;
  let refreshing: AbortController | null = null;

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
      refreshing?.abort();
      const controller = new AbortController();
      inflight = controller;
      const mine = ++generation;
      const started = performance.now();
      set({ loading: true, error: null });
      call(query, null, sizes.first, controller.signal).then(
        (page) => {
          if (mine !== generation) return;
          set({
            gone: new Set(),
            waiting: [],
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
          set((state) => {
            const rows = state.rows.concat(inPlace ? newTo(state.rows, page.items) : page.items);
            return {
              rows,
              nextCursor: page.nextCursor,
              loading: false,
              total:
                state.total ??
                (page.nextCursor ? null : rows.length - state.gone.size + state.waiting.length),
            };
          });
          loadUntil(index);
        },
        (e: unknown) => fail(mine, e),
      );
    };

    /** Rows of a next page that are not shown already (one kept in place may have moved up). */
    const newTo = (shown: ItemOf<K>[], items: ItemOf<K>[]): ItemOf<K>[] => {
      const keys = new Set(shown.map(inPlace!.key));
      return items.filter((row) => !keys.has(inPlace!.key(row)));
    };

    const refreshInPlace = (order: ListOrder<ItemOf<K>>): void => {
      const { query, rows } = get();
      if (!query) return;
      // Nothing shown yet, or nothing under the pointer to keep: start over.
      if (rows.length === 0) return loadFirst();
      refreshing?.abort();
      const controller = new AbortController();
      refreshing = controller;
      const mine = generation;
      const limit = Math.min(MAX_PAGE_SIZE, Math.max(sizes.first, rows.length));
      const apply = (page: { items: ItemOf<K>[]; nextCursor: string | null }): void => {
        if (mine !== generation || controller.signal.aborted) return;
        set((state) => {
          const merged = mergeInPlace(
            state.rows,
            state.nextCursor === null,
            page.items,
            page.nextCursor === null,
            order,
          );
          const total =
            state.nextCursor === null ? merged.rows.length - merged.gone.size + merged.waiting.length : null;
          // What did not change stays the same object, so the views that read only it do not
          // re-render: usually an alert arrived above the loaded rows and only `waiting` grew.
          const rows = sameItems(merged.rows, state.rows) ? state.rows : merged.rows;
          const gone = sameItems([...merged.gone], [...state.gone]) ? state.gone : merged.gone;
          const waiting = sameItems(merged.waiting, state.waiting) ? state.waiting : merged.waiting;
          if (
            rows === state.rows &&
            gone === state.gone &&
            waiting === state.waiting &&
            total === state.total
          )
            return state;
          return { rows, gone, waiting, total };
        });
      };
      // An answer that comes while the technician scrolls waits too: the merge re-renders the rows.
      call(query, null, limit, controller.signal).then(
        (page) => afterScrollSettles(() => apply(page)),
        (e: unknown) => fail(mine, e),
      );
    };

    // A storm changes the cache many times a second: one in-place refresh at a time, at most one a second.
    const inPlaceRefresh = throttledRefresh(() => refreshInPlace(inPlace!));
    const refreshNow = (): void => (inPlace ? inPlaceRefresh.request() : loadFirst());

    return {
      query: null,
      rows: [],
      total: null,
      nextCursor: null,
      loading: false,
      error: null,
      lastQueryMs: null,
      gone: new Set(),
      waiting: [],
      setQuery: (query) => {
        set({ query });
        loadFirst();
      },
      reload: loadFirst,
      refresh: () => afterScrollSettles(refreshNow),
      ensureLoaded: loadUntil,
    };
  });
}

const sameItems = <T>(a: readonly T[], b: readonly T[]): boolean =>
  a.length === b.length && a.every((item, i) => item === b[i]);
