import { useState } from 'react';
import type { AttentionDevice, AttentionTicket } from '../../../shared/contract/dashboard-attention';
import { consoleClient } from '../../rpc/client';
import { errorText, useToasts } from '../../state/toasts-slice';
import { RemoteConnectButton } from '../assets/RemoteConnectButton';
import { CreateTicketDialog } from '../tickets/CreateTicketDialog';
import { openDevice } from './drill-down';

/** The one obvious action of each attention row, through the procedures the other views use. */

export function CreateTicketAction({ alertUid, label }: { alertUid: string; label: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="action-button"
        onClick={() => setOpen(true)}
        aria-label={`Create ticket: ${label}`}
      >
        Create ticket
      </button>
      {open ? (
        <CreateTicketDialog source={{ kind: 'alert', alertUid }} onClose={() => setOpen(false)} />
      ) : null}
    </>
  );
}

export function RetryTicketAction({ ticket }: { ticket: AttentionTicket }) {
  const toast = useToasts((s) => s.show);
  const [sending, setSending] = useState(false);
  const retry = (): void => {
    setSending(true);
    consoleClient()
      .call('tickets.resend', { id: ticket.outboxId })
      .then((result) =>
        toast(
          result.outcome === 'failed' ? 'error' : 'success',
          result.outcome === 'failed'
            ? `Alga PSA refused “${ticket.title}” again: open it in Tickets to see why and edit it`
            : result.outcome === 'queued'
              ? `“${ticket.title}” is queued: Alga PSA did not answer yet`
              : `Ticket ${result.ticket?.number ?? ''} sent to Alga PSA`,
        ),
      )
      .catch((e: unknown) => toast('error', errorText(e)))
      .finally(() => setSending(false));
  };
  return (
    <button
      type="button"
      className="action-button"
      onClick={retry}
      disabled={sending}
      aria-label={`Retry ticket: ${ticket.title}`}
    >
      {sending ? 'Sending…' : 'Retry'}
    </button>
  );
}

/** Remote connect while the agent is online (the fix is on the device), otherwise the device's page. */
export function DeviceAction({ device, remote }: { device: AttentionDevice; remote: boolean }) {
  if (remote && device.agentStatus === 'online')
    return <RemoteConnectButton deviceId={device.deviceId} deviceName={device.deviceName} />;
  return (
    <button
      type="button"
      className="action-button"
      onClick={() => openDevice(device.deviceId)}
      aria-label={`Open ${device.deviceName}`}
    >
      Open
    </button>
  );
}
