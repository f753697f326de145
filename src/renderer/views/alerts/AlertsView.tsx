import { useEffect } from 'react';
import type { AlertRow } from '../../../shared/contract/alerts';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { RelativeTime } from '../../format/RelativeTime';
import { ticketLabel } from '../../format/ticket';
import { consoleClient } from '../../rpc/client';
import { useAlertList, useAlertsView } from '../../state/alerts-slice';
import { useNavigation } from '../../state/navigation-slice';
import { errorText, useToasts } from '../../state/toasts-slice';
import { AlertDetail } from './AlertDetail';
import { AlertFilters } from './AlertFilters';
import { AlertGroups } from './AlertGroups';

function SelectCell({ uid }: { uid: string }) {
  const selected = useAlertsView((s) => s.selected.has(uid));
  const toggle = useAlertsView((s) => s.toggle);
  return (
    <input
      type="checkbox"
      aria-label="Select alert"
      checked={selected}
      onClick={(e) => e.stopPropagation()}
      onChange={() => toggle(uid)}
    />
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
  { key: 'select', label: '', width: '32px', render: (r) => <SelectCell uid={r.uid} /> },
  {
    key: 'severity',
    label: 'Severity',
    width: '0.8fr',
    render: (r) => <span className={`severity severity-${r.severity}`}>{r.severity.toLowerCase()}</span>,
  },
  {
    key: 'condition',
    label: 'Condition · message',
    width: '3fr',
    render: (r) => <ConditionCell alert={r} />,
  },
  { key: 'device', label: 'Device', width: '1.4fr', render: (r) => r.deviceName },
  { key: 'org', label: 'Organization', width: '1.2fr', render: (r) => r.organizationName ?? '—' },
  { key: 'created', label: 'Triggered', width: '1fr', render: (r) => <RelativeTime value={r.createdAt} /> },
  {
    key: 'flapping',
    label: 'Flapping',
    width: '0.7fr',
    render: (r) =>
      r.triggerCount > 1 ? (
        <span className="badge" title={`Triggered ${r.triggerCount} times`}>
          ×{r.triggerCount}
        </span>
      ) : (
        ''
      ),
  },
  { key: 'ticket', label: 'Ticket', width: '1.2fr', render: (r) => ticketLabel(r.ticket) },
  {
    key: 'ack',
    label: 'Seen',
    width: '0.8fr',
    render: (r) => (r.acknowledgedBy ? `✓ ${r.acknowledgedBy}` : ''),
  },
];

/** The triage queue: newest first, filtered, grouped, with bulk actions. */
export function AlertsView() {
  const rows = useAlertList((s) => s.rows);
  const total = useAlertList((s) => s.total);
  const loading = useAlertList((s) => s.loading);
  const error = useAlertList((s) => s.error);
  const query = useAlertList((s) => s.query);
  const ensureLoaded = useAlertList((s) => s.ensureLoaded);
  const more = useAlertList((s) => s.nextCursor !== null);
  const grouping = useAlertsView((s) => s.grouping);
  const filter = useAlertsView((s) => s.filter);
  const setFilter = useAlertsView((s) => s.setFilter);
  const selected = useAlertsView((s) => s.selected);
  const selectOnly = useAlertsView((s) => s.selectOnly);
  const refresh = useAlertsView((s) => s.refresh);
  const item = useNavigation((s) => s.route.item);
  const navigate = useNavigation((s) => s.navigate);
  const toast = useToasts((s) => s.show);

  useEffect(() => {
    if (!query) refresh();
  }, [query, refresh]);
  useEffect(
    () => consoleClient().on('cache.changed', (c) => c.tables.includes('alerts') && refresh()),
    [refresh],
  );

  const createTickets = (): void => {
    const uids = [...selected];
    void Promise.allSettled(
      uids.map((uid) => consoleClient().call('tickets.create', { source: { kind: 'alert', alertUid: uid } })),
    ).then((results) => {
      const outcomes = results.map((r) => (r.status === 'fulfilled' ? r.value.outcome : 'error'));
      const count = (o: string): number => outcomes.filter((x) => x === o).length;
      const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      toast(
        refused || count('failed') ? 'error' : 'success',
        `${count('created')} created, ${count('existing')} already had one, ${count('queued')} queued` +
          (count('failed') + count('error')
            ? `, ${count('failed') + count('error')} refused${refused ? `: ${errorText(refused.reason)}` : ''}`
            : ''),
      );
      selectOnly([]);
    });
  };
  const resetSelected = (): void => {
    consoleClient()
      .call('alerts.reset', { uids: [...selected] })
      .then((r) => {
        toast(
          r.failed.length ? 'error' : 'success',
          `${r.reset.length} reset in NinjaOne${r.failed.length ? `; ${r.failed.length} failed: ${r.failed[0]!.message}` : ''}`,
        );
        selectOnly([]);
      })
      .catch((e: unknown) => toast('error', errorText(e)));
  };
  const acknowledge = (): void => {
    consoleClient()
      .call('alerts.acknowledge', { uids: [...selected] })
      .then(({ acknowledged }) => {
        toast('success', `${acknowledged} alert${acknowledged === 1 ? '' : 's'} marked as seen`);
        selectOnly([]);
      })
      .catch((e: unknown) => toast('error', errorText(e)));
  };

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
        </header>
        <AlertFilters />
        {selected.size ? (
          <div className="bulk-bar" role="toolbar" aria-label="Bulk actions">
            <span>{selected.size} selected</span>
            <button type="button" onClick={acknowledge}>
              Mark as seen
            </button>
            <button type="button" onClick={createTickets}>
              Create tickets
            </button>
            <button type="button" onClick={resetSelected}>
              Reset in NinjaOne
            </button>
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
            count={total ?? rows.length + (more ? 1 : 0)}
            rowKey={(r) => r.uid}
            ensureLoaded={ensureLoaded}
            selectedKey={item}
            onOpen={(r) => navigate('alerts', r.uid)}
            rowClassName={(r) => (r.state === 'reset' ? 'muted' : '')}
          />
        )}
      </section>
      {item ? <AlertDetail uid={item} /> : null}
    </div>
  );
}
