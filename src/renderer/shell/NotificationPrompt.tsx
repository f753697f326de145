import { useState } from 'react';
import { useQuery } from '../rpc/use-query';
import { useNotificationPermission } from './browser-notifications';

const dismissedKey = 'alga-console-notification-prompt';

/**
 * The browser form asks once, and only with the technician's click, whether it may show
 * notifications; the answer lives in the browser's site settings from then on.
 */
export function NotificationPrompt() {
  const { permission, request } = useNotificationPermission();
  const prefs = useQuery(
    'notifications.getPreferences',
    {},
    { refreshOnEvents: ['notifications.preferencesChanged'] },
  );
  const [dismissed, setDismissed] = useState(() => localStorage.getItem(dismissedKey) === '1');
  if (dismissed || permission !== 'default' || !prefs.data?.enabled) return null;
  return (
    <div className="notice prompt-banner" role="region" aria-label="Browser notifications">
      <span>Let this browser notify you of new alerts while the console is in the background.</span>
      <button type="button" className="primary" onClick={request}>
        Allow notifications
      </button>
      <button
        type="button"
        className="link-button"
        onClick={() => {
          localStorage.setItem(dismissedKey, '1');
          setDismissed(true);
        }}
      >
        Not now
      </button>
    </div>
  );
}
