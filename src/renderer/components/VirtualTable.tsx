import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { useStore } from 'zustand';
import { assignRowSlots, type RowSlots } from '../../shared/row-slots';
import { createSelection, type SelectionStore } from '../state/selection';

/** What the table knows of a row beyond its data, for the cells that show it. */
export interface RowState {
  /** Chosen for a bulk action (the list's selection; see `Column.checks`). */
  checked: boolean;
  /** The view's `rowClassName` for the row ("new", "gone"...), empty when it has none. */
  mark: string;
}

export interface Column<Row> {
  key: string;
  label: string;
  /** Its share of the width (`2fr`) or a fixed width (`32px`). */
  width: string;
  render(row: Row, state: RowState): ReactNode;
  /**
   * The selection this column shows (the checkbox column, `selectColumn`). The table reads it once
   * and hands each row its `checked`, rather than every row on screen watching the selection itself.
   */
  checks?: { selection: SelectionStore<unknown>; keyOf(row: Row): unknown };
  /** When set, the header is a button that sorts by this field. */
  sortField?: string;
  /** Pixels below which the column is cut; 80 unless set. */
  minWidth?: number;
  /**
   * When the table is too narrow for every column, the highest numbers go first; columns without
   * one are never dropped.
   */
  dropOrder?: number;
}

/** Keys a view adds to its rows (x select, t ticket, e mark seen); true when it handled the key. */
export type RowKeyHandler<Row> = (row: Row, key: string) => boolean;

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
  /** A class for the row ("new", "gone"); its cells get it as `mark`. */
  rowClassName?(row: Row): string;
  onRowKey?: RowKeyHandler<Row>;
  testId?: string;
}

const ROW_HEIGHT = 32;
const DEFAULT_MIN_WIDTH = 80;

/** The columns that fit in `width` pixels: the ones that drop first go until the rest fit. */
export function columnsThatFit<Row>(columns: Column<Row>[], width: number): Column<Row>[] {
  const min = (c: Column<Row>): number =>
    c.width.endsWith('px') ? Number.parseFloat(c.width) : (c.minWidth ?? DEFAULT_MIN_WIDTH);
  const kept = [...columns];
  const droppable = columns
    .filter((c) => c.dropOrder !== undefined)
    .sort((a, b) => b.dropOrder! - a.dropOrder!);
  let total = kept.reduce((sum, c) => sum + min(c), 0);
  for (const column of droppable) {
    if (total <= width) break;
    kept.splice(kept.indexOf(column), 1);
    total -= min(column);
  }
  return kept;
}

const gridTemplateOf = <Row,>(columns: Column<Row>[]): string =>
  columns
    .map((c) =>
      c.width.endsWith('fr') ? `minmax(${c.minWidth ?? DEFAULT_MIN_WIDTH}px, ${c.width})` : c.width,
    )
    .join(' ');
const estimateSize = (): number => ROW_HEIGHT;
/** Rows requested ahead of the last visible one, so pages arrive before the technician reaches them. */
const PREFETCH = 400;

interface RowProps<Row> {
  row: Row | undefined;
  rowKey: string | null;
  index: number;
  start: number;
  selected: boolean;
  /** The one row Tab reaches (roving tabindex): Tab enters the list once, j/k move inside it. */
  active: boolean;
  columns: Column<Row>[];
  checked: boolean;
  mark: string;
  onOpen(index: number): void;
  onKey(index: number, event: KeyboardEvent): void;
  onFocus(index: number): void;
}

/**
 * One row. Memoized on what it shows, so a page or an alert arriving, or the view re-rendering, leaves
 * alone the rows on screen whose data did not change.
 */
