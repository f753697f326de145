import { assetTypes, patchStates } from '../../../shared/contract/domain';
import { useAssetsView } from '../../state/assets-slice';
import { OrganizationSelect } from '../../components/OrganizationSelect';
import { YesNoAnySelect } from '../../components/fields';
import { PsaClientSelect } from '../../components/PsaClientSelect';
import { absoluteTime } from '../../format/time';
import { SavedFilters } from './SavedFilters';

const label = (value: string): string => value.replaceAll('_', ' ');

/** Filter controls over the indexed device columns; every change reloads the first page. */
export function AssetFilters() {
  const filter = useAssetsView((s) => s.filter);
  const setFilter = useAssetsView((s) => s.setFilter);
  const active = Object.values(filter).some((v) => v !== undefined && (!Array.isArray(v) || v.length > 0));

  return (
    <div className="filters" role="group" aria-label="Filters">
      <OrganizationSelect
        value={filter.organizationIds}
        onChange={(organizationIds) => setFilter({ ...filter, organizationIds })}
      />
      <PsaClientSelect
        value={filter.psaClientIds}
        onChange={(psaClientIds) => setFilter({ ...filter, psaClientIds })}
      />
      <label>
        Type
        <select
          value={filter.assetTypes?.[0] ?? ''}
          onChange={(e) =>
            setFilter({
              ...filter,
              assetTypes: e.target.value ? [e.target.value as (typeof assetTypes)[number]] : undefined,
            })
          }
        >
          <option value="">All</option>
          {assetTypes.map((t) => (
            <option key={t} value={t}>
              {label(t)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Status
        <select
          value={filter.agentStatus ?? ''}
          onChange={(e) =>
            setFilter({ ...filter, agentStatus: (e.target.value || undefined) as typeof filter.agentStatus })
          }
        >
          <option value="">All</option>
          <option value="online">Online</option>
          <option value="offline">Offline</option>
        </select>
      </label>
      <YesNoAnySelect
        label="Alerts"
        value={filter.hasAlerts}
        onChange={(hasAlerts) => setFilter({ ...filter, hasAlerts })}
        yes="Has open alerts"
        no="No open alerts"
      />
      <label>
        Patches
        <select
          value={filter.patchStates?.[0] ?? ''}
          onChange={(e) =>
            setFilter({
              ...filter,
              patchStates: e.target.value ? [e.target.value as (typeof patchStates)[number]] : undefined,
            })
          }
        >
          <option value="">Any</option>
          {patchStates.map((p) => (
            <option key={p} value={p}>
              {label(p)}
            </option>
          ))}
        </select>
      </label>
      {filter.antivirusStates?.length ? (
        <button
          type="button"
          className="chip"
          onClick={() => setFilter({ ...filter, antivirusStates: undefined })}
          aria-label="Remove the antivirus filter"
        >
          Antivirus: {filter.antivirusStates.map(label).join(', ')} ×
        </button>
      ) : null}
      {filter.lastContactAfter !== undefined ? (
        <button
          type="button"
          className="chip"
          onClick={() => setFilter({ ...filter, lastContactAfter: undefined })}
          aria-label="Remove the last contact filter"
        >
          Last contact since {absoluteTime(filter.lastContactAfter)} ×
        </button>
      ) : null}
      {(filter.assetTypes?.length ?? 0) > 1 ? (
        <button
          type="button"
          className="chip"
          onClick={() => setFilter({ ...filter, assetTypes: undefined })}
          aria-label="Remove the type filter"
        >
          Types: {filter.assetTypes!.map(label).join(', ')} ×
        </button>
      ) : null}
      {active ? (
        <button type="button" className="link-button" onClick={() => setFilter({})}>
          Clear filters
        </button>
      ) : null}
      <SavedFilters />
    </div>
  );
}
