import { useState } from 'react';
import { RelativeTime } from '../../format/RelativeTime';
import { consoleClient } from '../../rpc/client';
import { errorText, useToasts } from '../../state/toasts-slice';
import { SilenceControl } from '../assets/SilenceControl';
import { CreateTicketDialog } from '../tickets/CreateTicketDialog';
import { useQuery } from '../../rpc/use-query';
import { useNavigation } from '../../state/navigation-slice';
import { ticketLabel } from '../../format/ticket';

function DeviceSilence({ deviceId }: { deviceId: number }) {
  const device = useQuery('assets.get', { id: deviceId }, { refreshOn: ['device_silences'] });
  return device.data ? <SilenceControl device={device.data} /> : null;
}

export function AlertDetail({ uid }: { uid: string }) {
  const navigate = useNavigation((s) => s.navigate);
  const alert = useQuery(
    'alerts.get',
    { uid },
    { refreshOn: ['alerts'], refreshOnEvents: ['tickets.changed'] },
  );
  const a = alert.data;
  const toast = useToasts((s) => s.show);
  const [ticketing, setTicketing] = useState(false);
  // An alert with a ticket opens it: this console's entry in Tickets, else the ticket in Alga PSA.
  const openTicket = (): void => {
    const client = consoleClient();
    client
      .call('tickets.forAlert', { alertUid: uid })
      .then(async ({ entryId, ticket }) => {
        if (entryId !== null) return navigate('tickets', String(entryId));
        if (!ticket) return toast('info', 'The ticket for this alert is still being created.');
        await client.call('tickets.openForAlert', { alertUid: uid });
        toast('success', `Ticket ${ticket.number ?? ticket.id} opened in Alga PSA`);
      })
      .catch((e: unknown) => toast('error', errorText(e)));
  };
  const reset = (): void => {
    consoleClient()
      .call('alerts.reset', { uids: [uid] })
      .then((r) =>
        r.failed.length ? toast('error', r.failed[0]!.message) : toast('success', 'Alert reset in NinjaOne'),
      )
      .catch((e: unknown) => toast('error', errorText(e)));
  };
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
          <div className="actions" role="toolbar" aria-label="Alert actions">
            {a.ticket ? (
              <button type="button" onClick={openTicket}>
                Open ticket{a.ticket.number ? ` ${a.ticket.number}` : ''}
              </button>
            ) : (
              <button type="button" onClick={() => setTicketing(true)}>
                Create ticket
              </button>
            )}
            {a.state === 'open' ? (
              <button type="button" onClick={reset}>
                Reset in NinjaOne
              </button>
            ) : null}
            <DeviceSilence deviceId={a.deviceId} />
          </div>
          {ticketing ? (
            <CreateTicketDialog
              source={{ kind: 'alert', alertUid: a.uid }}
              onClose={() => setTicketing(false)}
            />
          ) : null}
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
