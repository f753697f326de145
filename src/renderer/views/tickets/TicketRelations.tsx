import type { TicketEntry } from '../../../shared/contract/tickets';
import type { TicketAlert, TicketRelations as Relations } from '../../../shared/contract/psa-tickets';
import { useQuery } from '../../rpc/use-query';
import { useNavigation } from '../../state/navigation-slice';
import { RemoteConnectButton } from '../assets/RemoteConnectButton';
import { AlertLink } from './TicketLink';

function Lists({
  devices,
  alerts,
  alertUid,
}: {
  devices: Relations['devices'];
  alerts: TicketAlert[];
  /** The entry's own alert when the cache no longer has it. */
  alertUid: string | null;
}) {
  const navigate = useNavigation((s) => s.navigate);
  return (
    <section aria-label="Devices and alerts of this ticket">
      <h3>Device</h3>
      {devices.length ? (
        <ul className="plain-list">
          {devices.map((d) => (
            <li key={d.id}>
              {d.inCache ? (
                <>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => navigate('assets', String(d.id))}
                  >
                    {d.name}
                  </button>{' '}
                  <RemoteConnectButton deviceId={d.id} deviceName={d.name ?? `device ${d.id}`} />
                </>
              ) : (
                <span className="muted">Device {d.id} (no longer in the cache)</span>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">None known.</p>
      )}
      <h3>Alerts</h3>
      {alerts.length ? (
        <ul className="plain-list">
          {alerts.map((a) => (
            <li key={a.uid}>
              <AlertLink alert={a} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">
          {alertUid ? `Alert ${alertUid} (no longer in the cache)` : 'None: made for the device.'}
        </p>
      )}
    </section>
  );
}

/** The entry's own device, as queued. */
function devicesOf(entry: TicketEntry): Relations['devices'] {
  return entry.deviceId === null ? [] : [{ id: entry.deviceId, name: entry.deviceName, inCache: true }];
}

function SentTicketRelations({ entry, ticketId }: { entry: TicketEntry; ticketId: string }) {
  const related = useQuery('psaTickets.related', { ticketId }, { refreshOn: ['alerts', 'devices'] });
  return (
    <Lists
      devices={related.data?.devices.length ? related.data.devices : devicesOf(entry)}
      alerts={related.data?.alerts ?? []}
      alertUid={entry.alertUid}
    />
  );
}

function QueuedAlertRelations({ entry, uid }: { entry: TicketEntry; uid: string }) {
  const alert = useQuery('alerts.get', { uid }, { refreshOn: ['alerts'] });
  const a = alert.data;
  return (
    <Lists
      devices={devicesOf(entry)}
      alerts={
        a
          ? [
              {
                uid: a.uid,
                deviceId: a.deviceId,
                severity: a.severity,
                condition: a.conditionName ?? a.subject,
                state: a.state,
              },
            ]
          : []
      }
      alertUid={uid}
    />
  );
}

/**
 * The device(s) and alert(s) a console ticket is about, each a link to its view, with Remote connect
 * for the device; once Alga has the ticket, everything the console knows points at it.
 */
export function TicketRelations({ entry }: { entry: TicketEntry }) {
  if (entry.ticket) return <SentTicketRelations entry={entry} ticketId={entry.ticket.id} />;
  if (entry.alertUid) return <QueuedAlertRelations entry={entry} uid={entry.alertUid} />;
  return <Lists devices={devicesOf(entry)} alerts={[]} alertUid={null} />;
}
