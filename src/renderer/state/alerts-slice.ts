import { create } from 'zustand';
import type { AlertFilter, AlertRow } from '../../shared/contract/alerts';
import { createPagedList } from './paged-list';
import { createSelection } from './selection';

/**
 * The triage queue, newest first. Kept in place: alerts arriving or resetting while the technician
 * points at the list never move its rows; arrivals wait behind the "N new alerts" bar.
 */
export const useAlertList = createPagedList(
  'alerts.list',
  { first: 200, next: 500 },
  {
    key: (a: AlertRow) => a.uid,
    // As the cache sorts: created_at DESC, uid DESC.
    compare: (a: AlertRow, b: AlertRow) =>
      b.createdAt - a.createdAt || (a.uid < b.uid ? 1 : a.uid > b.uid ? -1 : 0),
  },
);

/**
 * Selected alert uids for bulk actions. Kept through filters and grouping: narrowing the list to find
 * more alerts to act on must not drop those already picked.
 */
export const useAlertSelection = createSelection<string>();

export type AlertGrouping = 'none' | 'device' | 'condition';

interface AlertsViewState {
  filter: AlertFilter;
  grouping: AlertGrouping;
  /** The age window chosen ("last hour"), turned into `createdAfter` when applied. */
  ageMs: number | null;
  setFilter(filter: AlertFilter): void;
  /** Replaces the whole query (a drill-down from the dashboard or a notification): no age, no grouping. */
  openQuery(filter: AlertFilter): void;
  setGrouping(grouping: AlertGrouping): void;
  setAge(ageMs: number | null): void;
  /** Loads the list for the current query from its first page. */
  apply(): void;
}

export const useAlertsView = create<AlertsViewState>((set, get) => ({
  filter: { states: ['open'] },
  grouping: 'none',
  ageMs: null,
  setFilter: (filter) => {
    set({ filter });
    useAlertList.getState().setQuery({ filter });
  },
  openQuery: (filter) => {
    set({ ageMs: null, grouping: 'none' });
    get().setFilter(filter);
  },
  setGrouping: (grouping) => set({ grouping }),
  setAge: (ageMs) => {
    set({ ageMs });
    get().setFilter({ ...get().filter, createdAfter: ageMs === null ? undefined : Date.now() - ageMs });
  },
  apply: () => useAlertList.getState().setQuery({ filter: get().filter }),
}));
