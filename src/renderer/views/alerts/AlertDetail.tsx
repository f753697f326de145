import { useState } from 'react';
import { DetailPanel } from '../../components/DetailPanel';
import { RelativeTime } from '../../format/RelativeTime';
import { consoleClient } from '../../rpc/client';
import { errorText, useToasts } from '../../state/toasts-slice';
import { SilenceControl } from '../assets/SilenceControl';
import { CreateTicketDialog } from '../tickets/CreateTicketDialog';
import { useQuery } from '../../rpc/use-query';
import { useNavigation } from '../../state/navigation-slice';
import { RemoteConnectButton } from '../assets/RemoteConnectButton';
import { AlertTicketLink } from '../tickets/TicketLink';
import { ErrorBanner } from '../../components/fields';

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
    <DetailPanel
      label="Alert detail"
      title={a ? (a.conditionName ?? a.subject ?? 'Alert') : 'Loading…'}
      onClose={() => navigate('alerts')}
    >
      <ErrorBanner message={alert.error} />
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
            <RemoteConnectButton deviceId={a.deviceId} deviceName={a.deviceName} />
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
            <dd>
              <AlertTicketLink ticket={a.ticket} />
            </dd>
            <dt>Seen by</dt>
            <dd>{a.acknowledgedBy ?? '—'}</dd>
          </dl>
        </>
      ) : null}
    </DetailPanel>
  );
}
