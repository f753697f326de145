import type { ReactNode } from 'react';
import {
  RECENTLY_OFFLINE_MS,
  attentionSeverities,
  serverAssetTypes,
  type Attention,
  type AttentionDevice,
} from '../../../shared/contract/dashboard-attention';
import { RelativeTime } from '../../format/RelativeTime';
import { useQuery } from '../../rpc/use-query';
import { CreateTicketAction, DeviceAction, RetryTicketAction } from './AttentionActions';
import { openAlert, openAlerts, openAssets, openDevice, openTicket } from './drill-down';
import './dashboard.css';
import { ErrorBanner } from '../../components/fields';

const ROWS = 4;
const words = (value: string): string => value.replaceAll('_', ' ');
const servers = [...serverAssetTypes];

function Group({
  id,
  title,
  total,
  summary,
  showAll,
  children,
}: {
  id: string;
  title: string;
  total: number;
  summary?: string;
  showAll: ReactNode;
  children: ReactNode;
}) {
  if (total === 0) return null;
  return (
    <section className="attention-group" aria-labelledby={`attention-${id}`}>
      <header>
        <h3 id={`attention-${id}`}>
          {title} <span className="count">{total.toLocaleString()}</span>
        </h3>
        {summary ? <p className="muted">{summary}</p> : null}
      </header>
      <ul className="attention-rows">{children}</ul>
      <div className="attention-more">{showAll}</div>
    </section>
  );
}

function Row({
  label,
  onOpen,
  meta,
  badge,
  action,
}: {
  label: string;
  onOpen(): void;
  meta: ReactNode;
  badge?: ReactNode;
  action: ReactNode;
}) {
  return (
    <li className="attention-row">
      <div className="attention-main">
        {badge}
        <button type="button" className="link-button attention-title" onClick={onOpen}>
          {label}
        </button>
        <span className="attention-meta">{meta}</span>
      </div>
      {action}
    </li>
  );
}

function ShowAll({
  total,
  shown,
  onOpen,
  what,
}: {
  total: number;
  shown: number;
  onOpen(): void;
  what: string;
}) {
  return (
    <button type="button" className="link-button" onClick={onOpen}>
      {total > shown ? `Show all ${total.toLocaleString()} ${what}` : `Open in a list`}
    </button>
  );
}

function deviceMeta(d: AttentionDevice, extra?: ReactNode) {
  return (
    <>
      {d.organizationName ?? 'no organization'} · {words(d.assetType)}
      {extra}
    </>
  );
}

/**
 * The top of the dashboard: what needs a technician now, ranked as a shift starts (alerts nobody has
 * a ticket for, tickets Alga PSA refused or that wait, devices that went down, servers whose patches
 * failed, antivirus off or out of date), each row with its one obvious action. Read from the cache,
 * so it works offline, and refreshed whenever the cache changes.
 */
