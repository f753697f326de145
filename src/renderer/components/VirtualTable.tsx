import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';

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
const estimateSize = (): number => ROW_HEIGHT;
/** Rows requested ahead of the last visible one, so pages arrive before the technician reaches them. */
const PREFETCH = 400;

interface RowProps<Row> {
  row: Row | undefined;
  rowKey: string | null;
  index: number;
  start: number;
  selected: boolean;
  columns: Column<Row>[];
  gridTemplate: string;
  className: string;
  onOpen(index: number): void;
  onKey(index: number, event: KeyboardEvent): void;
}

/**
 * One row. Memoized on its data and position, so a page arriving elsewhere in the list (or a scroll
 * that keeps this row on screen) does not re-render it.
 */
const TableRow = memo(function TableRow<Row>(props: RowProps<Row>) {
  const { row, index } = props;
  return (
    <div
      role="row"
      tabIndex={row ? 0 : -1}
      data-index={index}
      data-row-key={props.rowKey ?? undefined}
      aria-rowindex={index + 2}
      aria-selected={props.selected}
      className={props.className}
      style={{
        gridTemplateColumns: props.gridTemplate,
        height: ROW_HEIGHT,
        transform: `translateY(${props.start}px)`,
      }}
      onClick={() => props.onOpen(index)}
      onKeyDown={(e) => props.onKey(index, e)}
    >
      {row ? (
        props.columns.map((c) => (
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
}) as <Row>(props: RowProps<Row>) => React.JSX.Element;

/**
 * A table of any length: only the rows on screen exist in the DOM, and scrolling asks ahead for the
 * keyset pages it will need. Rows open with a click or Enter; arrow keys move between rows.
 */
export function VirtualTable<Row>(props: Props<Row>) {
  const { columns, rows, count, ensureLoaded, onOpen } = props;
  const parentRef = useRef<HTMLDivElement>(null);
  const gridTemplate = columns.map((c) => c.width).join(' ');
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => parentRef.current,
    estimateSize,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const lastVisible = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (lastVisible + PREFETCH >= rows.length) ensureLoaded(lastVisible + PREFETCH);
  }, [lastVisible, rows.length, ensureLoaded]);

  const rowsRef = useRef(rows);
  useEffect(() => {
    rowsRef.current = rows;
  }, [rows]);
  const open = useCallback(
    (index: number) => {
      const row = rowsRef.current[index];
      if (row && onOpen) onOpen(row);
    },
    [onOpen],
  );
  const onKey = useCallback(
    (index: number, event: KeyboardEvent) => {
      const focus = (target: number): void => {
        if (target < 0 || target >= count) return;
        virtualizer.scrollToIndex(target);
        requestAnimationFrame(() =>
          parentRef.current?.querySelector<HTMLElement>(`[data-index="${target}"]`)?.focus(),
        );
      };
      if (event.key === 'Enter') open(index);
      else if (event.key === 'ArrowDown') focus(index + 1);
      else if (event.key === 'ArrowUp') focus(index - 1);
      else return;
      event.preventDefault();
    },
    [count, open, virtualizer],
  );

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
            const selected = key !== null && key === props.selectedKey;
            const className = `row${row ? '' : ' placeholder'}${selected ? ' selected' : ''}${row && props.rowClassName ? ' ' + props.rowClassName(row) : ''}`;
            return (
              <TableRow
                key={item.key}
                row={row}
                rowKey={key}
                index={item.index}
                start={item.start}
                selected={selected}
                columns={columns}
                gridTemplate={gridTemplate}
                className={className}
                onOpen={open}
                onKey={onKey}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
