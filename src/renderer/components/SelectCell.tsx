import type { SelectionStore } from '../state/selection';
import type { Column } from './VirtualTable';

function SelectCell<K>({ selection, id, label }: { selection: SelectionStore<K>; id: K; label: string }) {
  const selected = selection((s) => s.selected.has(id));
  const toggle = selection((s) => s.toggle);
  return (
    <input
      type="checkbox"
      aria-label={label}
      // The row is the list's one Tab stop; x selects from the keyboard.
      tabIndex={-1}
      checked={selected}
      onClick={(e) => e.stopPropagation()}
      onChange={() => toggle(id)}
    />
  );
}

/** The checkbox column a list with bulk actions starts with ("Select device", "Select alert"). */
export function selectColumn<Row, K>(
  selection: SelectionStore<K>,
  keyOf: (row: Row) => K,
  label: string,
): Column<Row> {
  return {
    key: 'select',
    label: '',
    width: '32px',
    render: (row) => <SelectCell selection={selection} id={keyOf(row)} label={label} />,
  };
}
