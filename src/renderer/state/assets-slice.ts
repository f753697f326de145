import { create } from 'zustand';
import type { AssetFilter, AssetSort } from '../../shared/contract/assets';
import { createPagedList } from './paged-list';
import { createSelection } from './selection';

/** The device list's rows, loaded in keyset pages. */
export const useAssetList = createPagedList('assets.list');

/** Devices chosen for a bulk action, by id; kept while the list is filtered or scrolled. */
export const useAssetSelection = createSelection<number>();

interface AssetsViewState {
  search: string;
  filter: Omit<AssetFilter, 'search'>;
  sort: AssetSort;
  setSearch(search: string): void;
  setFilter(filter: Omit<AssetFilter, 'search'>): void;
  setSort(sort: AssetSort): void;
  /**
   * Replaces the whole query, search included: what a drill-down from another view means ("the
   * offline devices"), whatever was last typed here.
   */
  openQuery(query: AssetFilter): void;
  /** Re-runs the current query (after a sync changed the cache). */
  refresh(): void;
}

/** What the technician asked for in the assets view: search text, filters and sort. */
export const useAssetsView = create<AssetsViewState>((set, get) => {
  const apply = (): void => {
    const { search, filter, sort } = get();
    const text = search.trim();
    useAssetList.getState().setQuery({ filter: text ? { ...filter, search: text } : filter, sort });
  };
  return {
    search: '',
    filter: {},
    sort: { field: 'name', direction: 'asc' },
    setSearch: (search) => {
      set({ search });
      apply();
    },
    setFilter: (filter) => {
      set({ filter });
      apply();
    },
    setSort: (sort) => {
      set({ sort });
      apply();
    },
    openQuery: ({ search, ...filter }) => {
      set({ search: search ?? '', filter });
      apply();
    },
    refresh: apply,
  };
});
