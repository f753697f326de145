import type { ReactNode } from 'react';
import { RelativeTime } from '../../format/RelativeTime';
import { formatBytes } from '../../format/units';
import { useQuery } from '../../rpc/use-query';
import { useNavigation } from '../../state/navigation-slice';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children ?? '—'}</dd>
    </>
  );
}

/** One device: status, hardware, OS, network, user and its open alerts. */
export function AssetDetail({ id }: { id: number }) {
  const navigate = useNavigation((s) => s.navigate);
  const device = useQuery('assets.get', { id }, { refreshOn: ['devices'] });
  const alerts = useQuery(
    'alerts.list',
    { filter: { states: ['open'], deviceId: id }, limit: 50 },
    { refreshOn: ['alerts'] },
  );
  const d = device.data;

  return (
    <aside className="detail" aria-label="Device detail">
      <header className="detail-header">
        <h2>{d?.name ?? (device.error ? 'Device' : 'Loading…')}</h2>
        <button type="button" aria-label="Close detail" onClick={() => navigate('assets')}>
          ×
        </button>
      </header>
      {device.error ? (
        <div role="alert" className="error-banner">
          {device.error}
        </div>
      ) : null}
      {d ? (
        <>
          <section>
            <h3>Status</h3>
            <dl className="fields">
              <Field label="Agent">
                <span className={`status status-${d.agentStatus}`}>{d.agentStatus}</span>
              </Field>
              <Field label="Last contact">
                <RelativeTime value={d.lastContact} />
              </Field>
              <Field label="Organization">{d.organizationName}</Field>
              <Field label="Location">{d.locationName}</Field>
              <Field label="Type">
                {d.assetType.replaceAll('_', ' ')} ({d.nodeClass})
              </Field>
              <Field label="Cached">
                <RelativeTime value={d.syncedAt} />
              </Field>
            </dl>
          </section>
          <section>
            <h3>System</h3>
            <dl className="fields">
              <Field label="OS">
                {[d.osName, d.osBuild, d.osArchitecture].filter(Boolean).join(' · ') || null}
              </Field>
              <Field label="Reboot needed">
                {d.needsReboot === null ? null : d.needsReboot ? 'yes' : 'no'}
              </Field>
              <Field label="Model">{[d.manufacturer, d.model].filter(Boolean).join(' ') || null}</Field>
              <Field label="Serial">{d.serial}</Field>
              <Field label="CPU">
                {d.cpu ? `${d.cpu}${d.cpuCores ? ` (${d.cpuCores} cores)` : ''}` : null}
              </Field>
              <Field label="Memory">{d.ramBytes ? formatBytes(d.ramBytes) : null}</Field>
              <Field label="Storage">
                {d.storageBytes
                  ? `${formatBytes(d.storageBytes)}${d.storageFreeBytes ? `, ${formatBytes(d.storageFreeBytes)} free` : ''}`
                  : null}
              </Field>
            </dl>
          </section>
          <section>
            <h3>Network and user</h3>
            <dl className="fields">
              <Field label="IP addresses">{d.ipAddresses.join(', ') || null}</Field>
              <Field label="Public IP">{d.publicIp}</Field>
              <Field label="MAC addresses">{d.macAddresses.join(', ') || null}</Field>
              <Field label="DNS name">{d.dnsName}</Field>
              <Field label="Last user">{d.lastUser}</Field>
            </dl>
          </section>
          <section>
            <h3>Open alerts</h3>
            {alerts.data?.items.length ? (
              <ul className="plain-list">
                {alerts.data.items.map((a) => (
                  <li key={a.uid}>
                    <span className={`severity severity-${a.severity}`}>{a.severity}</span>{' '}
                    {a.conditionName ?? a.subject ?? a.sourceName} <RelativeTime value={a.createdAt} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{alerts.loading ? 'Loading…' : 'No open alerts.'}</p>
            )}
          </section>
        </>
      ) : null}
    </aside>
  );
}
