import type { ReactNode } from 'react';
import { severities, type Severity } from '../../../shared/contract/domain';
import { RelativeTime } from '../../format/RelativeTime';
import { useQuery } from '../../rpc/use-query';
import { Welcome } from '../welcome/Welcome';
import { ConnectionsCard } from './ConnectionsCard';
import { openAlerts, openAssets } from './drill-down';
import { NeedsAttention } from './NeedsAttention';
import { Trends } from './trends/Trends';
import { HeldDeletion } from './HeldDeletion';
import { ErrorBanner } from '../../components/fields';

function Figure({
  label,
  value,
  tone,
  onOpen,
}: {
  label: string;
  value: number;
  tone?: string;
  onOpen?: () => void;
}) {
  // The label comes first in the DOM, so the figure's name reads "Offline: 237"; CSS shows the value on top.
  const body = (
    <>
      <span className="figure-label">
        {label}
        <span className="name-separator">:</span>
      </span>
      <span className="figure-value">{value.toLocaleString()}</span>
    </>
  );
  return onOpen ? (
    <button type="button" className={`figure${tone ? ` tone-${tone}` : ''}`} onClick={onOpen}>
      {body}
    </button>
  ) : (
    <div className={`figure${tone ? ` tone-${tone}` : ''}`}>{body}</div>
  );
}

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      <div className="figures">{children}</div>
    </section>
  );
}

/** Fleet health at a glance; every figure opens the list it counts. */
export function DashboardView() {
  const summary = useQuery(
    'dashboard.summary',
    {},
    { refreshOn: ['devices', 'alerts', 'patches', 'ticket_outbox', 'sync_runs'] },
  );
  const ninja = useQuery('ninjaone.status', {}, { refreshOnEvents: ['ninjaone.statusChanged'] });
  const openOpenAlerts = (severity?: Severity): void =>
    openAlerts({ states: ['open'], severities: severity ? [severity] : undefined });
  const s = summary.data;
  const empty = s?.devices.total === 0;

  return (
    <section className="view dashboard" aria-labelledby="dashboard-title">
      <header className="view-header">
        <h1 id="dashboard-title">Dashboard</h1>
        {s ? (
          <span className="muted">
            Data from <RelativeTime value={s.lastSyncAt} empty="no sync yet" />
          </span>
        ) : null}
      </header>
      <ErrorBanner message={summary.error} />
      <HeldDeletion />
      {!s ? (
        <p className="muted">{summary.loading ? 'Loading…' : null}</p>
      ) : empty ? (
        ninja.data?.state === 'not_connected' ? (
          <Welcome />
        ) : (
          <div className="empty-state">
            <p>The cache holds no devices yet: the first sync from NinjaOne fills it (progress below).</p>
          </div>
        )
      ) : null}
      {empty ? null : (
        // Mounted while the summary is on its way, so their queries go out with it instead of after
        // it: one round trip less before the dashboard shows. Hidden until the summary says there is
        // a fleet to show (an empty cache shows the welcome instead).
        <div className="dashboard-body" style={s ? undefined : { visibility: 'hidden' }}>
          <NeedsAttention />
          {s ? (
            <div className="cards">
              <Card title="Devices">
                <Figure
                  label="Online"
                  value={s.devices.online}
                  tone="ok"
                  onOpen={() => openAssets({ agentStatus: 'online' })}
                />
                <Figure
                  label="Offline"
                  value={s.devices.offline}
                  tone="bad"
                  onOpen={() => openAssets({ agentStatus: 'offline' })}
                />
                <Figure label="Total" value={s.devices.total} onOpen={() => openAssets({})} />
              </Card>
              <Card title="Open alerts">
                {[...severities].reverse().map((sev) => (
                  <Figure
                    key={sev}
                    label={sev.toLowerCase()}
                    value={s.alerts.bySeverity[sev] ?? 0}
                    tone={sev === 'CRITICAL' || sev === 'MAJOR' ? 'bad' : undefined}
                    onOpen={() => openOpenAlerts(sev)}
                  />
                ))}
              </Card>
              <Card title="Patch compliance">
                <Figure
                  label="Failed"
                  value={s.patches.failed}
                  tone="bad"
                  onOpen={() => openAssets({ patchStates: ['failed'] })}
                />
                <Figure
                  label="Pending"
                  value={s.patches.pending}
                  tone="warn"
                  onOpen={() => openAssets({ patchStates: ['pending'] })}
                />
                <Figure
                  label="Up to date"
                  value={s.patches.upToDate}
                  tone="ok"
                  onOpen={() => openAssets({ patchStates: ['up_to_date'] })}
                />
                <Figure
                  label="Not synced"
                  value={s.patches.unknown}
                  onOpen={() => openAssets({ patchStates: ['unknown'] })}
                />
              </Card>
              <Card title="Antivirus">
                <Figure
                  label="At risk"
                  value={s.antivirus.atRisk}
                  tone={s.antivirus.atRisk ? 'bad' : undefined}
                />
                <Figure
                  label="Not installed"
                  value={s.antivirus.notInstalled}
                  tone={s.antivirus.notInstalled ? 'warn' : undefined}
                />
              </Card>
              <Card title="Ticket outbox">
                <Figure
                  label="Pending"
                  value={s.tickets.pending}
                  tone={s.tickets.pending ? 'warn' : undefined}
                />
                <Figure label="Failed" value={s.tickets.failed} tone={s.tickets.failed ? 'bad' : undefined} />
              </Card>
              <ConnectionsCard />
            </div>
          ) : null}
          <Trends />
        </div>
      )}
    </section>
  );
}
