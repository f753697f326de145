import { RelativeTime } from '../format/RelativeTime';
import { warningsSummary } from '../format/sync-warnings';
import { consoleClient } from '../rpc/client';
import { useNavigation } from '../state/navigation-slice';
import { useSyncStatus } from '../state/sync-slice';
import { errorText, useToasts } from '../state/toasts-slice';

function phaseLabel(phase: string): string {
  return phase.replaceAll('-', ' ').replaceAll('_', ' ');
}

/**
 * The footer's sync part: how old the data is, a progress bar while a sync runs, and "Sync now".
 * Everything keeps working from the cache whatever this says.
 */
export function SyncStatusBar() {
  const status = useSyncStatus((s) => s.status);
  const progress = useSyncStatus((s) => s.progress);
  const navigate = useNavigation((s) => s.navigate);
  const toast = useToasts((s) => s.show);
  if (!status) return null;
  const syncNow = (): void => {
    consoleClient()
      .call('sync.now', {})
      .then((run) => {
        const counts = `${run.added} added, ${run.changed} changed, ${run.removed} removed`;
        if (run.state === 'succeeded') toast('success', `Sync finished: ${counts}`);
        else if (run.state === 'partial')
          toast('info', `Sync finished without some parts (${warningsSummary(run.warnings)}): ${counts}`);
        else toast('error', `Sync ${run.state}: ${run.errorMessage ?? ''}`);
      })
      .catch((e: unknown) => toast('error', errorText(e)));
  };
  if (status.state === 'not_connected') {
    return (
      <span className="sync-status">
        Not connected to NinjaOne ·{' '}
        <button type="button" className="link-button" onClick={() => navigate('settings')}>
          Connect
        </button>
      </span>
    );
  }
  if (status.state === 'running' && progress) {
    const percent = progress.total ? Math.min(100, Math.round((100 * progress.done) / progress.total)) : null;
    return (
      <span className="sync-status" role="status" aria-label="Sync progress">
        Syncing {phaseLabel(progress.phase)} {progress.done.toLocaleString()}
        {progress.total !== null ? ` / ${progress.total.toLocaleString()}` : ''}
        {progress.rate ? ` · ${Math.round(progress.rate).toLocaleString()}/s` : ''}
        <progress max={100} value={percent ?? undefined} aria-label="Sync progress" />
        <button
          type="button"
          className="link-button"
          onClick={() => void consoleClient().call('sync.cancel', {})}
        >
          Cancel
        </button>
      </span>
    );
  }
  return (
    <span className="sync-status">
      {status.state === 'paused_offline'
        ? 'NinjaOne unreachable'
        : status.state === 'backing_off'
          ? 'Last sync failed'
          : status.lastRun?.state === 'partial'
            ? 'Synced, with parts skipped,'
            : 'Synced'}{' '}
      <RelativeTime value={status.lastSuccessAt} empty="never" />
      {status.state === 'backing_off' && status.lastRun?.errorMessage
        ? ` · ${status.lastRun.errorMessage}`
        : ''}{' '}
      ·{' '}
      <button type="button" className="link-button" onClick={syncNow}>
        Sync now
      </button>
    </span>
  );
}

/** Shown above every view while NinjaOne cannot be reached: the console keeps working from the cache. */
export function OfflineBanner() {
  const status = useSyncStatus((s) => s.status);
  if (status?.state !== 'paused_offline') return null;
  return (
    <div className="offline-banner" role="status">
      Offline: NinjaOne cannot be reached. You are looking at data from{' '}
      <RelativeTime value={status.lastSuccessAt} empty="before the first sync" />; the console syncs again as
      soon as the network returns.
    </div>
  );
}
