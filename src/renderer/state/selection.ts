import { useEffect } from 'react';
import { create, type StoreApi, type UseBoundStore } from 'zustand';

export interface SelectionState<K> {
  /** The rows chosen for a bulk action, by key. Kept while the list reloads, sorts or scrolls. */
  selected: Set<K>;
  /** What the selection was made in (a drill-down's query); another one starts empty. */
  scope: string | null;
  toggle(key: K): void;
  selectOnly(keys: readonly K[]): void;
  /** The list now shows `scope`: the same one keeps the selection, another clears it. */
  scopeTo(scope: string): void;
}

export type SelectionStore<K> = UseBoundStore<StoreApi<SelectionState<K>>>;

/** A selection of one list: its own store, so a row's checkbox re-renders only when that row changes. */
export function createSelection<K>(): SelectionStore<K> {
  return create<SelectionState<K>>((set) => ({
    selected: new Set(),
    scope: null,
    toggle: (key) =>
      set((s) => {
        const selected = new Set(s.selected);
        if (!selected.delete(key)) selected.add(key);
        return { selected };
      }),
    selectOnly: (keys) => set({ selected: new Set(keys) }),
    scopeTo: (scope) => set((s) => (s.scope === scope ? s : { scope, selected: new Set() })),
  }));
}

/**
 * Ties a drill-down's selection to what it drills into (a patch, a title, a question): devices picked
 * for one patch are not silently carried to the next. A live refresh or a new sort of the same
 * drill-down keeps them.
 */
export function useSelectionScope<K>(selection: SelectionStore<K>, scope: object): void {
  const key = JSON.stringify(scope);
  useEffect(() => selection.getState().scopeTo(key), [selection, key]);
}
