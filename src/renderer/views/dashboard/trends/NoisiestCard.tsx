import type { ReactNode } from 'react';
import type { NoisyCondition, NoisyDevice } from '../../../../shared/contract/dashboard-trends';
import { useNow } from '../../../format/use-now';
import { useQuery } from '../../../rpc/use-query';
import { openAlerts } from '../drill-down';
import { longDayLabel } from './buckets';
import { ErrorBanner } from '../../../components/fields';

const WEEK_MS = 7 * 86_400_000;

function Ranked<T>({
  title,
  items,
  triggers,
  name,
  detail,
  flapping,
  onOpen,
}: {
  title: string;
  items: readonly T[];
  triggers(item: T): number;
  name(item: T): string;
  detail(item: T): ReactNode;
  flapping(item: T): number;
  onOpen(item: T): void;
}) {
  const top = Math.max(1, ...items.map(triggers));
  return (
    <div className="ranked">
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p className="muted">No alerts triggered.</p>
      ) : (
        <ol>
          {items.map((item) => (
            <li key={name(item)}>
              <button type="button" className="ranked-row" onClick={() => onOpen(item)}>
                <span className="ranked-name">{name(item)}</span>
                <span className="ranked-bar" aria-hidden="true">
                  <span style={{ width: `${(triggers(item) / top) * 100}%` }} />
                </span>
                <span className="ranked-count">
                  {triggers(item).toLocaleString()}
                  <span className="visually-hidden"> triggers</span>
                </span>
                <span className="ranked-detail">
                  {flapping(item) ? (
                    <span
                      className="flapping"
                      title={`${flapping(item)} alerts triggered again after resetting`}
                    >
                      ↯ {flapping(item)} flapping ·{' '}
                    </span>
                  ) : null}
                  <span className="muted">{detail(item)}</span>
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/**
 * The devices and conditions that alerted most in the last 7 days, flapping ones marked (an alert
 * that triggered again after it reset). A row opens those alerts.
 */
export function NoisiestCard() {
  const now = useNow(60_000);
  const since = now - WEEK_MS;
  const query = useQuery(
    'dashboard.noisiest',
    // Per hour is fresh enough for a week; the cache keeps this history per day.
    { since: since - (since % 3_600_000), limit: 6 },
    { refreshOn: ['activities'] },
  );
  const n = query.data;
  return (
    <section className="card trend" aria-labelledby="trend-noisiest">
      <header className="trend-header">
        <h2 id="trend-noisiest">Noisiest this week</h2>
        {n ? <span className="muted">since {longDayLabel(n.since)}</span> : null}
      </header>
      <ErrorBanner message={query.error} />
      {n ? (
        <div className="ranked-pair">
          <Ranked<NoisyDevice>
            title="Devices"
            items={n.devices}
            name={(d) => d.deviceName}
            triggers={(d) => d.triggers}
            flapping={(d) => d.flapping}
            detail={(d) =>
              `${d.alerts} alert${d.alerts === 1 ? '' : 's'} · ${d.organizationName ?? 'no organization'}`
            }
            onOpen={(d) =>
              openAlerts({ states: ['open', 'reset'], deviceId: d.deviceId, createdAfter: n.since })
            }
          />
          <Ranked<NoisyCondition>
            title="Conditions"
            items={n.conditions}
            name={(c) => c.condition || '(no condition name)'}
            triggers={(c) => c.triggers}
            flapping={(c) => c.flapping}
            detail={(c) =>
              `${c.devices} device${c.devices === 1 ? '' : 's'} · worst ${c.maxSeverity.toLowerCase()}`
            }
            onOpen={(c) =>
              openAlerts({ states: ['open', 'reset'], condition: c.condition, createdAfter: n.since })
            }
          />
        </div>
      ) : (
        <p className="muted">{query.loading ? 'Loading…' : null}</p>
      )}
    </section>
  );
}
