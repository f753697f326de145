import { useCallback, useMemo } from 'react';
import type { StoreApi, UseBoundStore } from 'zustand';
import type { ExportRequestInput } from '../../../shared/contract/export';
import { ListExportBar } from '../../components/ListExportBar';
import { PagedTable } from '../../components/PagedTable';
import { selectColumn } from '../../components/SelectCell';
import type { Column } from '../../components/VirtualTable';
import { useNavigation } from '../../state/navigation-slice';
import type { PagedListState } from '../../state/paged-list';
import { useSelectionScope, type SelectionStore } from '../../state/selection';
import { DeviceBulkBar } from './DeviceBulkBar';

interface DeviceRow {
  deviceId: number;
  deviceName: string;
}

/**
 * Devices another view drills into (a patch's devices, a title's installations): the list's size and
 * its export, the bulk bar for the devices selected (a checkbox or x), and the rows, each opening its
 * device. The selection belongs to the drill-down: another patch, title or question starts empty.
 */
export function DeviceDrillDown<Row extends DeviceRow>(props: {
  label: string;
  /** What a row is, singular ("device", "installation"). */
  noun: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any paged procedure's store
  store: UseBoundStore<StoreApi<PagedListState<any>>>;
  selection: SelectionStore<number>;
  /** What is drilled into: the list's query without its sort. */
  query: object;
  sort?: { field: string; direction: 'asc' | 'desc' };
  onSort?(field: string): void;
  /** The list's export: every row of its query, or only these devices. */
  exportRequest(ids?: number[]): ExportRequestInput;
  /** The columns after the checkbox. */
  columns: Column<Row>[];
  rowKey(row: Row): string;
}) {
  const { store, selection } = props;
  const navigate = useNavigation((s) => s.navigate);
  useSelectionScope(selection, props.query);
  const toggle = selection((s) => s.toggle);
  const onRowKey = useCallback(
    (row: Row, key: string): boolean => {
      if (key !== 'x') return false;
      toggle(row.deviceId);
      return true;
    },
    [toggle],
  );
  const columns = useMemo(
    () => [selectColumn(selection, (r: Row) => r.deviceId, 'Select device'), ...props.columns],
    [selection, props.columns],
  );
  const rows = (): Row[] => store.getState().rows as Row[];
  return (
    <>
      <ListExportBar store={store} noun={props.noun} request={props.exportRequest()} />
      <DeviceBulkBar
        selection={selection}
        nameOf={(id) => rows().find((r) => r.deviceId === id)?.deviceName}
        loadedIds={() => [...new Set(rows().map((r) => r.deviceId))]}
        exportSelection={props.exportRequest}
      />
      <PagedTable
        label={props.label}
        store={store}
        query={props.sort ? { ...props.query, sort: props.sort } : props.query}
        sort={props.sort}
        onSort={props.onSort}
        columns={columns}
        rowKey={props.rowKey}
        onOpen={(r) => navigate('assets', String(r.deviceId))}
        onRowKey={onRowKey}
        empty="No device matches."
      />
    </>
  );
}
