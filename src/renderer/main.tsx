import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { consoleClient } from './rpc/client';
import { ConsoleRoot } from './shell/AppShell';
import { followCoreStatus } from './shell/core-connection';
import { handleExternalOpenRequests } from './shell/external-links';
import { followNavigationRequests } from './shell/navigation';
import { applyTheme, storedTheme } from './state/theme';
import './styles.css';

applyTheme(storedTheme());
if (window.consoleApi) {
  // Electron: main reports the core's restarts and asks for navigation (notification clicks, links).
  followCoreStatus(window.consoleApi);
  followNavigationRequests(window.consoleApi);
} else {
  // Web mode: the core asks the page to open sign-in and remote-connect URLs in a new tab.
  handleExternalOpenRequests(consoleClient());
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <ConsoleRoot />
  </StrictMode>,
);
