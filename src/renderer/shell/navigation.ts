import type { ConsoleBridge } from '../../shared/bridge';
import type { NavigationTarget } from '../../shared/navigation';
import { useAlertsView } from '../state/alerts-slice';
import { useNavigation } from '../state/navigation-slice';
import { useToasts } from '../state/toasts-slice';

/** Opens what a clicked notification or an `alga-console://` link points at. */
export function showTarget(target: NavigationTarget): void {
  const { navigate } = useNavigation.getState();
  switch (target.kind) {
    case 'alert':
      navigate('alerts', target.uid);
      return;
    case 'device':
      navigate('assets', String(target.id));
      return;
    case 'alerts':
      // A grouped storm: the open alerts of that organization.
      useAlertsView
        .getState()
        .setFilter(
          target.organizationId === null
            ? { states: ['open'] }
            : { states: ['open'], organizationIds: [target.organizationId] },
        );
      navigate('alerts');
      return;
    case 'ticket':
      useToasts
        .getState()
        .show('info', `Ticket ${target.id} cannot be shown here yet: the console has no tickets view.`);
  }
}

/** Electron: main forwards notification clicks and deep links (the window is already focused). */
export function followNavigationRequests(bridge: ConsoleBridge): () => void {
  return bridge.onNavigate(showTarget);
}
