import { useState } from 'react';
import { DetailPanel } from '../../components/DetailPanel';
import type { InputOf, OutputOf } from '../../../shared/rpc/define';
import type { Procedures } from '../../../shared/contract';
import { parseSoftwareQuery } from '../../../shared/version-compare';
import { PagedTable } from '../../components/PagedTable';
import type { Column } from '../../components/VirtualTable';
import { useQuery } from '../../rpc/use-query';
import {
  useSoftwareInstallList,
  useSoftwareInstallSelection,
  useSoftwareTitleList,
} from '../../state/inventory-slices';
import { useSoftwareView } from '../../state/software-slice';
import { DeviceDrillDown } from '../assets/DeviceDrillDown';

type TitleRow = OutputOf<Procedures, 'software.titles'>['items'][number];
type InstallRow = OutputOf<Procedures, 'software.installs'>['items'][number];
/** Which installations a list shows: its procedure's input without paging. */
type InstallQuery = Omit<InputOf<Procedures, 'software.installs'>, 'cursor' | 'limit'>;

const titleColumns: Column<TitleRow>[] = [
  { key: 'name', label: 'Title', width: '3fr', minWidth: 220, render: (r) => r.name },
  {
    key: 'publisher',
    label: 'Publisher',
    width: '2fr',
    minWidth: 150,
    dropOrder: 1,
    render: (r) => r.publisher ?? '—',
  },
  {
    key: 'devices',
    label: 'Devices',
    width: '0.8fr',
    minWidth: 80,
    render: (r) => r.devices.toLocaleString(),
  },
  { key: 'versions', label: 'Versions', width: '0.8fr', minWidth: 80, render: (r) => r.versions },
];

const installColumns: Column<InstallRow>[] = [
  { key: 'device', label: 'Device', width: '2fr', minWidth: 130, render: (r) => r.deviceName },
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
  { key: 'title', label: 'Title', width: '2fr', minWidth: 150, dropOrder: 4, render: (r) => r.title },
  { key: 'version', label: 'Version', width: '1.2fr', minWidth: 130, render: (r) => r.version ?? '—' },
];

/** The installations a question or a title lists: selectable by device, exportable. */
function Installs({ query }: { query: InstallQuery }) {
  return (
    <DeviceDrillDown
      label="Installations"
      noun="installation"
      store={useSoftwareInstallList}
      selection={useSoftwareInstallSelection}
      query={query}
      exportRequest={(ids) => ({ list: 'softwareInstalls', ...query, ids })}
      columns={installColumns}
      rowKey={(r) => `${r.deviceId}:${r.titleId}:${r.version ?? ''}`}
    />
  );
}

function VersionSpread({
  title,
  onPick,
  picked,
}: {
  title: TitleRow;
  picked: string | null;
  onPick(version: string | null): void;
}) {
  const spread = useQuery('software.versions', { titleId: title.id }, { refreshOn: ['device_software'] });
  const max = Math.max(1, ...(spread.data?.versions.map((v) => v.devices) ?? [1]));
  return (
    <ul className="spread" aria-label="Version spread">
      {spread.data?.versions.map((v) => (
        <li key={v.version ?? ''}>
          <button
            type="button"
            className="spread-row"
            aria-pressed={picked === v.version}
            onClick={() => onPick(picked === v.version ? null : v.version)}
          >
            <span className="spread-version">{v.version ?? '(no version)'}</span>
            <span className="spread-bar" style={{ width: `${(100 * v.devices) / max}%` }} />
            <span className="spread-count">{v.devices}</span>
          </button>
        </li>
      ))}
      {spread.data?.truncated ? <li className="muted">Showing the 1,000 most common versions.</li> : null}
    </ul>
  );
}

/** Fleet-wide software: "who has Chrome below 120", "every device with AnyDesk", version spread. */
export function SoftwareView() {
  const text = useSoftwareView((s) => s.text);
  const setText = useSoftwareView((s) => s.setText);
  const [title, setTitle] = useState<TitleRow | null>(null);
  const [version, setVersion] = useState<string | null>(null);
  const query = parseSoftwareQuery(text);
  // A version condition or a question about devices lists the devices; a plain name lists titles.
  const asking = query.version !== undefined || query.devices === true;

  return (
    <div className={`split${title ? ' with-detail' : ''}`}>
      <section className="view" aria-labelledby="software-title">
        <header className="view-header">
          <h1 id="software-title">Software</h1>
          <input
            type="search"
            className="search"
            aria-label="Search software"
            placeholder="A title, or a question: “chrome below 120”, “every device with AnyDesk”"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setTitle(null);
            }}
          />
          {asking ? (
            <span className="muted" role="status">
              Devices with “{query.name}”
              {query.version ? ` version ${query.version.op} ${query.version.value}` : ''}
            </span>
          ) : null}
        </header>
        {asking ? (
          <Installs query={{ name: query.name, version: query.version }} />
        ) : (
          <PagedTable
            label="Software titles"
            store={useSoftwareTitleList}
            query={{ search: query.name || undefined }}
            columns={titleColumns}
            rowKey={(r) => String(r.id)}
            selectedKey={title ? String(title.id) : null}
            onOpen={(r) => {
              setTitle(r);
              setVersion(null);
            }}
            empty={
              query.name
                ? `No installed software matches “${query.name}”.`
                : 'No software inventory in the cache yet: it arrives with the first sync from NinjaOne.'
            }
          />
        )}
      </section>
      {title ? (
        <DetailPanel label="Title detail" title={title.name} onClose={() => setTitle(null)}>
          <p className="muted">
            {title.publisher ?? 'Unknown publisher'} · on {title.devices.toLocaleString()} devices
          </p>
          <h3>Versions</h3>
          <VersionSpread title={title} picked={version} onPick={setVersion} />
          <h3>{version ? `Devices on ${version}` : 'Devices'}</h3>
          <Installs
            query={{
              name: title.name,
              titleId: title.id,
              version: version ? { op: '=', value: version } : undefined,
            }}
          />
        </DetailPanel>
      ) : null}
    </div>
  );
}
