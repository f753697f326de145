import { useCallback, useEffect, useState } from 'react';
import type { AlertRow } from '../../../shared/contract/alerts';
import { selectColumn } from '../../components/SelectCell';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { RelativeTime } from '../../format/RelativeTime';
import { ticketLabel } from '../../format/ticket';
import { consoleClient } from '../../rpc/client';
import { useAlertList, useAlertSelection, useAlertsView } from '../../state/alerts-slice';
import { useNavigation } from '../../state/navigation-slice';
import { useArrivals } from '../../state/arrivals-slice';
import { CreateTicketDialog } from '../tickets/CreateTicketDialog';
import { useAlertActions } from './alert-actions';
import { BulkTicketDialog } from '../tickets/BulkTicketDialog';
import { ExportButton } from '../../components/ExportButton';
import { AlertDetail } from './AlertDetail';
import { AlertFilters } from './AlertFilters';
import { AlertGroups } from './AlertGroups';

/** The ticket number first and whole; who made it comes after and may be cut. */
function TicketCell({ ticket }: { ticket: AlertRow['ticket'] }) {
  const number = ticket?.state === 'recorded' ? (ticket.number ?? ticket.id) : null;
  if (!number) return <>{ticketLabel(ticket)}</>;
  return (
    <>
      <span className="ticket-number">{number}</span>
      {ticket?.by ? ` by ${ticket.by}` : ''}
    </>
  );
}

/** The condition, and next to it what NinjaOne said ("Disk C: free space is below 10%"). */
function ConditionCell({ alert }: { alert: AlertRow }) {
  const condition = alert.conditionName ?? alert.subject ?? '—';
  const message = alert.message && alert.message !== condition ? alert.message : null;
  return (
    <span title={message ? `${condition}: ${message}` : condition}>
      <span className="condition-name">{condition}</span>
      {message ? <span className="alert-message"> · {message}</span> : null}
    </span>
  );
}

const columns: Column<AlertRow>[] = [
  selectColumn(useAlertSelection, (r) => r.uid, 'Select alert'),
  {
    key: 'severity',
    label: 'Severity',
    width: '0.8fr',
    minWidth: 100,
    render: (r) => <span className={`severity severity-${r.severity}`}>{r.severity.toLowerCase()}</span>,
  },
  {
    key: 'condition',
    label: 'Condition · message',
    width: '3fr',
    // The message is the point of the row: it keeps room for some of it beside the condition.
    minWidth: 230,
    // The row's mark says it is an unseen arrival (`rowClassName` below).
    render: (r, { mark }) => (
      <>
        {mark === 'new' ? <span className="new-marker">New</span> : null}
        <ConditionCell alert={r} />
      </>
    ),
  },
  { key: 'device', label: 'Device', width: '1.4fr', minWidth: 130, render: (r) => r.deviceName },
  {
    key: 'org',
    label: 'Organization',
    width: '1.2fr',
    minWidth: 130,
    dropOrder: 4,
    render: (r) => r.organizationName ?? '—',
  },
  {
    key: 'created',
    label: 'Triggered',
    width: '1fr',
    minWidth: 140,
    dropOrder: 1,
    render: (r) => <RelativeTime value={r.createdAt} />,
  },
  {
    key: 'flapping',
    label: 'Flapping',
    width: '0.7fr',
    dropOrder: 6,
    render: (r) =>
      r.triggerCount > 1 ? (
        <span className="badge" title={`Triggered ${r.triggerCount} times`}>
          ×{r.triggerCount}
        </span>
      ) : (
        ''
      ),
  },
  {
    key: 'ticket',
    label: 'Ticket',
    width: '1.2fr',
    minWidth: 130,
    dropOrder: 3,
    render: (r) => <TicketCell ticket={r.ticket} />,
  },
  {
    key: 'ack',
    label: 'Seen',
    width: '0.8fr',
    minWidth: 100,
    // Mostly empty in an open queue: it gives way before the organization.
    dropOrder: 5,
    render: (r) => (r.acknowledgedBy ? `✓ ${r.acknowledgedBy}` : ''),
  },
];

/**
 * Where new alerts wait while the technician works the list: a fixed place in the header (its
 * appearing moves nothing), and a click puts them on top.
 */
function ArrivalsBar() {
  const waiting = useAlertList((s) => s.waiting.length);
  const reload = useAlertList((s) => s.reload);
  return (
    <span className="arrivals-slot">
      {waiting ? (
        <button type="button" className="arrivals-bar" onClick={reload}>
          {waiting} new alert{waiting === 1 ? '' : 's'} · show
        </button>
      ) : null}
    </span>
  );
}

