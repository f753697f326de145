import { useState } from 'react';
import { severities } from '../../../shared/contract/domain';
import type { NotificationPreferences } from '../../../shared/contract/notifications';
import { RelativeTime } from '../../format/RelativeTime';
import { useNow } from '../../format/use-now';
import { consoleClient } from '../../rpc/client';
import { useQuery } from '../../rpc/use-query';
import { useNotificationPermission } from '../../shell/browser-notifications';
import { errorText, useToasts } from '../../state/toasts-slice';
import { Checkbox } from '../../components/fields';

/** In the browser form: whether this browser may show them, and the way to allow it. */
function BrowserNotifications() {
  const { permission, request } = useNotificationPermission();
  if (window.consoleApi) return null;
  return (
    <p role="status">
      {permission === 'granted'
        ? 'This browser shows them as notifications.'
        : permission === 'denied'
          ? 'This browser blocks notifications from the console: allow them in its site settings.'
          : permission === 'unsupported'
            ? 'This browser cannot show notifications.'
            : 'This browser does not show them yet. '}
      {permission === 'default' ? (
        <button type="button" className="link-button" onClick={request}>
          Allow browser notifications
        </button>
      ) : null}
    </p>
  );
}

/** Which new alerts become desktop notifications: severity, quiet hours, muted organizations, pause. */
export function NotificationSettings() {
  const prefs = useQuery(
    'notifications.getPreferences',
    {},
    { refreshOnEvents: ['notifications.preferencesChanged'] },
  );
  const organizations = useQuery('organizations.list', { limit: 500 }, { refreshOn: ['organizations'] });
  const timeZone = useQuery('app.info', {}).data?.timeZone;
  const toast = useToasts((s) => s.show);
  const [quiet, setQuiet] = useState<{ start: string; end: string } | null>(null);
  const now = useNow();
  const save = (patch: Partial<NotificationPreferences>): void => {
    consoleClient()
      .call('notifications.setPreferences', patch)
      .then(() => prefs.reload())
      .catch((e: unknown) => toast('error', errorText(e)));
  };
  const p = prefs.data;
  if (!p) return null;
  const quietHours = quiet ?? (p.quietHours ? { start: p.quietHours.start, end: p.quietHours.end } : null);
  const muted = new Set(p.mutedOrganizationIds);
  return (
    <section className="card settings-card" aria-labelledby="notifications-title">
      <h2 id="notifications-title">Notifications</h2>
      <Checkbox checked={p.enabled} onChange={(checked) => save({ enabled: checked })}>
        Notify me of new alerts
      </Checkbox>
      {p.pausedUntil && p.pausedUntil > now ? (
        <p role="status">
          Paused until <RelativeTime value={p.pausedUntil} />.{' '}
          <button type="button" className="link-button" onClick={() => save({ pausedUntil: null })}>
            Resume now
          </button>
        </p>
      ) : (
        <button
          type="button"
          className="link-button"
          onClick={() => save({ pausedUntil: Date.now() + 3_600_000 })}
        >
          Pause for 1 hour
        </button>
      )}
      <label>
        Minimum severity
        <select
          value={p.minimumSeverity}
          onChange={(e) =>
            save({ minimumSeverity: e.target.value as NotificationPreferences['minimumSeverity'] })
          }
        >
          {severities.map((s) => (
            <option key={s} value={s}>
              {s.toLowerCase()} and above
            </option>
          ))}
        </select>
      </label>
      <BrowserNotifications />
      <fieldset>
        <legend>Quiet hours</legend>
        {timeZone ? (
          <p className="muted" id="quiet-hours-zone">
            Times are in {timeZone.replaceAll('_', ' ')}, the time zone of the computer the console runs on.
          </p>
        ) : null}
        <Checkbox
          checked={quietHours !== null}
          onChange={(checked) => {
            if (checked) setQuiet({ start: '22:00', end: '07:00' });
            else {
              setQuiet(null);
              save({ quietHours: null });
            }
          }}
        >
          Stay quiet at night
        </Checkbox>
        {quietHours ? (
          <div className="form-row">
            <label>
              From
              <input
                type="time"
                aria-describedby="quiet-hours-zone"
                value={quietHours.start}
                onChange={(e) => setQuiet({ ...quietHours, start: e.target.value })}
              />
            </label>
            <label>
              To
              <input
                type="time"
                aria-describedby="quiet-hours-zone"
                value={quietHours.end}
                onChange={(e) => setQuiet({ ...quietHours, end: e.target.value })}
              />
            </label>
            <Checkbox
              checked={p.quietHours?.exceptCritical ?? true}
              onChange={(checked) => save({ quietHours: { ...quietHours, exceptCritical: checked } })}
            >
              Critical alerts still notify
            </Checkbox>
            <button
              type="button"
              onClick={() =>
                save({ quietHours: { ...quietHours, exceptCritical: p.quietHours?.exceptCritical ?? true } })
              }
            >
              Save quiet hours
            </button>
          </div>
        ) : null}
      </fieldset>
      <label>
        Group a storm into one notification from
        <input
          type="number"
          min={2}
          max={100}
          value={p.groupThreshold}
          onChange={(e) => save({ groupThreshold: Math.max(2, Number(e.target.value) || 2) })}
        />{' '}
        alerts
      </label>
      <details>
        <summary>Muted organizations ({muted.size})</summary>
        <ul className="plain-list checklist">
          {organizations.data?.items.map((o) => (
            <li key={o.id}>
              <label className="inline">
                <input
                  type="checkbox"
                  checked={muted.has(o.id)}
                  onChange={(e) => {
                    const next = new Set(muted);
                    if (e.target.checked) next.add(o.id);
                    else next.delete(o.id);
                    save({ mutedOrganizationIds: [...next] });
                  }}
                />
                {o.name}
              </label>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
