import { useEffect } from 'react';
import type { RuleDecision } from '../../../shared/relay/rules';
import { PagedTable } from '../../components/PagedTable';
import type { Column } from '../../components/VirtualTable';
import { RelativeTime } from '../../format/RelativeTime';
import { consoleClient } from '../../rpc/client';
import { useQuery } from '../../rpc/use-query';
import { createPagedList } from '../../state/paged-list';

const useDecisions = createPagedList('relay.decisions', { first: 100, next: 200 });

const actionLabels: Record<RuleDecision['action'], string> = {
  ticket: 'ticket',
  comment: 'comment',
  notify: 'notify',
  suppress: 'suppress',
  none: '—',
};

const columns: Column<RuleDecision>[] = [
  { key: 'at', label: 'Decided', width: '0.9fr', render: (d) => <RelativeTime value={d.decidedAt} /> },
  {
    key: 'alert',
    label: 'Alert',
    width: '1.8fr',
    render: (d) => (
      <span title={d.seriesUid ?? undefined}>
        {d.kind === 'reset' ? 'Reset: ' : ''}
        {d.condition ?? 'alert'} on {d.deviceName ?? `device ${d.deviceId ?? '?'}`}
      </span>
    ),
  },
  {
    key: 'action',
    label: 'Decision',
    width: '0.8fr',
    render: (d) => <span className={`decision decision-${d.state}`}>{actionLabels[d.action]}</span>,
  },
  { key: 'reason', label: 'Why', width: '2.6fr', render: (d) => <span title={d.reason}>{d.reason}</span> },
  {
    key: 'outcome',
    label: 'Outcome',
    width: '1.8fr',
    render: (d) => (
      <span title={d.outcome ?? undefined} className={d.state === 'failed' ? 'tone-bad' : ''}>
        {d.state === 'pending' ? `in progress: ${d.outcome ?? ''}` : (d.outcome ?? '')}
      </span>
    ),
  },
];

/** What the relay's rules decided for each alert, and why, newest first (live). */
export function RuleDecisions() {
  const status = useQuery('relay.status', {}, { refreshOnEvents: ['relay.statusChanged'] });
  const reload = useDecisions((s) => s.reload);
  const configured = status.data !== null && status.data.state !== 'not_configured';
  useEffect(() => {
    if (!configured) return;
    return consoleClient().on('relay.decision', () => reload());
  }, [configured, reload]);
  if (!configured) return null;
  return (
    <section className="card settings-card wide" aria-labelledby="decisions-title">
      <h2 id="decisions-title">Rule decisions</h2>
      <div className="decisions-table">
        <PagedTable
          label="Rule decisions"
          store={useDecisions}
          query={{}}
          columns={columns}
          rowKey={(d) => String(d.id)}
          empty="No decisions yet: the relay decides once rules are active and an alert arrives."
        />
      </div>
    </section>
  );
}