/** The triage queue: newest first, filtered, grouped, with bulk actions and the keyboard. */
export function AlertsView() {
  const rows = useAlertList((s) => s.rows);
  const total = useAlertList((s) => s.total);
  const loading = useAlertList((s) => s.loading);
  const error = useAlertList((s) => s.error);
  const gone = useAlertList((s) => s.gone);
  const ensureLoaded = useAlertList((s) => s.ensureLoaded);
  const more = useAlertList((s) => s.nextCursor !== null);
  const grouping = useAlertsView((s) => s.grouping);
  const filter = useAlertsView((s) => s.filter);
  const setFilter = useAlertsView((s) => s.setFilter);
  const selected = useAlertSelection((s) => s.selected);
  const selectOnly = useAlertSelection((s) => s.selectOnly);
  const toggle = useAlertSelection((s) => s.toggle);
  const apply = useAlertsView((s) => s.apply);
  const item = useNavigation((s) => s.route.item);
  const navigate = useNavigation((s) => s.navigate);
  const actions = useAlertActions();
  const [ticketing, setTicketing] = useState<{ bulk: string[] } | { one: string } | null>(null);

  // Entering the view shows the queue as it is now; from then on it changes in place.
  useEffect(() => {
    if (!useAlertList.getState().query) apply();
    else useAlertList.getState().reload();
  }, [apply]);
  useEffect(
    () =>
      consoleClient().on('cache.changed', (c) => {
        if (c.tables.includes('alerts')) useAlertList.getState().refresh();
      }),
    [],
  );

  const selection = [...selected];
  const notShown = selection.filter((uid) => !rows.some((r) => r.uid === uid)).length;
  const onRowKey = useCallback(
    (row: AlertRow, key: string): boolean => {
      const chosen = [...useAlertSelection.getState().selected];
      if (key === 'x') toggle(row.uid);
      else if (key === 'e') actions.acknowledge(chosen.length ? chosen : [row.uid]);
      else if (key === 't') setTicketing(chosen.length ? { bulk: chosen } : { one: row.uid });
      else return false;
      return true;
    },
    [actions, toggle],
  );
  const unseen = useArrivals((s) => s.unseen);
  const rowClassName = useCallback(
    (r: AlertRow) =>
      gone.has(r.uid) ? 'gone' : r.state === 'reset' ? 'muted' : unseen.has(r.uid) ? 'new' : '',
    [gone, unseen],
  );

  return (
    <div className={`split${item ? ' with-detail' : ''}`}>
      <section className="view" aria-labelledby="alerts-title">
        <header className="view-header">
          <h1 id="alerts-title">Alerts</h1>
          <input
            type="search"
            className="search"
            aria-label="Search alerts"
            placeholder="Search condition, message, device or organization"
            value={filter.search ?? ''}
            onChange={(e) => setFilter({ ...filter, search: e.target.value || undefined })}
          />
          <span className="result-count" role="status" aria-live="polite">
            {grouping !== 'none'
              ? ''
              : total !== null
                ? `${total.toLocaleString()} alert${total === 1 ? '' : 's'}`
                : loading
                  ? 'Loading…'
                  : `${rows.length}+ alerts`}
          </span>
          {grouping === 'none' ? <ArrivalsBar /> : null}
          <ExportButton request={{ list: 'alerts', filter }} label="Export CSV" />
        </header>
        <AlertFilters />
        {selected.size ? (
          <div className="bulk-bar" role="toolbar" aria-label="Bulk actions">
            <span>
              {selected.size} selected{notShown ? ` (${notShown} not in this list)` : ''}
            </span>
            <button type="button" onClick={() => actions.acknowledge(selection)}>
              Mark as seen
            </button>
            <button type="button" onClick={() => setTicketing({ bulk: selection })}>
              Create tickets
            </button>
            <button type="button" onClick={() => actions.reset(selection)}>
              Reset in NinjaOne
            </button>
            <ExportButton request={{ list: 'alerts', filter, uids: selection }} label="Export selection" />
            <button type="button" className="link-button" onClick={() => selectOnly(rows.map((r) => r.uid))}>
              Select all loaded
            </button>
            <button type="button" className="link-button" onClick={() => selectOnly([])}>
              Clear selection
            </button>
          </div>
        ) : null}
        {error ? (
          <div className="error-banner" role="alert">
            {error}
          </div>
        ) : null}
        {grouping !== 'none' ? (
          <AlertGroups by={grouping} />
        ) : total === 0 && !loading ? (
          <div className="empty-state">
            <p>
              No alerts match these filters. Alerts arrive with each sync and, when a relay is connected, the
              moment they fire.
            </p>
          </div>
        ) : (
          <VirtualTable
            label="Alerts"
            testId="alert-scroll"
            columns={columns}
            rows={rows}
            count={rows.length + (more ? 1 : 0)}
            rowKey={(r) => r.uid}
            ensureLoaded={ensureLoaded}
            selectedKey={item}
            onOpen={(r) => navigate('alerts', r.uid)}
            onRowKey={onRowKey}
            rowClassName={rowClassName}
          />
        )}
      </section>
      {item ? <AlertDetail uid={item} /> : null}
      {ticketing && 'bulk' in ticketing ? (
        <BulkTicketDialog
          items={ticketing.bulk.map((uid) => {
            const a = rows.find((r) => r.uid === uid);
            return a
              ? {
                  key: uid,
                  alertUid: uid,
                  deviceId: a.deviceId,
                  label: `${a.severity.toLowerCase()}: ${a.conditionName ?? a.subject ?? 'Alert'} on ${a.deviceName}`,
                }
              : { key: uid, alertUid: uid, deviceId: NaN, label: uid };
          })}
          onDone={() => selectOnly([])}
          onClose={() => setTicketing(null)}
        />
      ) : null}
      {ticketing && 'one' in ticketing ? (
        <CreateTicketDialog
          source={{ kind: 'alert', alertUid: ticketing.one }}
          onClose={() => setTicketing(null)}
        />
      ) : null}
    </div>
  );
}
