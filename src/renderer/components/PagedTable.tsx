import { useEffect } from 'react';
import type { StoreApi, UseBoundStore } from 'zustand';
import type { PagedListState } from '../state/paged-list';
import { VirtualTable, type Column, type RowKeyHandler } from './VirtualTable';

interface Props<Row> {
  label: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any paged procedure's store
  store: UseBoundStore<StoreApi<PagedListState<any>>>;
  /** The query to show; a change reloads the first page. */
  query: object;
  columns: Column<Row>[];
  rowKey(row: Row): string;
  onOpen?(row: Row): void;
  onRowKey?: RowKeyHandler<Row>;
  selectedKey?: string | null;
  empty: string;
  testId?: string;
  /** Sortable columns (those with a `sortField`) call `onSort` from their header. */
  sort?: { field: string; direction: 'asc' | 'desc' };
  onSort?(field: string): void;
}

/** A VirtualTable fed by a keyset-paged list store, with loading, error and empty states. */
export function PagedTable<Row>(props: Props<Row>) {
  const { store, query } = props;
  const rows = store((s) => s.rows) as Row[];
  const total = store((s) => s.total);
  const loading = store((s) => s.loading);
  const asked = store((s) => s.query !== null);
  const error = store((s) => s.error);
  const more = store((s) => s.nextCursor !== null);
  const ensureLoaded = store((s) => s.ensureLoaded);
  const key = JSON.stringify(query);

  useEffect(() => {
    store.getState().setQuery(JSON.parse(key) as object);
  }, [store, key]);

  if (error)
    return (
      <div role="alert" className="error-banner">
        {error}
      </div>
    );
  if (rows.length === 0)
    return loading || !asked ? (
      <p className="muted">Loading…</p>
    ) : (
      <div className="empty-state">{props.empty}</div>
    );
  return (
    <VirtualTable
      label={props.label}
      testId={props.testId}
      columns={props.columns}
      rows={rows}
      count={total ?? rows.length + (more ? 1 : 0)}
      rowKey={props.rowKey}
      ensureLoaded={ensureLoaded}
      onOpen={props.onOpen}
      onRowKey={props.onRowKey}
      selectedKey={props.selectedKey}
      sort={props.sort}
      onSort={props.onSort}
    />
  );
}
