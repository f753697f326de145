import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';

export interface Column<Row> {
  key: string;
  label: string;
  width: string;
  render(row: Row): ReactNode;
  /** When set, the header is a button that sorts by this field. */
  sortField?: string;
}

interface Props<Row> {
  label: string;
  columns: Column<Row>[];
  rows: Row[];
  /** Rows in the whole result (the scrollbar covers them all); rows not loaded yet show as loading. */
  count: number;
  rowKey(row: Row): string;
  ensureLoaded(index: number): void;
  onOpen?(row: Row): void;
  selectedKey?: string | null;
  sort?: { field: string; direction: 'asc' | 'desc' };
  onSort?(field: string): void;
  rowClassName?(row: Row): string;
  testId?: string;
}

const ROW_HEIGHT = 32;

/**
 * A table of any length: only the rows on screen exist in the DOM, and scrolling asks for the keyset
 * pages it needs. Rows open with a click or Enter; arrow keys move between rows.
 */
export function VirtualTable<Row>(props: Props<Row>) {
  const { columns, rows, count, ensureLoaded } = props;
  const parentRef = useRef<HTMLDivElement>(null);
  const gridTemplate = columns.map((c) => c.width).join(' ');
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

  const focusRow = (index: number): void => {
    if (index < 0 || index >= count) return;
    virtualizer.scrollToIndex(index);
    requestAnimationFrame(() =>
      parentRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus(),
    );
  };

  return (
    <div className="vtable" role="table" aria-label={props.label} aria-rowcount={count + 1}>
      <div role="rowgroup">
        <div
          role="row"
          className="row header-row"
          style={{ gridTemplateColumns: gridTemplate }}
          aria-rowindex={1}
        >
          {columns.map((c) => {
            const active = props.sort?.field === c.sortField;
            return (
              <div
                role="columnheader"
                key={c.key}
                className="cell header"
                aria-sort={
                  c.sortField
                    ? active
                      ? props.sort?.direction === 'asc'
                        ? 'ascending'
                        : 'descending'
                      : 'none'
                    : undefined
                }
              >
                {c.sortField && props.onSort ? (
                  <button type="button" className="sort-button" onClick={() => props.onSort?.(c.sortField!)}>
                    {c.label}
                    {active ? (props.sort?.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                  </button>
                ) : (
                  c.label
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div ref={parentRef} className="vtable-scroll" data-testid={props.testId}>
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows[item.index];
            const key = row ? props.rowKey(row) : null;
            return (
              <div
                key={item.key}
                role="row"
                tabIndex={row ? 0 : -1}
                data-index={item.index}
                data-row-key={key ?? undefined}
                aria-rowindex={item.index + 2}
                aria-selected={key !== null && key === props.selectedKey}
                className={`row${row ? '' : ' placeholder'}${key !== null && key === props.selectedKey ? ' selected' : ''}${row && props.rowClassName ? ' ' + props.rowClassName(row) : ''}`}
                style={{
                  gridTemplateColumns: gridTemplate,
                  height: ROW_HEIGHT,
                  transform: `translateY(${item.start}px)`,
                }}
                onClick={() => row && props.onOpen?.(row)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && row) props.onOpen?.(row);
                  else if (e.key === 'ArrowDown') focusRow(item.index + 1);
                  else if (e.key === 'ArrowUp') focusRow(item.index - 1);
                  else return;
                  e.preventDefault();
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