const TableRow = memo(function TableRow<Row>(props: RowProps<Row>) {
  const { row, index, checked, mark } = props;
  const className = `row${row ? '' : ' placeholder'}${props.selected ? ' selected' : ''}${mark ? ' ' + mark : ''}`;
  return (
    <div
      role="row"
      tabIndex={row && props.active ? 0 : -1}
      data-index={index}
      data-row-key={props.rowKey ?? undefined}
      aria-rowindex={index + 2}
      aria-selected={props.selected}
      className={className}
      style={{ height: ROW_HEIGHT, transform: `translateY(${props.start}px)` }}
      onClick={() => props.onOpen(index)}
      onKeyDown={(e) => props.onKey(index, e)}
      onFocus={() => props.onFocus(index)}
    >
      {row ? (
        props.columns.map((c) => (
          <div role="cell" key={c.key} className={`cell cell-${c.key}`}>
            {c.render(row, { checked, mark })}
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

/** The selection of a table without a checkbox column: nothing is ever checked. */
const noSelection = createSelection<unknown>();

/**
 * A table of any length: only the rows on screen exist in the DOM, and scrolling asks ahead for the
 * keyset pages it will need. Rows open with a click or Enter; j/k or the arrow keys move between
 * rows; the view adds its own keys. Columns drop by `dropOrder` when the table is too narrow.
 */
export function VirtualTable<Row>(props: Props<Row>) {
  const { rows, count, ensureLoaded, onOpen, onRowKey } = props;
  const outerRef = useRef<HTMLDivElement>(null);
  const parentRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const outer = outerRef.current;
    if (!outer) return;
    setWidth(outer.clientWidth);
    const observer = new ResizeObserver(([entry]) => setWidth(entry!.contentRect.width));
    observer.observe(outer);
    return () => observer.disconnect();
  }, []);
  const columns = useMemo(
    () => (width === null ? props.columns : columnsThatFit(props.columns, width)),
    [props.columns, width],
  );
  const gridTemplate = useMemo(() => gridTemplateOf(columns), [columns]);
  const checks = props.columns.find((c) => c.checks)?.checks;
  const checkedKeys = useStore(checks?.selection ?? noSelection, (s) => s.selected);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => parentRef.current,
    estimateSize,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const lastVisible = items.at(-1)?.index ?? 0;
  // Each row's element, from the assignment of the frame before (see shared/row-slots.ts); kept in state so
  // that rendering stays a function of what was committed.
  const [committedSlots, setSlots] = useState<RowSlots | null>(null);
  const slots = assignRowSlots(committedSlots, items[0]?.index ?? 0, lastVisible);
  if (slots !== committedSlots) setSlots(slots);

  useEffect(() => {
    if (lastVisible + PREFETCH >= rows.length) ensureLoaded(lastVisible + PREFETCH);
  }, [lastVisible, rows.length, ensureLoaded]);

  // Rows get `open` and `onKey` once: a view passes new callbacks with every render (a page
  // arriving, an alert arriving), and new callbacks would re-render every row on screen with it.
  // They read what they need at the time of the click or key from here.
  const latest = useRef({ rows, count, onOpen, onRowKey });
  useLayoutEffect(() => {
    latest.current = { rows, count, onOpen, onRowKey };
  });
  const [activeIndex, setActiveIndex] = useState(0);
  const active = Math.min(activeIndex, Math.max(0, count - 1));
  // The row that has the keyboard focus, as it was when it got it.
  const focusedIndex = useRef<number | null>(null);
  // The row a key moved to whose element has not taken the focus yet (it does in the next frame).
  // Keys pressed before then start from it: j j k faster than the frames is still one row down.
  const pendingIndex = useRef<number | null>(null);
  const onRowFocus = useCallback((index: number) => {
    focusedIndex.current = index;
    pendingIndex.current = null;
    setActiveIndex(index);
  }, []);
  // A jump hands the row elements other rows (see shared/row-slots.ts): when the element with the focus now
  // shows another row, the focus follows its row, or leaves the list with it, so Enter and the row
  // keys never act on a row the technician did not pick.
  useLayoutEffect(() => {
    const scroller = parentRef.current;
    const focused = document.activeElement;
    if (!(focused instanceof HTMLElement)) return;
    const rowElement = focused.closest<HTMLElement>('[data-index]');
    if (!rowElement || !scroller?.contains(rowElement)) return;
    const index = focusedIndex.current;
    if (index === null || Number(rowElement.dataset.index) === index) return;
    const moved = scroller.querySelector<HTMLElement>(`[data-index="${index}"]`);
    if (moved && focused === rowElement) moved.focus({ preventScroll: true });
    else focused.blur();
  });
  const open = useCallback((index: number) => {
    const { rows, onOpen } = latest.current;
    const row = rows[index];
    if (row && onOpen) onOpen(row);
  }, []);
  const onKey = useCallback(
    (index: number, event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const { rows, count, onRowKey } = latest.current;
      const from = pendingIndex.current ?? index;
      const focus = (target: number): void => {
        if (target < 0 || target >= count) return;
        pendingIndex.current = target;
        setActiveIndex(target);
        virtualizer.scrollToIndex(target);
        requestAnimationFrame(() => {
          const pending = pendingIndex.current;
          if (pending === null) return;
          parentRef.current?.querySelector<HTMLElement>(`[data-index="${pending}"]`)?.focus();
        });
      };
      const row = rows[from];
      if (event.key === 'Enter') open(from);
      else if (event.key === 'ArrowDown' || event.key === 'j') focus(from + 1);
      else if (event.key === 'ArrowUp' || event.key === 'k') focus(from - 1);
      else if (event.key === 'Home') focus(0);
      else if (event.key === 'End') focus(count - 1);
      else if (!(row && onRowKey?.(row, event.key))) return;
      event.preventDefault();
      event.stopPropagation();
    },
    [open, virtualizer],
  );
  // The opened row is the one Tab comes back to. Looked up when the rows or the selection change,
  // not in every scrolled frame: the loaded rows run to the tens of thousands.
  const { rowKey, selectedKey } = props;
  const selectedIndex = useMemo(
    () => (selectedKey ? rows.findIndex((r) => rowKey(r) === selectedKey) : -1),
    [rows, rowKey, selectedKey],
  );
  useEffect(() => {
    if (selectedIndex >= 0) setActiveIndex(selectedIndex);
  }, [selectedIndex]);

  return (
    <div
      ref={outerRef}
      className="vtable"
      role="table"
      aria-label={props.label}
      aria-rowcount={count + 1}
      // Every row's grid reads it (tables.css): set once here, not parsed again for each row.
      style={{ '--vtable-columns': gridTemplate } as React.CSSProperties}
    >
      <div role="rowgroup">
        <div role="row" className="row header-row" aria-rowindex={1}>
          {columns.map((c) => {
            const sorted = props.sort?.field === c.sortField;
            return (
              <div
                role="columnheader"
                key={c.key}
                className="cell header"
                aria-sort={
                  c.sortField
                    ? sorted
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
                    {sorted ? (props.sort?.direction === 'asc' ? ' ▲' : ' ▼') : ''}
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
              <TableRow
                key={slots.keys[item.index - slots.first]}
                row={row}
                rowKey={key}
                index={item.index}
                start={item.start}
                selected={key !== null && key === props.selectedKey}
                active={item.index === active}
                columns={columns}
                checked={row !== undefined && checks !== undefined && checkedKeys.has(checks.keyOf(row))}
                mark={(row && props.rowClassName?.(row)) || ''}
                onOpen={open}
                onKey={onKey}
                onFocus={onRowFocus}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
