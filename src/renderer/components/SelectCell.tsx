import type { SelectionStore } from '../state/selection';
import type { Column } from './VirtualTable';

/**
 * The checkbox column a list with bulk actions starts with ("Select device", "Select alert"). A plain
 * checkbox: the table reads the selection once for all its rows (`checks`), so a row builds no
 * component of its own for it while the list scrolls.
 */
export function selectColumn<Row, K>(
  selection: SelectionStore<K>,
  keyOf: (row: Row) => K,
  label: string,
): Column<Row> {
  return {
    key: 'select',
    label: '',
    width: '32px',
    checks: { selection: selection as SelectionStore<unknown>, keyOf },
    render: (row, { checked }) => (
      <input
        type="checkbox"
        aria-label={label}
        // The row is the list's one Tab stop; x selects from the keyboard.
        tabIndex={-1}
        checked={checked}
        onClick={(e) => e.stopPropagation()}
        onChange={() => selection.getState().toggle(keyOf(row))}
      />
    ),
  };
}
