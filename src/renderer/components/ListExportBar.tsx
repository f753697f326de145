import type { StoreApi, UseBoundStore } from 'zustand';
import type { ExportRequestInput } from '../../shared/contract/export';
import type { PagedListState } from '../state/paged-list';
import { ExportButton } from './ExportButton';

/**
 * A drill-down list's size and its "Export CSV": the core exports every row of the list's query, not
 * only the rows loaded so far. The size comes with the first page; a list that does not count its
 * rows shows a lower bound ("200+") until its last page is loaded.
 */
export function ListExportBar({
  store,
  noun,
  request,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any paged procedure's store
  store: UseBoundStore<StoreApi<PagedListState<any>>>;
  /** What a row is, singular: "device", "installation". */
  noun: string;
  request: ExportRequestInput;
}) {
  const total = store((s) => s.total);
  const loaded = store((s) => s.rows.length);
  const plural = (n: number): string => `${noun}${n === 1 ? '' : 's'}`;
  return (
    <div className="list-export">
      <span className="result-count" role="status" aria-live="polite">
        {total !== null
          ? `${total.toLocaleString()} ${plural(total)}`
          : loaded
            ? `${loaded.toLocaleString()}+ ${plural(loaded)}`
            : ''}
      </span>
      <ExportButton request={request} label="Export CSV" />
    </div>
  );
}
