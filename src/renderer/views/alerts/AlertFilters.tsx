import type { AlertFilter } from '../../../shared/contract/alerts';
import { severities, type Severity } from '../../../shared/contract/domain';
import { useAlertsView, type AlertGrouping } from '../../state/alerts-slice';
import { OrganizationSelect } from '../../components/OrganizationSelect';
import { absoluteTime } from '../../format/time';
import { YesNoAnySelect } from '../../components/fields';
import { useQuery } from '../../rpc/use-query';

const ages: { label: string; ms: number | null }[] = [
  { label: 'Any age', ms: null },
  { label: 'Last hour', ms: 3_600_000 },
  { label: 'Last 24 hours', ms: 86_400_000 },
  { label: 'Last 7 days', ms: 7 * 86_400_000 },
];

/**
 * A time window a dashboard trend opened the list with (not one of the age choices): said in words so
 * the technician sees why the list is what it is, and removable.
 */
function timeWindow(filter: AlertFilter, ageMs: number | null): string | null {
  const span = (from?: number, to?: number): string =>
    from !== undefined && to !== undefined
      ? `${absoluteTime(from)} – ${absoluteTime(to)}`
      : from !== undefined
        ? `since ${absoluteTime(from)}`
        : `before ${absoluteTime(to!)}`;
  if (filter.resetAfter !== undefined || filter.resetBefore !== undefined)
    return `Reset ${span(filter.resetAfter, filter.resetBefore)}`;
  if (filter.createdBefore !== undefined || (filter.createdAfter !== undefined && ageMs === null))
    return `Triggered ${span(filter.createdAfter, filter.createdBefore)}`;
  return null;
}

export function AlertFilters() {
  const filter = useAlertsView((s) => s.filter);
  const setFilter = useAlertsView((s) => s.setFilter);
  const grouping = useAlertsView((s) => s.grouping);
  const setGrouping = useAlertsView((s) => s.setGrouping);
  const ageMs = useAlertsView((s) => s.ageMs);
  const setAge = useAlertsView((s) => s.setAge);
  const timeSpan = timeWindow(filter, ageMs);
  // The organization list counts what this view lists: alerts in the chosen state, not devices.
  const perOrganization = useQuery(
    'alerts.groups',
    { by: 'organization', filter: { states: filter.states }, limit: 500 },
    { refreshOn: ['alerts'] },
  );
  const alertCounts = new Map(perOrganization.data?.items.map((g) => [Number(g.key), g.count]));
  const stateWord = filter.states.length === 1 ? `${filter.states[0]} ` : '';
  const alertsOf = (o: { id: number }): string => {
    const n = alertCounts.get(o.id) ?? 0;
    return n ? `${n} ${stateWord}alert${n === 1 ? '' : 's'}` : `no ${stateWord}alerts`;
  };
  const toggleSeverity = (severity: Severity): void => {
    const current = new Set(filter.severities ?? []);
    if (current.has(severity)) current.delete(severity);
    else current.add(severity);
    setFilter({ ...filter, severities: current.size ? [...current] : undefined });
  };

  return (
    <div className="filters" role="group" aria-label="Alert filters">
      <div className="chips" role="group" aria-label="Severity">
        {[...severities].reverse().map((s) => (
          <button
            key={s}
            type="button"
            className={`chip severity-${s}`}
            aria-pressed={filter.severities?.includes(s) ?? false}
            onClick={() => toggleSeverity(s)}
          >
            {s.toLowerCase()}
          </button>
        ))}
      </div>
      <OrganizationSelect
        value={filter.organizationIds}
        onChange={(organizationIds) => setFilter({ ...filter, organizationIds })}
        countOf={alertsOf}
      />
      <label>
        Age
        <select value={ageMs ?? ''} onChange={(e) => setAge(e.target.value ? Number(e.target.value) : null)}>
          {ages.map((a) => (
            <option key={a.label} value={a.ms ?? ''}>
              {a.label}
            </option>
          ))}
        </select>
      </label>
      <YesNoAnySelect
        label="Ticket"
        value={filter.hasTicket}
        onChange={(hasTicket) => setFilter({ ...filter, hasTicket })}
        yes="Has a ticket"
        no="No ticket"
      />
      <label>
        State
        <select
          value={filter.states.join(',')}
          onChange={(e) =>
            setFilter({ ...filter, states: e.target.value.split(',') as ('open' | 'reset')[] })
          }
        >
          <option value="open">Open</option>
          <option value="reset">Reset</option>
          <option value="open,reset">All</option>
        </select>
      </label>
      <label>
        Group by
        <select value={grouping} onChange={(e) => setGrouping(e.target.value as AlertGrouping)}>
          <option value="none">Nothing</option>
          <option value="device">Device</option>
          <option value="condition">Condition</option>
        </select>
      </label>
      {filter.deviceId !== undefined || filter.condition !== undefined ? (
        <button
          type="button"
          className="chip"
          onClick={() => setFilter({ ...filter, deviceId: undefined, condition: undefined })}
          aria-label="Remove the device or condition filter"
        >
          {filter.condition !== undefined
            ? `Condition: ${filter.condition || '(none)'}`
            : `Device ${filter.deviceId}`}{' '}
          ×
        </button>
      ) : null}
      {timeSpan ? (
        <button
          type="button"
          className="chip"
          onClick={() =>
            setFilter({
              ...filter,
              createdAfter: undefined,
              createdBefore: undefined,
              resetAfter: undefined,
              resetBefore: undefined,
            })
          }
          aria-label={`Remove the time window: ${timeSpan}`}
        >
          {timeSpan} ×
        </button>
      ) : null}
    </div>
  );
}
