import { useState } from 'react';
import { DetailPanel } from '../../components/DetailPanel';
import type { TicketEdits, TicketEntry } from '../../../shared/contract/tickets';
import { PagedTable } from '../../components/PagedTable';
import type { Column } from '../../components/VirtualTable';
import { RelativeTime } from '../../format/RelativeTime';
import { consoleClient } from '../../rpc/client';
import { useQuery } from '../../rpc/use-query';
import { createPagedList } from '../../state/paged-list';
import { useNavigation } from '../../state/navigation-slice';
import { errorText, useToasts } from '../../state/toasts-slice';
import { TicketRelations } from './TicketRelations';
import { ErrorBanner } from '../../components/fields';

export const useTicketList = createPagedList('tickets.list', { first: 200, next: 500 });

const stateLabels: Record<TicketEntry['state'], string> = {
  pending: 'Waiting',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
};

const columns: Column<TicketEntry>[] = [
  {
    key: 'state',
    label: 'State',
    width: '0.8fr',
    minWidth: 80,
    render: (t) => <span className={`ticket-state ticket-${t.state}`}>{stateLabels[t.state]}</span>,
  },
  { key: 'title', label: 'Title', width: '3fr', minWidth: 200, render: (t) => t.draft.title },
  {
    key: 'device',
    label: 'Device',
    width: '1.3fr',
    minWidth: 130,
    dropOrder: 2,
    render: (t) => t.deviceName ?? '—',
  },
  {
    key: 'org',
    label: 'Organization',
    width: '1.2fr',
    minWidth: 130,
    dropOrder: 4,
    render: (t) => t.organizationName ?? '—',
  },
  {
    key: 'ticket',
    label: 'Ticket',
    width: '1fr',
    minWidth: 110,
    render: (t) => <span className="ticket-number">{t.ticket?.number ?? t.ticket?.id ?? '—'}</span>,
  },
  {
    key: 'status',
    label: 'PSA status',
    width: '1fr',
    minWidth: 100,
    dropOrder: 3,
    render: (t) => t.ticket?.statusName ?? (t.lastError ? t.lastError.message : '—'),
  },
  {
    key: 'created',
    label: 'Created',
    width: '1fr',
    minWidth: 125,
    dropOrder: 1,
    render: (t) => <RelativeTime value={t.createdAt} />,
  },
];

function TicketDetail({ id, onClose }: { id: number; onClose(): void }) {
  const entry = useQuery(
    'tickets.get',
    { id },
    { refreshOnEvents: ['tickets.changed', 'tickets.statusChanged'] },
  );
  const toast = useToasts((s) => s.show);
  const [edits, setEdits] = useState<TicketEdits>({});
  const t = entry.data;
  const editable = t && (t.state === 'failed' || t.state === 'pending');
  const resend = (): void => {
    consoleClient()
      .call('tickets.resend', { id, edits })
      .then((result) => {
        setEdits({});
        toast(
          result.outcome === 'failed' ? 'error' : 'success',
          result.outcome === 'failed'
            ? 'The PSA refused it again; see its message'
            : result.outcome === 'queued'
              ? 'Queued: the PSA did not answer yet'
              : `Ticket ${result.ticket?.number ?? ''} sent`,
        );
      })
      .catch((e: unknown) => toast('error', errorText(e)));
  };
  const openInPsa = (): void => {
    consoleClient()
      .call('tickets.open', { id })
      .catch((e: unknown) => toast('error', errorText(e)));
  };
  return (
    <DetailPanel label="Ticket detail" title={t ? t.draft.title : 'Loading…'} onClose={onClose}>
      <ErrorBanner message={entry.error} />
      {t ? (
        <>
          <dl className="fields">
            <dt>State</dt>
            <dd>
              <span className={`ticket-state ticket-${t.state}`}>{stateLabels[t.state]}</span>
              {t.attempts ? ` after ${t.attempts} attempt${t.attempts === 1 ? '' : 's'}` : ''}
            </dd>
            {t.nextAttemptAt && t.state === 'pending' ? (
              <>
                <dt>Next attempt</dt>
                <dd>
                  <RelativeTime value={t.nextAttemptAt} />
                </dd>
              </>
            ) : null}
            <dt>Ticket</dt>
            <dd>
              {t.ticket ? (
                <button type="button" className="link-button" onClick={openInPsa}>
                  {t.ticket.number ?? t.ticket.id} · open in Alga PSA
                </button>
              ) : (
                'not created yet'
              )}
            </dd>
            <dt>PSA status</dt>
            <dd>{t.ticket?.statusName ?? '—'}</dd>
            <dt>Asset link</dt>
            <dd>
              {t.asset.state}
              {t.asset.message ? ` · ${t.asset.message}` : ''}
            </dd>
          </dl>
          <TicketRelations entry={t} />
          {t.lastError ? (
            <div role="alert" className="error-banner">
              {t.lastError.message}
            </div>
          ) : null}
          {editable ? (
            <form
              className="settings-form"
              aria-label="Edit and resend"
              onSubmit={(e) => {
                e.preventDefault();
                resend();
              }}
            >
              <label>
                Title
                <input
                  value={edits.title ?? t.draft.title}
                  onChange={(e) => setEdits({ ...edits, title: e.target.value })}
                />
              </label>
              <label>
                Description
                <textarea
                  rows={8}
                  value={edits.description ?? t.draft.description}
                  onChange={(e) => setEdits({ ...edits, description: e.target.value })}
                />
              </label>
              <button type="submit" className="primary">
                {t.state === 'failed' ? 'Resend' : 'Send now'}
              </button>
            </form>
          ) : (
            <pre className="description">{t.draft.description}</pre>
          )}
        </>
      ) : null}
    </DetailPanel>
  );
}

