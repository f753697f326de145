import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { consoleClient } from './rpc/client';
import { AppShell } from './shell/AppShell';
import { handleExternalOpenRequests } from './shell/external-links';
import { applyTheme, storedTheme } from './state/theme';
import './styles.css';

applyTheme(storedTheme());
handleExternalOpenRequests(consoleClient());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AppShell />
  </StrictMode>,
);
