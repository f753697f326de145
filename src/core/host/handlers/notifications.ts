import type { notificationPreferencesSchema } from '../../../shared/contract/notifications';
import type { OpenAlertCountsPublisher } from '../../alerts/open-alert-counts';
import type { PreferenceStore } from '../preference-store';
import type { Handlers } from '../rpc-server';

export function notificationHandlers(
  preferences: PreferenceStore<typeof notificationPreferencesSchema>,
  counts: OpenAlertCountsPublisher,
): Pick<Handlers, 'notifications.getPreferences' | 'notifications.setPreferences' | 'alerts.openCounts'> {
  return {
    'notifications.getPreferences': () => preferences.get(),
    'notifications.setPreferences': (patch) => preferences.update(patch),
    'alerts.openCounts': () => counts.current(),
  };
}
