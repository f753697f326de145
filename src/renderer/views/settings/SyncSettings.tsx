import { useEffect, useState } from 'react';
import type { SyncRun, SyncStatus } from '../../../shared/contract/sync';
import { PagedTable } from '../../components/PagedTable';
import type { Column } from '../../components/VirtualTable';
import { RelativeTime } from '../../format/RelativeTime';
import { warningSummary, warningsSummary } from '../../format/sync-warnings';
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
  {
    key: 'notes',
    label: 'Error or warnings',
    width: '2fr',
    render: (r) => r.errorMessage ?? warningsSummary(r.warnings),
  },
];

/** One run's error and warnings in full (a row of the history opens it). */
function RunDetails({ run }: { run: SyncRun }) {
  return (
    <section className="run-details" aria-label={`Sync run ${run.id}`}>
      <h3>
        Run {run.id}: {run.kind}, <span className={`run-${run.state}`}>{run.state}</span>,{' '}
        <RelativeTime value={run.startedAt} />
      </h3>
      {run.errorMessage ? <p className="run-failed">{run.errorMessage}</p> : null}
      {run.warnings.length > 0 ? (
        <ul>
          {run.warnings.map((w) => (
            <li key={`${w.family}-${w.code}`}>
              <strong>{warningSummary(w)}</strong> {w.message}
            </li>
          ))}
        </ul>
      ) : run.errorMessage ? null : (
        <p className="muted">Nothing to report: every part of NinjaOne was read.</p>
      )}
    </section>
  );
}

/** A whole number setting, saved when the field loses focus with a value that differs. */
function NumberSetting(props: {
  label: string;
  value: number;
  min: number;
  max: number;
  save(value: number): void;
}) {
  return (
    <label>
      {props.label}
      <input
        type="number"
        min={props.min}
        max={props.max}
        defaultValue={props.value}
        onBlur={(e) => {
          const value = Math.min(
            props.max,
            Math.max(props.min, Math.round(Number(e.target.value) || props.value)),
          );
          if (value !== props.value) props.save(value);
        }}
      />
    </label>
  );
}

/** The schedule (incremental interval, daily full reconcile), the deletion guard and the history of runs. */
export function SyncSettings() {
  const status = useSyncStatus((s) => s.status);
  const toast = useToasts((s) => s.show);
  const [opened, setOpened] = useState<SyncRun | null>(null);
  const lastRun = status?.lastRun ? `${status.lastRun.id}:${status.lastRun.state}` : null;
  // A run that started or ended (scheduled or not) shows up in the history at once.
  useEffect(() => {
    if (lastRun !== null) useSyncHistory.getState().reload();
  }, [lastRun]);
  const configure = (
    change: { intervalMinutes?: number; fullReconcileHours?: number; deletionGuardPercent?: number },
    said: (s: SyncStatus) => string,
  ): void => {
    consoleClient()
      .call('sync.configure', change)
      .then((s) => toast('success', said(s)))
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
          <NumberSetting
            label="Check NinjaOne for changes every (minutes)"
            value={status.intervalMinutes}
            min={1}
            max={1440}
            save={(intervalMinutes) =>
              configure(
                { intervalMinutes },
                (s) => `Syncing every ${s.intervalMinutes} minute${s.intervalMinutes === 1 ? '' : 's'}`,
              )
            }
          />
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
      {status ? (
        <div className="form-row">
          <NumberSetting
            label="Hold a full sync's deletions above (percent of the fleet)"
            value={status.deletionGuardPercent}
            min={1}
            max={100}
            save={(deletionGuardPercent) =>
              configure(
                { deletionGuardPercent },
                (s) =>
                  `Deletions of more than ${s.deletionGuardPercent}% of the fleet wait for your confirmation`,
              )
            }
          />
          <span className="muted">
            Devices NinjaOne stops listing are deleted at the next full sync, unless they are more than this
            or a whole organization&apos;s: then the dashboard asks first.
          </span>
        </div>
      ) : null}
      <div className="history-table">
        <PagedTable
          label="Sync history"
          store={useSyncHistory}
          query={{}}
          columns={columns}
          rowKey={(r) => String(r.id)}
          onOpen={(r) => setOpened(r)}
          selectedKey={opened ? String(opened.id) : null}
          empty="No sync has run yet."
        />
      </div>
      {opened ? <RunDetails run={opened} /> : null}
    </section>
  );
}
