import { useState } from 'react';
import { DetailPanel } from '../../components/DetailPanel';
import type { OutputOf } from '../../../shared/rpc/define';
import type { Procedures } from '../../../shared/contract';
import { PagedTable } from '../../components/PagedTable';
import type { Column } from '../../components/VirtualTable';
import { RelativeTime } from '../../format/RelativeTime';
import { useAssetsView } from '../../state/assets-slice';
import { usePatchDeviceList, usePatchList, usePatchOrgList } from '../../state/inventory-slices';
import { useNavigation } from '../../state/navigation-slice';

type OrgRow = OutputOf<Procedures, 'patches.byOrganization'>['items'][number];
type PatchRow = OutputOf<Procedures, 'patches.byPatch'>['items'][number];
type DeviceRow = OutputOf<Procedures, 'patches.devices'>['items'][number];
type Tab = 'organizations' | 'patches' | 'long-pending';

const emptyText = 'No patch data in the cache yet: it arrives with the first sync from NinjaOne.';

const deviceColumns: Column<DeviceRow>[] = [
  { key: 'name', label: 'Device', width: '2fr', minWidth: 130, render: (r) => r.deviceName },
  {
    key: 'org',
    label: 'Organization',
    width: '1.5fr',
    minWidth: 120,
    dropOrder: 3,
    render: (r) => r.organizationName ?? '—',
  },
  {
    key: 'status',
    label: 'Status',
    width: '0.8fr',
    minWidth: 75,
    dropOrder: 2,
    render: (r) => <span className={`status status-${r.agentStatus}`}>{r.agentStatus}</span>,
  },
  { key: 'patches', label: 'Patches', width: '0.7fr', minWidth: 70, render: (r) => r.patches },
  {
    key: 'since',
    label: 'Pending since',
    width: '1fr',
    minWidth: 125,
    dropOrder: 1,
    render: (r) => <RelativeTime value={r.oldestFirstSeen} />,
  },
];

function OrganizationTab() {
  const navigate = useNavigation((s) => s.navigate);
  const open = (row: OrgRow, patchStates?: ('failed' | 'pending')[]): void => {
    useAssetsView.getState().openQuery({
      organizationIds: row.organizationId === null ? undefined : [row.organizationId],
      patchStates,
    });
    navigate('assets');
  };
  const columns: Column<OrgRow>[] = [
    { key: 'org', label: 'Organization', width: '2fr', minWidth: 180, render: (r) => r.organizationName },
    { key: 'devices', label: 'Devices', width: '0.8fr', minWidth: 75, render: (r) => r.devices },
    {
      key: 'failed',
      label: 'Failed',
      width: '0.8fr',
      minWidth: 70,
      render: (r) =>
        r.failed ? (
          <button
            type="button"
            className="link-button tone-bad"
            onClick={(e) => (e.stopPropagation(), open(r, ['failed']))}
          >
            {r.failed}
          </button>
        ) : (
          0
        ),
    },
    {
      key: 'pending',
      label: 'Pending',
      width: '0.8fr',
      minWidth: 75,
      render: (r) =>
        r.pending ? (
          <button
            type="button"
            className="link-button"
            onClick={(e) => (e.stopPropagation(), open(r, ['pending']))}
          >
            {r.pending}
          </button>
        ) : (
          0
        ),
    },
    { key: 'ok', label: 'Up to date', width: '0.8fr', minWidth: 90, render: (r) => r.upToDate },
    {
      key: 'unknown',
      label: 'Not synced',
      width: '0.8fr',
      minWidth: 90,
      dropOrder: 1,
      render: (r) => r.unknown,
    },
    {
      key: 'compliance',
      label: 'Compliant',
      width: '0.8fr',
      minWidth: 90,
      render: (r) =>
        r.devices - r.unknown ? `${Math.round((100 * r.upToDate) / (r.devices - r.unknown))}%` : '—',
    },
  ];
  return (
    <PagedTable
      label="Compliance by organization"
      store={usePatchOrgList}
      query={{}}
      columns={columns}
      rowKey={(r) => String(r.organizationId)}
      empty={emptyText}
      onOpen={(r) => open(r)}
    />
  );
}

