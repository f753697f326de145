import type { ConsoleBridge } from '../../shared/bridge';
import type { NavigationTarget } from '../../shared/navigation';
import { useAlertsView } from '../state/alerts-slice';
import { useNavigation } from '../state/navigation-slice';

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
        .openQuery(
          target.organizationId === null
            ? { states: ['open'] }
            : { states: ['open'], organizationIds: [target.organizationId] },
        );
      navigate('alerts');
      return;
    case 'ticket':
      // Local ticket ids open their detail; anything else (a PSA number) opens the list.
      navigate('tickets', /^\d+$/.test(target.id) ? target.id : null);
  }
}

/** Electron: main forwards notification clicks and deep links (the window is already focused). */
export function followNavigationRequests(bridge: ConsoleBridge): () => void {
  return bridge.onNavigate(showTarget);
}
