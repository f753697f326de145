import type { desktopPreferencesSchema } from '../../../shared/contract/desktop';
import type { PreferenceStore } from '../preference-store';
import type { Handlers } from '../rpc-server';

export function desktopHandlers(
  preferences: PreferenceStore<typeof desktopPreferencesSchema>,
): Pick<Handlers, 'desktop.getPreferences' | 'desktop.setPreferences'> {
  return {
    'desktop.getPreferences': () => preferences.get(),
    'desktop.setPreferences': (patch) => preferences.update(patch),
  };
}
