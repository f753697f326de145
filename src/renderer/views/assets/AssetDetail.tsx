import { useState, type ReactNode } from 'react';
import { DetailPanel } from '../../components/DetailPanel';
import { RelativeTime } from '../../format/RelativeTime';
import { formatBytes } from '../../format/units';
import { useQuery } from '../../rpc/use-query';
import { useNavigation } from '../../state/navigation-slice';
import { DeviceActions } from './DeviceActions';
import { DevicePsaTickets } from './DevicePsaTickets';
import { ErrorBanner } from '../../components/fields';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children ?? '—'}</dd>
    </>
  );
}

function DevicePatches({ id }: { id: number }) {
  const patches = useQuery('assets.patches', { id }, { refreshOn: ['patches'] });
  const items = patches.data?.items ?? [];
  const [showInstalled, setShowInstalled] = useState(false);
  const open = items.filter((p) => p.state !== 'installed');
  const installed = items.length - open.length;
  return (
    <section aria-label="Patches">
      <h3>Patches</h3>
      {patches.loading && !patches.data ? (
        <p className="muted">Loading…</p>
      ) : items.length === 0 ? (
        <p className="muted">No patch data for this device yet.</p>
      ) : (
        <>
          <ul className="plain-list">
            {(showInstalled ? items : open).map((p) => (
              <li key={`${p.kind}:${p.patchId}`}>
                <span className={`patch-state patch-${p.state}`}>{p.state}</span>{' '}
                {p.kbNumber ? `${p.kbNumber} · ` : ''}
                {p.name}
                {p.state === 'pending' && p.since ? (
                  <span className="muted">
                    {' '}
                    · since <RelativeTime value={p.since} />
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
          {open.length === 0 && !showInstalled ? <p className="muted">Up to date.</p> : null}
          {installed ? (
            <button type="button" className="link-button" onClick={() => setShowInstalled((v) => !v)}>
              {showInstalled ? 'Hide installed' : `Show ${installed} installed`}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

function DeviceSoftware({ id }: { id: number }) {
  const [search, setSearch] = useState('');
  const software = useQuery(
    'assets.software',
    { id, search: search.trim() || undefined, limit: 200 },
    { refreshOn: ['device_software'] },
  );
  const items = software.data?.items ?? [];
  return (
    <section aria-label="Software">
      <h3>Software</h3>
      <input
        type="search"
        aria-label="Search this device's software"
        placeholder="Filter titles"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {items.length === 0 ? (
        <p className="muted">
          {software.loading
            ? 'Loading…'
            : search
              ? `Nothing matches “${search}”.`
              : 'No software inventory for this device yet.'}
        </p>
      ) : (
        <ul className="plain-list">
          {items.map((s) => (
            <li key={`${s.titleId}:${s.version ?? ''}`}>
              {s.name} <span className="muted">{s.version ?? ''}</span>
            </li>
          ))}
          {software.data?.nextCursor ? (
            <li className="muted">Showing the first 200; filter to narrow.</li>
          ) : null}
        </ul>
      )}
    </section>
  );
}

function DeviceTimeline({ id }: { id: number }) {
  const activities = useQuery('assets.activities', { id, limit: 50 }, { refreshOn: ['activities'] });
  const items = activities.data?.items ?? [];
  return (
    <section aria-label="Activity">
      <h3>Activity</h3>
      {items.length === 0 ? (
        <p className="muted">
          {activities.loading ? 'Loading…' : 'No activity recorded for this device yet.'}
        </p>
      ) : (
        <ol className="plain-list timeline">
          {items.map((a) => (
            <li key={a.id}>
              <RelativeTime value={a.activityTime} /> ·{' '}
              {a.statusCode?.toLowerCase().replaceAll('_', ' ') ?? a.activityType}
              {a.subject || a.message ? <span className="muted"> · {a.subject ?? a.message}</span> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** One device: status, hardware, OS, network, user, open alerts, PSA tickets, patches, software, activity. */
export function AssetDetail({ id }: { id: number }) {
  const navigate = useNavigation((s) => s.navigate);
  const device = useQuery('assets.get', { id }, { refreshOn: ['devices', 'device_silences'] });
  const alerts = useQuery(
    'alerts.list',
    { filter: { states: ['open'], deviceId: id }, limit: 50 },
    { refreshOn: ['alerts'] },
  );
  const d = device.data;

  return (
    <DetailPanel
      label="Device detail"
      title={d?.name ?? (device.error ? 'Device' : 'Loading…')}
      onClose={() => navigate('assets')}
    >
      <ErrorBanner message={device.error} />
      {d ? (
        <>
          <DeviceActions device={d} />
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
          <DevicePsaTickets deviceId={id} />
          <DevicePatches id={id} />
          <DeviceSoftware id={id} />
          <DeviceTimeline id={id} />
        </>
      ) : null}
    </DetailPanel>
  );
}
