import type { notificationPreferencesSchema } from '../../../shared/contract/notifications';
import type { PreferenceStore } from '../preference-store';
import type { Handlers } from '../rpc-server';

export function notificationHandlers(
  preferences: PreferenceStore<typeof notificationPreferencesSchema>,
): Pick<Handlers, 'notifications.getPreferences' | 'notifications.setPreferences'> {
  return {
    'notifications.getPreferences': () => preferences.get(),
    'notifications.setPreferences': (patch) => preferences.update(patch),
  };
}
