import { useState } from 'react';
import { DetailPanel } from '../../components/DetailPanel';
import type { InputOf, OutputOf } from '../../../shared/rpc/define';
import type { Procedures } from '../../../shared/contract';
import type {
  PatchDeviceSortField,
  PatchOrganizationSortField,
  PatchSortField,
} from '../../../shared/contract/patches';
import { PagedTable } from '../../components/PagedTable';
import type { Column } from '../../components/VirtualTable';
import { RelativeTime } from '../../format/RelativeTime';
import { useAssetsView } from '../../state/assets-slice';
import {
  usePatchDeviceList,
  usePatchDeviceSelection,
  usePatchList,
  usePatchOrgList,
} from '../../state/inventory-slices';
import { useNavigation } from '../../state/navigation-slice';
import { DeviceDrillDown } from '../assets/DeviceDrillDown';

type OrgRow = OutputOf<Procedures, 'patches.byOrganization'>['items'][number];
type PatchRow = OutputOf<Procedures, 'patches.byPatch'>['items'][number];
type DeviceRow = OutputOf<Procedures, 'patches.devices'>['items'][number];
/** Which devices a device list shows: its procedure's input without paging and sort. */
type PatchDeviceQuery = Omit<InputOf<Procedures, 'patches.devices'>, 'cursor' | 'limit' | 'sort'>;
type Tab = 'organizations' | 'patches' | 'long-pending';

const emptyText = 'No patch data in the cache yet: it arrives with the first sync from NinjaOne.';

interface Sort<F extends string> {
  field: F;
  direction: 'asc' | 'desc';
}

/**
 * A table's sort: a header click sorts by its column, a second click reverses. Counts start with the
 * largest and names with A, as a technician scanning for the worst or for one name expects.
 */
function useSort<F extends string>(initial: Sort<F>, ascendingFirst: readonly F[]) {
  const [sort, setSort] = useState<Sort<F>>(initial);
  const onSort = (field: string): void => {
    const f = field as F;
    setSort((s) =>
      s.field === f
        ? { field: f, direction: s.direction === 'asc' ? 'desc' : 'asc' }
        : { field: f, direction: ascendingFirst.includes(f) ? 'asc' : 'desc' },
    );
  };
  return { sort, onSort };
}

const deviceColumns: Column<DeviceRow>[] = [
  {
    key: 'name',
    label: 'Device',
    sortField: 'name',
    width: '2fr',
    minWidth: 130,
    render: (r) => r.deviceName,
  },
  {
    key: 'org',
    label: 'Organization',
    sortField: 'organization',
    width: '1.5fr',
    minWidth: 120,
    dropOrder: 3,
    render: (r) => r.organizationName ?? '—',
  },
  {
    key: 'status',
    label: 'Status',
    sortField: 'status',
    width: '0.8fr',
    minWidth: 75,
    dropOrder: 2,
    render: (r) => <span className={`status status-${r.agentStatus}`}>{r.agentStatus}</span>,
  },
  {
    key: 'patches',
    label: 'Patches',
    sortField: 'patches',
    width: '0.7fr',
    minWidth: 70,
    render: (r) => r.patches,
  },
  {
    key: 'since',
    label: 'Since',
    sortField: 'since',
    width: '1fr',
    minWidth: 125,
    dropOrder: 1,
    render: (r) => <RelativeTime value={r.oldestSince} />,
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
  const { sort, onSort } = useSort<PatchOrganizationSortField>({ field: 'organization', direction: 'asc' }, [
    'organization',
  ]);
  const columns: Column<OrgRow>[] = [
    {
      key: 'org',
      label: 'Organization',
      sortField: 'organization',
      width: '2fr',
      minWidth: 180,
      render: (r) => r.organizationName,
    },
    {
      key: 'devices',
      label: 'Devices',
      sortField: 'devices',
      width: '0.8fr',
      minWidth: 75,
      render: (r) => r.devices,
    },
    {
      key: 'failed',
      label: 'Failed',
      sortField: 'failed',
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
      sortField: 'pending',
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
    {
      key: 'ok',
      label: 'Up to date',
      sortField: 'upToDate',
      width: '0.8fr',
      minWidth: 90,
      render: (r) => r.upToDate,
    },
    {
      key: 'unknown',
      label: 'Not synced',
      sortField: 'unknown',
      width: '0.8fr',
      minWidth: 90,
      dropOrder: 1,
      render: (r) => r.unknown,
    },
    {
      key: 'compliance',
      label: 'Compliant',
      sortField: 'compliance',
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
      query={{ sort }}
      sort={sort}
      onSort={onSort}
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
  const { sort, onSort } = useSort<PatchSortField>({ field: 'need', direction: 'desc' }, ['name', 'kb']);
  const columns: Column<PatchRow>[] = [
    { key: 'name', label: 'Patch', sortField: 'name', width: '3fr', minWidth: 220, render: (r) => r.name },
    {
      key: 'kb',
      label: 'KB',
      sortField: 'kb',
      width: '1fr',
      minWidth: 100,
      render: (r) => r.kbNumber ?? '—',
    },
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
      sortField: 'failed',
      width: '0.7fr',
      minWidth: 70,
      render: (r) => <span className={r.failed ? 'tone-bad' : ''}>{r.failed}</span>,
    },
    {
      key: 'pending',
      label: 'Pending',
      sortField: 'pending',
      width: '0.7fr',
      minWidth: 75,
      render: (r) => r.pending,
    },
    {
      key: 'installed',
      label: 'Installed',
      sortField: 'installed',
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
          query={{
            kind: kind || undefined,
            state: state || undefined,
            search: search.trim() || undefined,
            sort,
          }}
          sort={sort}
          onSort={onSort}
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
            Devices: {open.failed} failed · {open.pending} pending · {open.installed} installed
          </p>
          <DeviceList
            query={{ kind: open.kind, name: open.name, state: state || undefined }}
            initialSort={{ field: 'name', direction: 'asc' }}
          />
        </DetailPanel>
      ) : null}
    </div>
  );
}

/** The devices of a patch, or those with patches pending for long: selectable, exportable. */
function DeviceList({
  query,
  initialSort,
}: {
  query: PatchDeviceQuery;
  initialSort: Sort<PatchDeviceSortField>;
}) {
  const { sort, onSort } = useSort<PatchDeviceSortField>(initialSort, [
    'name',
    'organization',
    'status',
    'since',
  ]);
  return (
    <DeviceDrillDown
      label="Devices"
      noun="device"
      store={usePatchDeviceList}
      selection={usePatchDeviceSelection}
      query={query}
      sort={sort}
      onSort={onSort}
      exportRequest={(ids) => ({ list: 'patchDevices', ...query, sort, ids })}
      columns={deviceColumns}
      rowKey={(r) => String(r.deviceId)}
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
      {/* Oldest first: the devices waiting longest are the ones to chase. */}
      <DeviceList query={{ pendingForDays: days }} initialSort={{ field: 'since', direction: 'asc' }} />
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
