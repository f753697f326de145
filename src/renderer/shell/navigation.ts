import type { ConsoleBridge } from '../../shared/bridge';
import { routeFor } from '../../shared/navigation';

/**
 * A clicked notification or an `alga-console://` link: main focuses the window and asks it to show
 * the alert, device or ticket. The request becomes a hash route; the views read the route.
 */
export function followNavigationRequests(bridge: ConsoleBridge): () => void {
  return bridge.onNavigate((target) => {
    window.location.hash = routeFor(target);
  });
}
