import { useQuery } from '../../rpc/use-query';
import { useAlertsView } from '../../state/alerts-slice';

/** Groups by device or condition; opening one narrows the list to it. */
export function AlertGroups({ by }: { by: 'device' | 'condition' }) {
  const filter = useAlertsView((s) => s.filter);
  const setFilter = useAlertsView((s) => s.setFilter);
  const setGrouping = useAlertsView((s) => s.setGrouping);
  const groups = useQuery('alerts.groups', { by, filter, limit: 200 }, { refreshOn: ['alerts'] });
  if (groups.error)
    return (
      <div role="alert" className="error-banner">
        {groups.error}
      </div>
    );
  if (!groups.data) return <p className="muted">Loading…</p>;
  if (!groups.data.items.length) return <div className="empty-state">No alerts match these filters.</div>;
  return (
    <ul className="groups" aria-label={`Alerts by ${by}`}>
      {groups.data.items.map((g) => (
        <li key={g.key}>
          <button
            type="button"
            className="group"
            onClick={() => {
              setFilter(
                by === 'device' ? { ...filter, deviceId: Number(g.key) } : { ...filter, condition: g.key },
              );
              setGrouping('none');
            }}
          >
            <span className={`severity severity-${g.maxSeverity}`}>{g.maxSeverity.toLowerCase()}</span>
            <span className="group-label">{g.label}</span>
            <span className="group-count">{g.count}</span>
            {g.flapping ? (
              <span className="badge" title="Series that triggered more than once">
                {g.flapping} flapping
              </span>
            ) : null}
          </button>
        </li>
      ))}
      {groups.data.nextCursor ? <li className="muted">Showing the 200 largest groups.</li> : null}
    </ul>
  );
}
