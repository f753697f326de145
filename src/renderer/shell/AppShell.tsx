import { useEffect, useState } from 'react';
import type { OutputOf } from '../../shared/rpc/define';
import type { Procedures } from '../../shared/contract';
import { consoleClient } from '../rpc/client';
import { AssetsView } from '../views/assets/AssetsView';

type AppInfo = OutputOf<Procedures, 'app.info'>;

export function AppShell() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    consoleClient()
      .call('app.info', {})
      .then(setInfo)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  return (
    <div className="app" data-app-state={info ? 'ready' : 'loading'}>
      <nav className="sidebar" aria-label="Views">
        <div className="brand">Alga Console</div>
        <ul>
          <li>
            <a href="#/assets" aria-current="page">
              Assets
            </a>
          </li>
        </ul>
      </nav>
      <main className="content">
        <AssetsView />
      </main>
      <footer className="status-bar" role="contentinfo">
        {error ? (
          <span role="alert">Cannot reach the core: {error}</span>
        ) : info ? (
          <span>
            {info.deviceCount.toLocaleString()} devices cached · schema {info.schemaVersion} · v{info.version}
          </span>
        ) : (
          <span>Connecting to the core…</span>
        )}
      </footer>
    </div>
  );
}
