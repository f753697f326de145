import { useEffect, useState } from 'react';
import type { MappingRow } from '../../../shared/contract/psa';
import { PagedTable } from '../../components/PagedTable';
import type { Column } from '../../components/VirtualTable';
import { consoleClient } from '../../rpc/client';
import { useQuery } from '../../rpc/use-query';
import { createPagedList } from '../../state/paged-list';
import { errorText, useToasts } from '../../state/toasts-slice';

const useMappingList = createPagedList('mapping.list', { first: 200, next: 500 });

function ClientPicker({ row, onDone }: { row: MappingRow; onDone(): void }) {
  const [search, setSearch] = useState(row.suggestion?.name ?? row.organizationName);
  const clients = useQuery('psa.clients', { search: search.trim() || undefined, limit: 20 });
  const toast = useToasts((s) => s.show);
  const pick = (clientId: string): void => {
    consoleClient()
      .call('mapping.change', { organizationId: row.organizationId, clientId })
      .then((r) => {
        toast('success', `${r.organizationName} → ${r.client?.name ?? ''}`);
        onDone();
      })
      .catch((e: unknown) => toast('error', errorText(e)));
  };
  return (
    <div className="picker" role="group" aria-label={`Pick a client for ${row.organizationName}`}>
      <input
        type="search"
        aria-label="Search clients"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        autoFocus
      />
      <ul className="plain-list">
        {clients.data?.items.map((c) => (
          <li key={c.id}>
            <button type="button" className="link-button" onClick={() => pick(c.id)}>
              {c.name}
              {c.inactive ? ' (inactive)' : ''}
            </button>
          </li>
        ))}
        {clients.data?.items.length === 0 ? <li className="muted">No client matches.</li> : null}
      </ul>
      <button type="button" className="link-button" onClick={onDone}>
        Cancel
      </button>
    </div>
  );
}

/** Which Alga PSA client each NinjaOne organization's tickets go to: suggestions, confirmation, overrides. */
export function MappingSettings() {
  const [state, setState] = useState<'' | 'mapped' | 'suggested' | 'unmapped'>('');
  const [picking, setPicking] = useState<MappingRow | null>(null);
  const toast = useToasts((s) => s.show);
  const rows = useMappingList((s) => s.rows);
  const reload = useMappingList((s) => s.reload);
  useEffect(() => {
    const client = consoleClient();
    const offs = [client.on('mapping.changed', reload), client.on('psa.statusChanged', reload)];
    return () => offs.forEach((off) => off());
  }, [reload]);
  const act = (work: Promise<string>): void => {
    work.then(
      (m) => {
        toast('success', m);
        reload();
      },
      (e: unknown) => toast('error', errorText(e)),
    );
  };
  const exact = rows
    .filter((r) => r.state === 'suggested' && r.suggestion?.exact)
    .map((r) => r.organizationId);
  const columns: Column<MappingRow>[] = [
    {
      key: 'org',
      label: 'Organization',
      width: '1.6fr',
      render: (r) => `${r.organizationName} (${r.deviceCount})`,
    },
    {
      key: 'client',
      label: 'PSA client',
      width: '1.6fr',
      render: (r) =>
        r.client ? (
          <span className={r.client.exists ? '' : 'tone-bad'}>
            {r.client.name}
            {r.client.exists ? '' : ' (gone from the PSA)'}
          </span>
        ) : r.suggestion ? (
          <span className="muted">
            suggested: {r.suggestion.name} ({Math.round(r.suggestion.score * 100)}%
            {r.suggestion.exact ? ', exact' : ''})
          </span>
        ) : (
          <span className="muted">no match</span>
        ),
    },
    {
      key: 'actions',
      label: '',
      width: '1.4fr',
      render: (r) => (
        <span className="row-actions" onClick={(e) => e.stopPropagation()}>
          {r.state === 'suggested' ? (
            <button
              type="button"
              className="link-button"
              onClick={() =>
                act(
                  consoleClient()
                    .call('mapping.confirm', { organizationIds: [r.organizationId] })
                    .then(() => `${r.organizationName} → ${r.suggestion?.name ?? ''}`),
                )
              }
            >
              Confirm
            </button>
          ) : null}
          <button type="button" className="link-button" onClick={() => setPicking(r)}>
            {r.client ? 'Change' : 'Choose'}
          </button>
          {r.client ? (
            <button
              type="button"
              className="link-button"
              onClick={() =>
                act(
                  consoleClient()
                    .call('mapping.clear', { organizationIds: [r.organizationId] })
                    .then(() => `${r.organizationName} is no longer mapped`),
                )
              }
            >
              Clear
            </button>
          ) : null}
        </span>
      ),
    },
  ];
  return (
    <section className="card settings-card wide" aria-labelledby="mapping-title">
      <h2 id="mapping-title">Organizations → PSA clients</h2>
      <p className="muted">
        Tickets go to the client an organization is mapped to. Suggestions come from matching names; only
        confirmed mappings are used.
      </p>
      <div className="form-row">
        <label>
          Show
          <select value={state} onChange={(e) => setState(e.target.value as typeof state)}>
            <option value="">All</option>
            <option value="suggested">Suggested, to confirm</option>
            <option value="unmapped">Not mapped</option>
            <option value="mapped">Mapped</option>
          </select>
        </label>
        {exact.length ? (
          <button
            type="button"
            onClick={() =>
              act(
                consoleClient()
                  .call('mapping.confirm', { organizationIds: exact })
                  .then((r) => `Confirmed ${r.confirmed.length} exact matches`),
              )
            }
          >
            Confirm {exact.length} exact match{exact.length === 1 ? '' : 'es'}
          </button>
        ) : null}
      </div>
      {picking ? <ClientPicker row={picking} onDone={() => (setPicking(null), reload())} /> : null}
      <div className="mapping-table">
        <PagedTable
          label="Organization mapping"
          store={useMappingList}
          query={{ filter: state ? { states: [state] } : {} }}
          columns={columns}
          rowKey={(r) => String(r.organizationId)}
          empty="No organizations yet: they arrive with the first NinjaOne sync."
        />
      </div>
    </section>
  );
}
