import { useState } from 'react';
import type { ExportRequestInput } from '../../../shared/contract/export';
import { ExportButton } from '../../components/ExportButton';
import { consoleClient } from '../../rpc/client';
import type { SelectionStore } from '../../state/selection';
import { errorText, useToasts } from '../../state/toasts-slice';
import { BulkTicketDialog } from '../tickets/BulkTicketDialog';
import { SilenceOptions } from './SilenceControl';

/**
 * What a technician does to the devices selected in a list (assets, a patch's devices, a title's
 * installations): tickets, one per device; a silence; an export of the selection.
 */
export function DeviceBulkBar({
  selection,
  nameOf,
  loadedIds,
  exportSelection,
}: {
  selection: SelectionStore<number>;
  /** A selected device's name, when the list has its row loaded. */
  nameOf(id: number): string | undefined;
  /** The devices of the rows loaded so far ("Select all loaded"). */
  loadedIds(): number[];
  /** The list's export, narrowed to these devices. */
  exportSelection(ids: number[]): ExportRequestInput;
}) {
  const selected = selection((s) => s.selected);
  const selectOnly = selection((s) => s.selectOnly);
  const toast = useToasts((s) => s.show);
  const [ticketing, setTicketing] = useState(false);
  if (!selected.size) return null;
  const ids = [...selected];
  const silence = (minutes: number): void => {
    void Promise.allSettled(ids.map((id) => consoleClient().call('assets.silence', { id, minutes }))).then(
      (results) => {
        const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        const done = results.filter((r) => r.status === 'fulfilled').length;
        toast(
          refused ? 'error' : 'success',
          `${done} device${done === 1 ? '' : 's'} silenced${refused ? `; some refused: ${errorText(refused.reason)}` : ''}`,
        );
      },
    );
  };
  return (
    <div className="bulk-bar" role="toolbar" aria-label="Bulk actions">
      <span>{selected.size} selected</span>
      <button type="button" onClick={() => setTicketing(true)}>
        Create tickets
      </button>
      <select
        aria-label="Silence selected devices for"
        value=""
        onChange={(e) => {
          const minutes = Number(e.target.value);
          if (minutes) silence(minutes);
        }}
      >
        <SilenceOptions />
      </select>
      <ExportButton request={exportSelection(ids)} label="Export selection" />
      <button type="button" className="link-button" onClick={() => selectOnly(loadedIds())}>
        Select all loaded
      </button>
      <button type="button" className="link-button" onClick={() => selectOnly([])}>
        Clear selection
      </button>
      {ticketing ? (
        <BulkTicketDialog
          items={ids.map((id) => ({ key: String(id), deviceId: id, label: nameOf(id) ?? `Device ${id}` }))}
          onDone={() => selectOnly([])}
          onClose={() => setTicketing(false)}
        />
      ) : null}
    </div>
  );
}
