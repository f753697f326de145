import { useState } from 'react';
import type { AssetDetail } from '../../../shared/contract/assets';
import { RelativeTime } from '../../format/RelativeTime';
import { consoleClient } from '../../rpc/client';
import { errorText, useToasts } from '../../state/toasts-slice';
import { CreateTicketDialog } from '../tickets/CreateTicketDialog';
import { RemoteConnectButton } from './RemoteConnectButton';
import { SilenceControl } from './SilenceControl';

/** What a technician does with a device: connect, ticket, open in NinjaOne, silence its alerts. */
export function DeviceActions({ device }: { device: AssetDetail }) {
  const toast = useToasts((s) => s.show);
  const [ticketing, setTicketing] = useState(false);
  const call = (work: Promise<string>): void => {
    work.then(
      (m) => toast('success', m),
      (e: unknown) => toast('error', errorText(e)),
    );
  };
  return (
    <>
      <div className="detail-actions actions" role="toolbar" aria-label="Device actions">
        <RemoteConnectButton deviceId={device.id} deviceName={device.name} />
        <button type="button" onClick={() => setTicketing(true)}>
          Create ticket
        </button>
        <button
          type="button"
          onClick={() =>
            call(
              consoleClient()
                .call('assets.openInNinjaOne', { id: device.id })
                .then(() => `Opened ${device.name} in NinjaOne`),
            )
          }
        >
          Open in NinjaOne
        </button>
        <SilenceControl device={device} />
      </div>
      {device.silence ? (
        <p className="notice" role="status">
          Silenced by {device.silence.by ?? 'a technician'} until{' '}
          <RelativeTime value={device.silence.until} />
          {device.silence.reason ? `: ${device.silence.reason}` : ''}. Its alerts notify nobody.
        </p>
      ) : null}
      {ticketing ? (
        <CreateTicketDialog
          source={{ kind: 'device', deviceId: device.id }}
          onClose={() => setTicketing(false)}
        />
      ) : null}
    </>
  );
}
