import { RelativeTime } from '../../format/RelativeTime';
import { warningSummary } from '../../format/sync-warnings';
import { useQuery } from '../../rpc/use-query';
import { useNavigation } from '../../state/navigation-slice';
import { useSyncStatus } from '../../state/sync-slice';

const syncLabels = {
  not_connected: 'not connected',
  idle: 'up to date',
  running: 'syncing now',
  backing_off: 'last sync failed, retrying',
  paused_offline: 'NinjaOne unreachable',
} as const;

/** Where the data comes from and how fresh it is: NinjaOne and its sync, the relay, Alga PSA. */
export function ConnectionsCard() {
  const ninja = useQuery('ninjaone.status', {}, { refreshOnEvents: ['ninjaone.statusChanged'] });
  const psa = useQuery('psa.status', {}, { refreshOnEvents: ['psa.statusChanged'] });
  const relay = useQuery('relay.status', {}, { refreshOnEvents: ['relay.statusChanged'] });
  const sync = useSyncStatus((s) => s.status);
  const navigate = useNavigation((s) => s.navigate);
  const lastRun = sync?.lastRun ?? null;
  const warnings = lastRun && lastRun.state !== 'running' ? lastRun.warnings : [];
  return (
    <section className="card" aria-label="Connections">
      <h2>Connections</h2>
      <dl className="fields">
        <dt>NinjaOne</dt>
        <dd>
          {ninja.data
            ? ninja.data.state === 'connected'
              ? ninja.data.host
              : ninja.data.state.replaceAll('_', ' ')
            : '…'}
        </dd>
        <dt>Sync</dt>
        <dd>
          {sync
            ? sync.state === 'idle' && lastRun?.state === 'partial'
              ? 'up to date, except what the last sync skipped'
              : syncLabels[sync.state]
            : '…'}
          {sync?.lastSuccessAt ? (
            <>
              {' '}
              · data from <RelativeTime value={sync.lastSuccessAt} />
            </>
          ) : null}
        </dd>
        <dt>Relay</dt>
        <dd>
          {relay.data ? relay.data.state.replaceAll('_', ' ') : '…'}
          {relay.data?.lastEventAt ? (
            <>
              {' '}
              · last event <RelativeTime value={relay.data.lastEventAt} />
            </>
          ) : null}
        </dd>
        <dt>Alga PSA</dt>
        <dd>
          {psa.data
            ? psa.data.configured
              ? `${psa.data.host ?? ''} · ${psa.data.health.state}`
              : 'not connected'
            : '…'}
        </dd>
      </dl>
      {warnings.length > 0 ? (
        <div className="sync-warnings">
          <h3>{lastRun?.state === 'partial' ? 'The last sync skipped' : 'The last sync noted'}</h3>
          <ul>
            {warnings.map((w) => (
              <li key={`${w.family}-${w.code}`}>
                <strong>{warningSummary(w)}</strong>
                <span>{w.message}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <button type="button" className="link-button" onClick={() => navigate('settings')}>
        Manage connections
      </button>
    </section>
  );
}
