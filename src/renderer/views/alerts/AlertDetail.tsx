import { RelativeTime } from '../../format/RelativeTime';
import { useQuery } from '../../rpc/use-query';
import { useNavigation } from '../../state/navigation-slice';
import { ticketLabel } from '../../format/ticket';

export function AlertDetail({ uid }: { uid: string }) {
  const navigate = useNavigation((s) => s.navigate);
  const alert = useQuery('alerts.get', { uid }, { refreshOn: ['alerts', 'alert_ticket_ledger'] });
  const a = alert.data;
  return (
    <aside className="detail" aria-label="Alert detail">
      <header className="detail-header">
        <h2>{a ? (a.conditionName ?? a.subject ?? 'Alert') : 'Loading…'}</h2>
        <button type="button" aria-label="Close detail" onClick={() => navigate('alerts')}>
          ×
        </button>
      </header>
      {alert.error ? (
        <div role="alert" className="error-banner">
          {alert.error}
        </div>
      ) : null}
      {a ? (
        <>
          <p>
            <span className={`severity severity-${a.severity}`}>{a.severity.toLowerCase()}</span> {a.message}
          </p>
          <dl className="fields">
            <dt>Device</dt>
            <dd>
              <button
                type="button"
                className="link-button"
                onClick={() => navigate('assets', String(a.deviceId))}
              >
                {a.deviceName}
              </button>
            </dd>
            <dt>Organization</dt>
            <dd>{a.organizationName ?? '—'}</dd>
            <dt>Triggered</dt>
            <dd>
              <RelativeTime value={a.createdAt} />
            </dd>
            <dt>State</dt>
            <dd>
              {a.state}
              {a.resetAt ? (
                <>
                  {' '}
                  (<RelativeTime value={a.resetAt} />)
                </>
              ) : null}
            </dd>
            <dt>Source</dt>
            <dd>{[a.sourceType, a.sourceName].filter(Boolean).join(' · ') || '—'}</dd>
            <dt>Flapping</dt>
            <dd>{a.triggerCount > 1 ? `triggered ${a.triggerCount} times` : 'no'}</dd>
            <dt>Ticket</dt>
            <dd>{ticketLabel(a.ticket) || 'none'}</dd>
            <dt>Seen by</dt>
            <dd>{a.acknowledgedBy ?? '—'}</dd>
          </dl>
        </>
      ) : null}
    </aside>
  );
}
