import { useState } from 'react';
import { consoleClient } from '../../rpc/client';
import { errorText, useToasts } from '../../state/toasts-slice';

/**
 * One click: the core fetches a fresh dashboard link and opens it through the allow-listed opener
 * (main's gate in Electron, a new tab in web mode); the technician starts the session there.
 */
export function RemoteConnectButton({ deviceId, deviceName }: { deviceId: number; deviceName: string }) {
  const toast = useToasts((s) => s.show);
  const [opening, setOpening] = useState(false);

  const connect = (): void => {
    setOpening(true);
    consoleClient()
      .call('remote.connect', { deviceId })
      .then(({ host }) =>
        toast('success', `Opened ${deviceName} in NinjaOne (${host}): start the remote session there.`),
      )
      .catch((e: unknown) => toast('error', errorText(e)))
      .finally(() => setOpening(false));
  };

  return (
    <button type="button" className="action-button" onClick={connect} disabled={opening}>
      {opening ? 'Opening…' : 'Remote connect'}
    </button>
  );
}
