import { useEffect } from 'react';
import type { SyncRun } from '../../../shared/contract/sync';
import { PagedTable } from '../../components/PagedTable';
import type { Column } from '../../components/VirtualTable';
import { RelativeTime } from '../../format/RelativeTime';
import { consoleClient } from '../../rpc/client';
import { createPagedList } from '../../state/paged-list';
import { useSyncStatus } from '../../state/sync-slice';
import { errorText, useToasts } from '../../state/toasts-slice';

const useSyncHistory = createPagedList('sync.history', { first: 50, next: 100 });

const columns: Column<SyncRun>[] = [
  { key: 'started', label: 'Started', width: '1.1fr', render: (r) => <RelativeTime value={r.startedAt} /> },
  { key: 'kind', label: 'Kind', width: '0.9fr', render: (r) => r.kind },
  {
    key: 'state',
    label: 'Result',
    width: '0.9fr',
    render: (r) => <span className={`run-${r.state}`}>{r.state}</span>,
  },
  {
    key: 'duration',
    label: 'Took',
    width: '0.7fr',
    render: (r) => (r.durationMs === null ? '—' : `${(r.durationMs / 1000).toFixed(1)} s`),
  },
  {
    key: 'counts',
    label: 'Added / changed / removed',
    width: '1.5fr',
    render: (r) => `${r.added} / ${r.changed} / ${r.removed}`,
  },
  { key: 'quarantined', label: 'Quarantined', width: '0.9fr', render: (r) => r.quarantined },
  { key: 'calls', label: 'API calls', width: '0.8fr', render: (r) => r.apiCalls },
  { key: 'error', label: 'Error', width: '2fr', render: (r) => r.errorMessage ?? '' },
];

/** The schedule (incremental interval, daily full reconcile) and the history of runs. */
export function SyncSettings() {
  const status = useSyncStatus((s) => s.status);
  const toast = useToasts((s) => s.show);
  const lastRun = status?.lastRun ? `${status.lastRun.id}:${status.lastRun.state}` : null;
  // A run that started or ended (scheduled or not) shows up in the history at once.
  useEffect(() => {
    if (lastRun !== null) useSyncHistory.getState().reload();
  }, [lastRun]);
  const configure = (change: { intervalMinutes?: number; fullReconcileHours?: number }): void => {
    consoleClient()
      .call('sync.configure', change)
      .then((s) =>
        toast('success', `Syncing every ${s.intervalMinutes} minute${s.intervalMinutes === 1 ? '' : 's'}`),
      )
      .catch((e: unknown) => toast('error', errorText(e)));
  };
  const run = (kind: 'full' | 'incremental'): void => {
    void consoleClient()
      .call('sync.now', { kind })
      .then(() => useSyncHistory.getState().reload())
      .catch((e: unknown) => toast('error', errorText(e)));
  };
  return (
    <section className="card settings-card wide" aria-labelledby="sync-title">
      <h2 id="sync-title">Sync</h2>
      {status ? (
        <div className="form-row">
          <label>
            Check NinjaOne for changes every (minutes)
            <input
              type="number"
              min={1}
              max={1440}
              defaultValue={status.intervalMinutes}
              onBlur={(e) => {
                const minutes = Math.max(1, Math.round(Number(e.target.value) || 1));
                if (minutes !== status.intervalMinutes) configure({ intervalMinutes: minutes });
              }}
            />
          </label>
          {status.nextRunAt ? (
            <span className="muted">
              Next: <RelativeTime value={status.nextRunAt} />
            </span>
          ) : null}
          <button
            type="button"
            onClick={() => run('incremental')}
            disabled={status.state === 'not_connected' || status.state === 'running'}
          >
            Sync changes now
          </button>
          <button
            type="button"
            onClick={() => run('full')}
            disabled={status.state === 'not_connected' || status.state === 'running'}
          >
            Full sync now
          </button>
        </div>
      ) : null}
      <div className="history-table">
        <PagedTable
          label="Sync history"
          store={useSyncHistory}
          query={{}}
          columns={columns}
          rowKey={(r) => String(r.id)}
          empty="No sync has run yet."
        />
      </div>
    </section>
  );
}
