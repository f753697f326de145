import { create } from 'zustand';
import type { AlertFilter } from '../../shared/contract/alerts';
import { createPagedList } from './paged-list';

export const useAlertList = createPagedList('alerts.list', { first: 200, next: 500 });

export type AlertGrouping = 'none' | 'device' | 'condition';

interface AlertsViewState {
  filter: AlertFilter;
  grouping: AlertGrouping;
  /** The age window chosen ("last hour"), turned into `createdAfter` when applied. */
  ageMs: number | null;
  /** Selected alert uids for bulk actions. */
  selected: Set<string>;
  setFilter(filter: AlertFilter): void;
  setGrouping(grouping: AlertGrouping): void;
  setAge(ageMs: number | null): void;
  toggle(uid: string): void;
  selectOnly(uids: string[]): void;
  refresh(): void;
}

export const useAlertsView = create<AlertsViewState>((set, get) => ({
  filter: { states: ['open'] },
  grouping: 'none',
  ageMs: null,
  selected: new Set(),
  setFilter: (filter) => {
    set({ filter, selected: new Set() });
    useAlertList.getState().setQuery({ filter });
  },
  setGrouping: (grouping) => set({ grouping }),
  setAge: (ageMs) => {
    set({ ageMs });
    get().setFilter({ ...get().filter, createdAfter: ageMs === null ? undefined : Date.now() - ageMs });
  },
  toggle: (uid) =>
    set((s) => {
      const selected = new Set(s.selected);
      if (selected.has(uid)) selected.delete(uid);
      else selected.add(uid);
      return { selected };
    }),
  selectOnly: (uids) => set({ selected: new Set(uids) }),
  refresh: () => useAlertList.getState().setQuery({ filter: get().filter }),
}));
