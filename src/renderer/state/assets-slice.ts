import { create } from 'zustand';
import type { AssetFilter, AssetRow, AssetSort } from '../../shared/contract/assets';
import { AppError } from '../../shared/rpc/errors';
import { consoleClient } from '../rpc/client';

const FIRST_PAGE = 200;
const NEXT_PAGE = 500;

export interface AssetsState {
  search: string;
  filter: Omit<AssetFilter, 'search'>;
  sort: AssetSort;
  /** Loaded rows, always a prefix of the result (keyset pages arrive in order). */
  rows: AssetRow[];
  total: number | null;
  nextCursor: string | null;
  loading: boolean;
  error: string | null;
  /** Latency of the last first-page load, shown in the status bar and read by the UI benchmark. */
  lastQueryMs: number | null;
  setSearch(search: string): void;
  setFilter(filter: Omit<AssetFilter, 'search'>): void;
  setSort(sort: AssetSort): void;
  reload(): void;
  /** Loads pages in order until row `index` is loaded or the result ends. */
  ensureLoaded(index: number): void;
}

let generation = 0;
let inflight: AbortController | null = null;

export const useAssetsStore = create<AssetsState>((set, get) => {
  const query = (): { filter: AssetFilter; sort: AssetSort } => {
    const { search, filter, sort } = get();
    return { filter: search.trim() ? { ...filter, search: search.trim() } : filter, sort };
  };

  const loadFirst = (): void => {
    inflight?.abort();
    const controller = new AbortController();
    inflight = controller;
    const mine = ++generation;
    const started = performance.now();
    set({ loading: true, error: null });
    consoleClient()
      .call('assets.list', { ...query(), limit: FIRST_PAGE }, { signal: controller.signal })
      .then((page) => {
        if (mine !== generation) return;
        set({
          rows: page.items,
          total: page.total ?? page.items.length,
          nextCursor: page.nextCursor,
          loading: false,
          lastQueryMs: Math.round(performance.now() - started),
        });
      })
      .catch((error: unknown) => {
        if (mine !== generation || (error instanceof AppError && error.code === 'cancelled')) return;
        set({ loading: false, error: error instanceof Error ? error.message : String(error) });
      });
  };

  const loadUntil = (index: number): void => {
    const { rows, nextCursor, loading } = get();
    if (loading || !nextCursor || index < rows.length) return;
    const controller = new AbortController();
    inflight = controller;
    const mine = generation;
    set({ loading: true });
    consoleClient()
      .call(
        'assets.list',
        { ...query(), cursor: nextCursor, limit: NEXT_PAGE },
        { signal: controller.signal },
      )
      .then((page) => {
        if (mine !== generation) return;
        set((state) => ({
          rows: state.rows.concat(page.items),
          nextCursor: page.nextCursor,
          loading: false,
        }));
        loadUntil(index);
      })
      .catch((error: unknown) => {
        if (mine !== generation || (error instanceof AppError && error.code === 'cancelled')) return;
        set({ loading: false, error: error instanceof Error ? error.message : String(error) });
      });
  };

  return {
    search: '',
    filter: {},
    sort: { field: 'name', direction: 'asc' },
    rows: [],
    total: null,
    nextCursor: null,
    loading: false,
    error: null,
    lastQueryMs: null,
    setSearch: (search) => {
      set({ search });
      loadFirst();
    },
    setFilter: (filter) => {
      set({ filter });
      loadFirst();
    },
    setSort: (sort) => {
      set({ sort });
      loadFirst();
    },
    reload: loadFirst,
    ensureLoaded: loadUntil,
  };
});
