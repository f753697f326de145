import type { AssetFilter } from '../../../shared/contract/assets';
import { useQuery } from '../../rpc/use-query';
import { useAssetsView } from '../../state/assets-slice';

interface Chip {
  key: string;
  label: string;
  remove(): void;
}

const words = (value: string): string => value.replaceAll('_', ' ');

/**
 * Every part of the query the list is showing, each removable on its own: after a drill-down from
 * the dashboard or the patches view, the technician sees what narrowed the list and can widen it.
 */
export function ActiveFilters() {
  const search = useAssetsView((s) => s.search);
  const filter = useAssetsView((s) => s.filter);
  const setSearch = useAssetsView((s) => s.setSearch);
  const setFilter = useAssetsView((s) => s.setFilter);
  const organizations = useQuery('organizations.list', { limit: 500 }, { refreshOn: ['organizations'] });
  const clients = useQuery(
    'psa.clients',
    { limit: 500 },
    { refreshOnEvents: ['psa.statusChanged', 'mapping.changed'] },
  );
  const without = (key: keyof Omit<AssetFilter, 'search'>) => () =>
    setFilter({ ...filter, [key]: undefined });

  const chips: Chip[] = [];
  if (search.trim())
    chips.push({ key: 'search', label: `Search: “${search.trim()}”`, remove: () => setSearch('') });
  if (filter.organizationIds?.length) {
    const names = filter.organizationIds.map(
      (id) => organizations.data?.items.find((o) => o.id === id)?.name ?? `organization ${id}`,
    );
    chips.push({
      key: 'org',
      label: `Organization: ${names.join(', ')}`,
      remove: without('organizationIds'),
    });
  }
  if (filter.psaClientIds?.length) {
    const names = filter.psaClientIds.map(
      (id) => clients.data?.items.find((c) => c.id === id)?.name ?? `client ${id}`,
    );
    chips.push({ key: 'client', label: `PSA client: ${names.join(', ')}`, remove: without('psaClientIds') });
  }
  if (filter.assetTypes?.length)
    chips.push({
      key: 'type',
      label: `Type: ${filter.assetTypes.map(words).join(', ')}`,
      remove: without('assetTypes'),
    });
  if (filter.agentStatus)
    chips.push({ key: 'status', label: `Status: ${filter.agentStatus}`, remove: without('agentStatus') });
  if (filter.hasAlerts !== undefined)
    chips.push({
      key: 'alerts',
      label: filter.hasAlerts ? 'Has open alerts' : 'No open alerts',
      remove: without('hasAlerts'),
    });
  if (filter.patchStates?.length)
    chips.push({
      key: 'patches',
      label: `Patches: ${filter.patchStates.map(words).join(', ')}`,
      remove: without('patchStates'),
    });

  if (!chips.length) return null;
  return (
    <ul className="active-filters" aria-label="Active filters">
      {chips.map((chip) => (
        <li key={chip.key}>
          <button
            type="button"
            className="chip removable"
            onClick={chip.remove}
            aria-label={`Remove ${chip.label}`}
          >
            {chip.label} <span aria-hidden="true">×</span>
          </button>
        </li>
      ))}
      {chips.length > 1 ? (
        <li>
          <button
            type="button"
            className="link-button"
            onClick={() => useAssetsView.getState().openQuery({})}
          >
            Clear all
          </button>
        </li>
      ) : null}
    </ul>
  );
}
