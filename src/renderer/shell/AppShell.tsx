import { useEffect, useState } from 'react';
import { useQuery } from '../rpc/use-query';
import { useNavigation, viewLabels, views, type View } from '../state/navigation-slice';
import { Toasts } from '../components/Toasts';
import { AlertsView } from '../views/alerts/AlertsView';
import { AssetsView } from '../views/assets/AssetsView';
import { DashboardView } from '../views/dashboard/DashboardView';
import { PatchesView } from '../views/patches/PatchesView';
import { SettingsView } from '../views/settings/SettingsView';
import { SoftwareView } from '../views/software/SoftwareView';
import { TicketsView } from '../views/tickets/TicketsView';
import { CommandPalette } from './CommandPalette';
import { useCoreConnection } from './core-connection';
import { NamePrompt } from './NamePrompt';
import { ReconnectBanner } from './ReconnectBanner';
import { OfflineBanner, SyncStatusBar } from './SyncStatusBar';
import { DemoBanner } from '../views/welcome/Welcome';
import { consoleClient } from '../rpc/client';
import { followSyncStatus } from '../state/sync-slice';

const viewComponents: Record<View, () => React.JSX.Element> = {
  dashboard: DashboardView,
  assets: AssetsView,
  alerts: AlertsView,
  patches: PatchesView,
  software: SoftwareView,
  tickets: TicketsView,
  settings: SettingsView,
};

export function AppShell() {
  const info = useQuery(
    'app.info',
    {},
    { refreshOn: ['devices', 'sync_runs'], refreshOnEvents: ['app.demoChanged', 'sync.status'] },
  );
  const route = useNavigation((s) => s.route);
  const navigate = useNavigation((s) => s.navigate);
  const [palette, setPalette] = useState(false);

  useEffect(() => followSyncStatus(consoleClient()), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setPalette((open) => !open);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const Current = viewComponents[route.view];
  return (
    <div className="app" data-app-state={info.data ? 'ready' : 'loading'}>
      <nav className="sidebar" aria-label="Views">
        <div className="brand">Alga Console</div>
        <ul>
          {views.map((v) => (
            <li key={v}>
              <a
                href={`#/${v}`}
                aria-current={route.view === v ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(v);
                }}
              >
                {viewLabels[v]}
              </a>
            </li>
          ))}
        </ul>
        <button
          type="button"
          className="palette-button"
          onClick={() => setPalette(true)}
          aria-keyshortcuts="Control+K Meta+K"
        >
          Jump to… <kbd>Ctrl K</kbd>
        </button>
      </nav>
      <main className="content">
        <ReconnectBanner />
        <OfflineBanner />
        {info.data?.demo ? <DemoBanner /> : null}
        {info.data ? <NamePrompt /> : null}
        <Current />
      </main>
      <footer className="status-bar" role="contentinfo">
        {info.error ? (
          <span role="alert">Cannot reach the core: {info.error}</span>
        ) : info.data ? (
          <>
            <SyncStatusBar />
            <span className="muted">
              {info.data.deviceCount.toLocaleString()} devices cached · v{info.data.version}
            </span>
          </>
        ) : (
          <span>Connecting to the core…</span>
        )}
      </footer>
      <CommandPalette open={palette} onClose={() => setPalette(false)} />
      <Toasts />
    </div>
  );
}

/**
 * The shell, re-mounted with every new connection to the core (a new generation after a core
 * restart): every query refetches and subscribes again on the new client; UI state in the zustand
 * slices (route, filters) stays.
 */
export function ConsoleRoot() {
  const generation = useCoreConnection((state) => state.generation);
  return <AppShell key={generation} />;
}
