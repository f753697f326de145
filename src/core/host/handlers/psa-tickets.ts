import type { PsaRuntime } from '../../psa';
import type { ExternalOpener } from '../../external-opener';
import type { Handlers } from '../rpc-server';

export function psaTicketHandlers(
  psa: PsaRuntime,
  opener: ExternalOpener,
): Pick<
  Handlers,
  'psaTickets.forDevice' | 'psaTickets.refreshDevice' | 'psaTickets.related' | 'psaTickets.open'
> {
  const t = psa.deviceTickets;
  return {
    'psaTickets.forDevice': ({ deviceId }) => t.view(deviceId),
    'psaTickets.refreshDevice': ({ deviceId, force }) => t.refresh(deviceId, force ?? false),
    'psaTickets.related': ({ ticketId }) => t.related(ticketId),
    'psaTickets.open': async ({ ticketId }) => {
      const url = t.url(ticketId);
      await opener.open(url, 'link');
      return { url };
    },
  };
}
