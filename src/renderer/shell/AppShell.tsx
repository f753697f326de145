import { memo, useEffect, useState } from 'react';
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
import { followArrivals, useArrivals } from '../state/arrivals-slice';
import { showBrowserNotifications } from './browser-notifications';
import { CommandPalette } from './CommandPalette';
import { focusIfLost, focusMainList, isTyping } from './focus';
import { KeyboardHelp } from './KeyboardHelp';
import { NavIcon } from './NavIcon';
import { NotificationPrompt } from './NotificationPrompt';
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

/**
 * The current view, apart from the shell: the shell re-renders as its status changes (sync, the
 * device count, arrivals), the view only when the route does.
 */
const CurrentView = memo(function CurrentView({ view }: { view: View }) {
  const Component = viewComponents[view];
  return <Component />;
});

/** The Alerts item's count of unseen arrivals. */
function UnseenBadge() {
  const count = useArrivals((s) => s.unseen.size);
  if (!count) return null;
  return (
    <span className="nav-badge">
      {count > 999 ? '999+' : count}
      <span className="visually-hidden"> new</span>
    </span>
  );
}

/** A sidebar button that opens an overlay; on a narrow window only its icon shows. */
function SidebarAction(props: {
  icon: 'jump' | 'shortcuts';
  label: string;
  keys: string;
  shortcuts: string;
  hint: string;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className="palette-button"
      onClick={props.onClick}
      aria-keyshortcuts={props.shortcuts}
      title={props.hint}
    >
      <NavIcon view={props.icon} />
      <span className="nav-label">{props.label}</span>
      <kbd>{props.keys}</kbd>
    </button>
  );
}

export function AppShell() {
  const info = useQuery(
    'app.info',
    {},
    { refreshOn: ['devices', 'sync_runs'], refreshOnEvents: ['app.demoChanged', 'sync.status'] },
  );
  const route = useNavigation((s) => s.route);
  const navigate = useNavigation((s) => s.navigate);
  const [palette, setPalette] = useState(false);
  const [help, setHelp] = useState(false);

  useEffect(() => followSyncStatus(consoleClient()), []);
  useEffect(() => followArrivals(consoleClient()), []);
  // In Electron, main shows notifications natively; the browser form shows its own.
  useEffect(() => (window.consoleApi ? undefined : showBrowserNotifications(consoleClient())), []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setPalette(true);
        return;
      }
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (document.querySelector('dialog[open], [aria-modal="true"]')) return;
      if (e.key === '?') {
        e.preventDefault();
        setHelp(true);
      } else if (
        (e.key === 'j' || e.key === 'k') &&
        !(e.target instanceof Element && e.target.closest('[role=row]'))
      ) {
        // From anywhere outside a list, j or k lands on the view's list.
        e.preventDefault();
        focusMainList(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="app" data-app-state={info.data ? 'ready' : 'loading'}>
      <nav className="sidebar" aria-label="Views">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            A
          </span>
          <span className="nav-label">Alga Console</span>
        </div>
        <ul>
          {views.map((v) => (
            <li key={v}>
              <a
                href={`#/${v}`}
                title={viewLabels[v]}
                aria-current={route.view === v ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  navigate(v);
                }}
              >
                <NavIcon view={v} />
                <span className="nav-label">{viewLabels[v]}</span>
                {v === 'alerts' ? <UnseenBadge /> : null}
              </a>
            </li>
          ))}
        </ul>
        <SidebarAction
          icon="jump"
          label="Jump to…"
          keys="Ctrl K"
          shortcuts="Control+K Meta+K"
          hint="Jump to… (Ctrl K)"
          onClick={() => setPalette(true)}
        />
        <SidebarAction
          icon="shortcuts"
          label="Shortcuts"
          keys="?"
          shortcuts="Shift+?"
          hint="Keyboard shortcuts (?)"
          onClick={() => setHelp(true)}
        />
      </nav>
      <main className="content">
        <ReconnectBanner />
        <OfflineBanner />
        {info.data?.demo ? <DemoBanner /> : null}
        {window.consoleApi ? null : <NotificationPrompt />}
        {info.data ? <NamePrompt /> : null}
        <CurrentView view={route.view} />
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
      {palette ? <CommandPalette onClose={() => setPalette(false)} /> : null}
      {help ? (
        <KeyboardHelp
          onClose={() => {
            setHelp(false);
            focusIfLost();
          }}
        />
      ) : null}
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
