import type { ConsoleClient } from '../rpc/client';

/**
 * Web mode: the core asks the page to open sign-in and remote-connect URLs in a new tab. (In Electron
 * the core never sends this; main's allow-listed gate opens URLs.)
 */
export function handleExternalOpenRequests(client: ConsoleClient): () => void {
  return client.on('shell.openExternal', ({ url }) => {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return;
    window.open(parsed.toString(), '_blank', 'noopener,noreferrer');
  });
}
