import type { AssetRow, AssetSort } from '../../../shared/contract/assets';
import { selectColumn } from '../../components/SelectCell';
import { VirtualTable, type Column, type RowKeyHandler } from '../../components/VirtualTable';
import { matchLabel } from '../../format/match';
import { RelativeTime } from '../../format/RelativeTime';
import { useAssetList, useAssetSelection, useAssetsView } from '../../state/assets-slice';
import { useNavigation } from '../../state/navigation-slice';

const columns: Column<AssetRow>[] = [
  selectColumn(useAssetSelection, (r) => r.id, 'Select device'),
  {
    key: 'name',
    label: 'Name',
    sortField: 'name',
    width: '2fr',
    minWidth: 170,
    render: (r) =>
      r.match ? (
        // The matched field stays readable; the name gives way (in full on hover).
        <span className="name-with-match" title={`${r.name} · ${matchLabel(r.match)}`}>
          <span className="name-text">{r.name}</span>{' '}
          <span className="match-hint">{matchLabel(r.match)}</span>
        </span>
      ) : (
        r.name
      ),
  },
  {
    key: 'org',
    label: 'Organization',
    sortField: 'organization',
    width: '1.4fr',
    minWidth: 130,
    dropOrder: 5,
    render: (r) => r.organizationName ?? '—',
  },
  {
    key: 'type',
    label: 'Type',
    sortField: 'assetType',
    width: '1fr',
    minWidth: 100,
    dropOrder: 4,
    render: (r) => r.assetType.replace('_', ' '),
  },
  {
    key: 'status',
    label: 'Status',
    sortField: 'status',
    width: '0.8fr',
    minWidth: 80,
    render: (r) => <span className={`status status-${r.agentStatus}`}>{r.agentStatus}</span>,
  },
  {
    key: 'contact',
    label: 'Last contact',
    sortField: 'lastContact',
    width: '1fr',
    minWidth: 125,
    dropOrder: 2,
    render: (r) => <RelativeTime value={r.lastContact} />,
  },
  {
    key: 'os',
    label: 'OS',
    sortField: 'os',
    width: '1.4fr',
    minWidth: 130,
    dropOrder: 6,
    render: (r) => r.osName ?? '—',
  },
  {
    key: 'user',
    label: 'Last user',
    width: '1.2fr',
    minWidth: 130,
    dropOrder: 7,
    render: (r) => r.lastUser ?? '—',
  },
  {
    key: 'ip',
    label: 'IP',
    width: '1fr',
    minWidth: 110,
    dropOrder: 3,
    render: (r) => r.ipAddresses[0] ?? '—',
  },
  {
    key: 'alerts',
    label: 'Alerts',
    sortField: 'alerts',
    width: '0.6fr',
    minWidth: 70,
    render: (r) =>
      r.alertCount ? (
        <span className={`severity severity-${r.maxAlertSeverity ?? 'NONE'}`}>{r.alertCount}</span>
      ) : (
        ''
      ),
  },
  {
    key: 'patches',
    label: 'Patches',
    width: '0.8fr',
    minWidth: 100,
    dropOrder: 1,
    render: (r) => r.patchState.replaceAll('_', ' '),
  },
];

/** Every device in one scrolling table; only the rows on screen exist in the DOM. */
export function AssetList({ onRowKey }: { onRowKey?: RowKeyHandler<AssetRow> }) {
  const rows = useAssetList((s) => s.rows);
  const total = useAssetList((s) => s.total);
  const ensureLoaded = useAssetList((s) => s.ensureLoaded);
  const sort = useAssetsView((s) => s.sort);
  const setSort = useAssetsView((s) => s.setSort);
  const item = useNavigation((s) => s.route.item);
  const navigate = useNavigation((s) => s.navigate);

  return (
    <VirtualTable
      label="Devices"
      testId="asset-scroll"
      columns={columns}
      rows={rows}
      count={total ?? rows.length}
      rowKey={(r) => String(r.id)}
      ensureLoaded={ensureLoaded}
      selectedKey={item}
      onOpen={(r) => navigate('assets', String(r.id))}
      onRowKey={onRowKey}
      sort={sort}
      onSort={(field) =>
        setSort({
          field: field as AssetSort['field'],
          direction: sort.field === field && sort.direction === 'asc' ? 'desc' : 'asc',
        })
      }
    />
  );
}