function PatchTab() {
  const [kind, setKind] = useState<'' | 'os' | 'software'>('');
  const [state, setState] = useState<'' | 'pending' | 'failed'>('');
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState<PatchRow | null>(null);
  const columns: Column<PatchRow>[] = [
    { key: 'name', label: 'Patch', width: '3fr', minWidth: 220, render: (r) => r.name },
    { key: 'kb', label: 'KB', width: '1fr', minWidth: 100, render: (r) => r.kbNumber ?? '—' },
    {
      key: 'kind',
      label: 'Kind',
      width: '0.8fr',
      minWidth: 80,
      dropOrder: 3,
      render: (r) => (r.kind === 'os' ? 'OS' : 'Software'),
    },
    {
      key: 'severity',
      label: 'Severity',
      width: '1fr',
      minWidth: 90,
      dropOrder: 2,
      render: (r) => r.severity ?? '—',
    },
    {
      key: 'failed',
      label: 'Failed',
      width: '0.7fr',
      minWidth: 70,
      render: (r) => <span className={r.failed ? 'tone-bad' : ''}>{r.failed}</span>,
    },
    { key: 'pending', label: 'Pending', width: '0.7fr', minWidth: 75, render: (r) => r.pending },
    {
      key: 'installed',
      label: 'Installed',
      width: '0.7fr',
      minWidth: 80,
      dropOrder: 1,
      render: (r) => r.installed,
    },
  ];
  return (
    <div className={`split${open ? ' with-detail' : ''}`}>
      <div className="view-body">
        <div className="filters" role="group" aria-label="Patch filters">
          <label>
            Search
            <input
              type="search"
              aria-label="Search patches"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder="KB or name"
            />
          </label>
          <label>
            Kind
            <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
              <option value="">OS and software</option>
              <option value="os">OS</option>
              <option value="software">Software</option>
            </select>
          </label>
          <label>
            Needed by devices that
            <select value={state} onChange={(e) => setState(e.target.value as typeof state)}>
              <option value="">failed or have it pending</option>
              <option value="failed">failed to install it</option>
              <option value="pending">have it pending</option>
            </select>
          </label>
        </div>
        <PagedTable
          label="Patches"
          store={usePatchList}
          query={{ kind: kind || undefined, state: state || undefined, search: search.trim() || undefined }}
          columns={columns}
          rowKey={(r) => `${r.kind}:${r.name}`}
          selectedKey={open ? `${open.kind}:${open.name}` : null}
          onOpen={(r) => setOpen(r)}
          empty={search ? `No patch matches “${search}”.` : emptyText}
        />
      </div>
      {open ? (
        <DetailPanel label="Devices needing this patch" title={open.name} onClose={() => setOpen(null)}>
          <p className="muted">
            {open.failed} failed · {open.pending} pending · {open.installed} installed
          </p>
          <DeviceList query={{ kind: open.kind, name: open.name, state: state || undefined }} />
        </DetailPanel>
      ) : null}
    </div>
  );
}

function DeviceList({ query }: { query: object }) {
  const navigate = useNavigation((s) => s.navigate);
  return (
    <PagedTable
      label="Devices"
      store={usePatchDeviceList}
      query={query}
      columns={deviceColumns}
      rowKey={(r) => String(r.deviceId)}
      onOpen={(r) => navigate('assets', String(r.deviceId))}
      empty="No device matches."
    />
  );
}

function LongPendingTab() {
  const [days, setDays] = useState(30);
  return (
    <div className="view-body">
      <div className="filters" role="group" aria-label="Long pending">
        <label>
          Pending for more than (days)
          <input
            type="number"
            min={1}
            max={3650}
            value={days}
            onChange={(e) => setDays(Math.max(1, Number(e.target.value) || 1))}
          />
        </label>
      </div>
      <DeviceList query={{ pendingForDays: days }} />
    </div>
  );
}

/** Fleet patch compliance: by organization, by patch, and devices with long-pending patches. */
export function PatchesView() {
  const [tab, setTab] = useState<Tab>('organizations');
  const tabs: [Tab, string][] = [
    ['organizations', 'By organization'],
    ['patches', 'By patch'],
    ['long-pending', 'Long pending'],
  ];
  return (
    <section className="view" aria-labelledby="patches-title">
      <header className="view-header">
        <h1 id="patches-title">Patches</h1>
        <div role="tablist" aria-label="Patch views" className="chips">
          {tabs.map(([id, label]) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={tab === id}
              className="chip"
              onClick={() => setTab(id)}
            >
              {label}
            </button>
          ))}
        </div>
      </header>
      <div role="tabpanel" className="view-body">
        {tab === 'organizations' ? (
          <OrganizationTab />
        ) : tab === 'patches' ? (
          <PatchTab />
        ) : (
          <LongPendingTab />
        )}
      </div>
    </section>
  );
}
