import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { AssetRow, AssetSort } from '../../../shared/contract/assets';
import { RelativeTime } from '../../format/RelativeTime';
import { useAssetsStore } from '../../state/assets-slice';

const ROW_HEIGHT = 32;

interface Column {
  key: string;
  label: string;
  sort?: AssetSort['field'];
  width: string;
  render(row: AssetRow): React.ReactNode;
}

const columns: Column[] = [
  { key: 'name', label: 'Name', sort: 'name', width: '2fr', render: (r) => r.name },
  {
    key: 'org',
    label: 'Organization',
    sort: 'organization',
    width: '1.4fr',
    render: (r) => r.organizationName ?? '—',
  },
  {
    key: 'type',
    label: 'Type',
    sort: 'assetType',
    width: '1fr',
    render: (r) => r.assetType.replace('_', ' '),
  },
  {
    key: 'status',
    label: 'Status',
    sort: 'status',
    width: '0.8fr',
    render: (r) => <span className={`status status-${r.agentStatus}`}>{r.agentStatus}</span>,
  },
  {
    key: 'contact',
    label: 'Last contact',
    sort: 'lastContact',
    width: '1fr',
    render: (r) => <RelativeTime value={r.lastContact} />,
  },
  { key: 'os', label: 'OS', sort: 'os', width: '1.4fr', render: (r) => r.osName ?? '—' },
  { key: 'user', label: 'Last user', width: '1.2fr', render: (r) => r.lastUser ?? '—' },
  { key: 'ip', label: 'IP', width: '1fr', render: (r) => r.ipAddresses[0] ?? '—' },
  {
    key: 'alerts',
    label: 'Alerts',
    sort: 'alerts',
    width: '0.6fr',
    render: (r) => (r.alertCount ? r.alertCount : ''),
  },
  { key: 'patches', label: 'Patches', width: '0.8fr', render: (r) => r.patchState.replaceAll('_', ' ') },
];

const gridTemplate = columns.map((c) => c.width).join(' ');

function SortHeader({ column }: { column: Column }) {
  const sort = useAssetsStore((s) => s.sort);
  const setSort = useAssetsStore((s) => s.setSort);
  if (!column.sort) {
    return (
      <div role="columnheader" className="cell header">
        {column.label}
      </div>
    );
  }
  const active = sort.field === column.sort;
  const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
  const field = column.sort;
  return (
    <div role="columnheader" aria-sort={ariaSort} className="cell header">
      <button
        type="button"
        className="sort-button"
        onClick={() => setSort({ field, direction: active && sort.direction === 'asc' ? 'desc' : 'asc' })}
      >
        {column.label}
        {active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
      </button>
    </div>
  );
}

/** Every device in one scrolling table; only the rows on screen exist in the DOM. */
export function AssetList() {
  const rows = useAssetsStore((s) => s.rows);
  const total = useAssetsStore((s) => s.total);
  const ensureLoaded = useAssetsStore((s) => s.ensureLoaded);
  const parentRef = useRef<HTMLDivElement>(null);
  const count = total ?? rows.length;

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
  });
  const items = virtualizer.getVirtualItems();
  const lastVisible = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (lastVisible >= rows.length) ensureLoaded(lastVisible + 100);
  }, [lastVisible, rows.length, ensureLoaded]);

  return (
    <div className="asset-table" role="table" aria-label="Devices" aria-rowcount={count + 1}>
      <div role="rowgroup">
        <div
          role="row"
          className="row header-row"
          style={{ gridTemplateColumns: gridTemplate }}
          aria-rowindex={1}
        >
          {columns.map((c) => (
            <SortHeader key={c.key} column={c} />
          ))}
        </div>
      </div>
      <div ref={parentRef} className="asset-scroll" data-testid="asset-scroll">
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows[item.index];
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className={`row${row ? '' : ' placeholder'}`}
                data-device-id={row?.id}
                style={{
                  gridTemplateColumns: gridTemplate,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                }}
              >
                {row ? (
                  columns.map((c) => (
                    <div role="cell" key={c.key} className={`cell cell-${c.key}`}>
                      {c.render(row)}
                    </div>
                  ))
                ) : (
                  <div role="cell" className="cell">
                    Loading…
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