/** The outbox and the tickets this console sent, with the PSA's own messages when it refused one. */
export function TicketsView() {
  const [state, setState] = useState<'' | TicketEntry['state']>('');
  const item = useNavigation((s) => s.route.item);
  const navigate = useNavigation((s) => s.navigate);
  const toast = useToasts((s) => s.show);
  const psa = useQuery('psa.status', {}, { refreshOnEvents: ['psa.statusChanged', 'tickets.changed'] });
  const selected = item && /^\d+$/.test(item) ? Number(item) : null;
  const outbox = psa.data?.outbox;
  const retry = (): void => {
    consoleClient()
      .call('tickets.retryNow', {})
      .then(({ due }) =>
        toast('info', due ? `Retrying ${due} waiting ticket${due === 1 ? '' : 's'}` : 'Nothing is waiting'),
      )
      .catch((e: unknown) => toast('error', errorText(e)));
  };
  return (
    <div className={`split${selected !== null ? ' with-detail' : ''}`}>
      <section className="view" aria-labelledby="tickets-title">
        <header className="view-header">
          <h1 id="tickets-title">Tickets</h1>
          {outbox ? (
            <span className="muted" role="status">
              {outbox.pending + outbox.sending} waiting · {outbox.failed} failed · {outbox.sent} sent
            </span>
          ) : null}
          {outbox && outbox.pending > 0 ? (
            <button type="button" className="link-button" onClick={retry}>
              Retry now
            </button>
          ) : null}
        </header>
        {psa.data && !psa.data.configured ? (
          <div className="notice">
            Alga PSA is not connected: tickets are queued until it is (Settings → Alga PSA).
          </div>
        ) : null}
        <div className="filters" role="group" aria-label="Ticket filters">
          <label>
            State
            <select value={state} onChange={(e) => setState(e.target.value as typeof state)}>
              <option value="">All</option>
              <option value="pending">Waiting</option>
              <option value="failed">Failed</option>
              <option value="sent">Sent</option>
            </select>
          </label>
        </div>
        <PagedTable
          label="Tickets"
          store={useTicketList}
          query={{ filter: state ? { states: state === 'pending' ? ['pending', 'sending'] : [state] } : {} }}
          columns={columns}
          rowKey={(t) => String(t.id)}
          selectedKey={item}
          onOpen={(t) => navigate('tickets', String(t.id))}
          empty="No tickets yet. Create one from an alert or a device."
        />
      </section>
      {selected !== null ? <TicketDetail id={selected} onClose={() => navigate('tickets')} /> : null}
    </div>
  );
}