export function NeedsAttention() {
  const query = useQuery(
    'dashboard.attention',
    { limit: ROWS },
    {
      refreshOn: ['devices', 'alerts', 'patches', 'antivirus', 'alert_ticket_ledger'],
      refreshOnEvents: ['tickets.changed'],
    },
  );
  const a: Attention | null = query.data;
  const total = a
    ? a.alerts.total + a.tickets.total + a.offline.total + a.failedPatches.total + a.antivirus.total
    : 0;
  return (
    <section className="attention card" aria-labelledby="attention-title">
      <header className="attention-header">
        <h2 id="attention-title">Needs attention</h2>
        {a ? (
          <span className="muted" role="status">
            {total === 0 ? 'nothing right now' : `${total.toLocaleString()} items`}
          </span>
        ) : null}
      </header>
      <ErrorBanner message={query.error} />
      {!a ? (
        <p className="muted">{query.loading ? 'Loading…' : null}</p>
      ) : total === 0 ? (
        <p className="attention-clear">
          All clear: no critical or major alert without a ticket, no ticket waiting, no server or device down
          in the last hour, no failed server patches, no antivirus at risk.
        </p>
      ) : (
        <div className="attention-groups">
          <Group
            id="alerts"
            title="Critical and major alerts without a ticket"
            total={a.alerts.total}
            summary="Oldest first"
            showAll={
              <ShowAll
                total={a.alerts.total}
                shown={a.alerts.items.length}
                what="alerts"
                onOpen={() =>
                  openAlerts({ states: ['open'], severities: [...attentionSeverities], hasTicket: false })
                }
              />
            }
          >
            {a.alerts.items.map((alert) => (
              <Row
                key={alert.uid}
                badge={
                  <span className={`severity severity-${alert.severity}`}>
                    {alert.severity.toLowerCase()}
                  </span>
                }
                label={alert.title}
                onOpen={() => openAlert(alert.uid)}
                meta={
                  <>
                    {alert.deviceName} · <RelativeTime value={alert.createdAt} />
                    {alert.acknowledgedBy ? ` · seen by ${alert.acknowledgedBy}` : ''}
                  </>
                }
                action={
                  <CreateTicketAction alertUid={alert.uid} label={`${alert.title} on ${alert.deviceName}`} />
                }
              />
            ))}
          </Group>
          <Group
            id="tickets"
            title="Tickets not in Alga PSA"
            total={a.tickets.total}
            summary={[
              a.tickets.failed ? `${a.tickets.failed} refused` : null,
              a.tickets.pending ? `${a.tickets.pending} waiting` : null,
            ]
              .filter(Boolean)
              .join(' · ')}
            showAll={
              <ShowAll
                total={a.tickets.total}
                shown={a.tickets.items.length}
                what="tickets"
                onOpen={() => openTicket(null)}
              />
            }
          >
            {a.tickets.items.map((ticket) => (
              <Row
                key={ticket.outboxId}
                badge={
                  <span className={`ticket-state ticket-${ticket.state}`}>
                    {ticket.state === 'failed' ? 'refused' : 'waiting'}
                  </span>
                }
                label={ticket.title}
                onOpen={() => openTicket(ticket.outboxId)}
                meta={
                  <>
                    {ticket.deviceName ?? 'no device'} · <RelativeTime value={ticket.createdAt} />
                    {ticket.error ? <span className="attention-error"> · {ticket.error}</span> : null}
                  </>
                }
                action={<RetryTicketAction ticket={ticket} />}
              />
            ))}
          </Group>
          <Group
            id="offline"
            title="Devices down"
            total={a.offline.total}
            summary={`${a.offline.servers} servers offline · ${a.offline.recent} offline within the hour`}
            showAll={
              <span className="attention-links">
                {a.offline.servers > 0 ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => openAssets({ agentStatus: 'offline', assetTypes: servers })}
                  >
                    All {a.offline.servers.toLocaleString()} offline servers
                  </button>
                ) : null}
                {a.offline.recent > 0 ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() =>
                      openAssets({ agentStatus: 'offline', lastContactAfter: a.at - RECENTLY_OFFLINE_MS })
                    }
                  >
                    All {a.offline.recent.toLocaleString()} offline within the hour
                  </button>
                ) : null}
              </span>
            }
          >
            {a.offline.items.map((d) => (
              <Row
                key={d.deviceId}
                label={d.deviceName}
                onOpen={() => openDevice(d.deviceId)}
                meta={deviceMeta(
                  d,
                  <>
                    {' '}
                    · last seen <RelativeTime value={d.lastContact} />
                  </>,
                )}
                action={<DeviceAction device={d} remote={false} />}
              />
            ))}
          </Group>
          <Group
            id="patches"
            title="Failed patches on servers"
            total={a.failedPatches.total}
            showAll={
              <ShowAll
                total={a.failedPatches.total}
                shown={a.failedPatches.items.length}
                what="servers"
                onOpen={() => openAssets({ assetTypes: servers, patchStates: ['failed'] })}
              />
            }
          >
            {a.failedPatches.items.map((d) => (
              <Row
                key={d.deviceId}
                label={d.deviceName}
                onOpen={() => openDevice(d.deviceId)}
                meta={deviceMeta(
                  d,
                  ` · ${d.failedPatches} failed patch${d.failedPatches === 1 ? '' : 'es'} · ${d.agentStatus}`,
                )}
                action={<DeviceAction device={d} remote />}
              />
            ))}
          </Group>
          <Group
            id="antivirus"
            title="Antivirus at risk"
            total={a.antivirus.total}
            summary="Off, or definitions out of date"
            showAll={
              <ShowAll
                total={a.antivirus.total}
                shown={a.antivirus.items.length}
                what="devices"
                onOpen={() => openAssets({ antivirusStates: ['at_risk'] })}
              />
            }
          >
            {a.antivirus.items.map((d) => (
              <Row
                key={d.deviceId}
                label={d.deviceName}
                onOpen={() => openDevice(d.deviceId)}
                meta={deviceMeta(d, ` · ${d.agentStatus}`)}
                action={<DeviceAction device={d} remote />}
              />
            ))}
          </Group>
        </div>
      )}
    </section>
  );
}
