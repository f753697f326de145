import { useState } from 'react';
import { ExportButton } from '../../components/ExportButton';
import { consoleClient } from '../../rpc/client';
import { useAssetList, useAssetsView } from '../../state/assets-slice';
import { errorText, useToasts } from '../../state/toasts-slice';
import { BulkTicketDialog } from '../tickets/BulkTicketDialog';
import { SilenceOptions } from './SilenceControl';

/** What a technician does to the selected devices: tickets, a silence, an export. */
export function AssetBulkBar() {
  const selected = useAssetsView((s) => s.selected);
  const selectOnly = useAssetsView((s) => s.selectOnly);
  const rows = useAssetList((s) => s.rows);
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
      <ExportButton request={{ list: 'assets', ids }} label="Export selection" />
      <button type="button" className="link-button" onClick={() => selectOnly(rows.map((r) => r.id))}>
        Select all loaded
      </button>
      <button type="button" className="link-button" onClick={() => selectOnly([])}>
        Clear selection
      </button>
      {ticketing ? (
        <BulkTicketDialog
          items={ids.map((id) => ({
            key: String(id),
            deviceId: id,
            label: rows.find((r) => r.id === id)?.name ?? `Device ${id}`,
          }))}
          onDone={() => selectOnly([])}
          onClose={() => setTicketing(false)}
        />
      ) : null}
    </div>
  );
}
