import { create } from 'zustand';

export const views = ['dashboard', 'assets', 'alerts', 'patches', 'software', 'tickets', 'settings'] as const;
export type View = (typeof views)[number];

export interface Route {
  view: View;
  /** The item opened in the view's detail panel (device id, alert uid). */
  item: string | null;
}

export const viewLabels: Record<View, string> = {
  dashboard: 'Dashboard',
  assets: 'Assets',
  alerts: 'Alerts',
  patches: 'Patches',
  software: 'Software',
  tickets: 'Tickets',
  settings: 'Settings',
};

/** `#/assets/1042` → { view: 'assets', item: '1042' }; anything unknown is the dashboard. */
export function parseHash(hash: string): Route {
  const [view, item] = hash.replace(/^#\/?/, '').split('/');
  const known = views.find((v) => v === view);
  return known
    ? { view: known, item: item ? decodeURIComponent(item) : null }
    : { view: 'dashboard', item: null };
}

export function routeHash(route: Route): string {
  return `#/${route.view}${route.item ? `/${encodeURIComponent(route.item)}` : ''}`;
}

interface NavigationState {
  route: Route;
  navigate(view: View, item?: string | null): void;
}

/** The current view lives in the URL hash, so back/forward and deep links work. */
export const useNavigation = create<NavigationState>((set) => ({
  route: parseHash(window.location.hash),
  navigate: (view, item = null) => {
    const route = { view, item };
    const hash = routeHash(route);
    if (window.location.hash !== hash) window.history.pushState(null, '', hash);
    set({ route });
  },
}));

window.addEventListener('popstate', () => useNavigation.setState({ route: parseHash(window.location.hash) }));
