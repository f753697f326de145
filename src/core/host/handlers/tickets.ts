import type { Cache } from '../../cache/cache';
import type { PsaRuntime } from '../../psa';
import { readTicketSettings, saveTicketSettings } from '../../psa/tickets/settings';
import { AppError } from '../../../shared/rpc/errors';
import type { ExternalOpener } from '../../external-opener';
import type { Handlers } from '../rpc-server';

export function ticketHandlers(
  cache: Cache,
  psa: PsaRuntime,
  opener: ExternalOpener,
): Pick<
  Handlers,
  | 'tickets.preview'
  | 'tickets.create'
  | 'tickets.list'
  | 'tickets.get'
  | 'tickets.update'
  | 'tickets.resend'
  | 'tickets.retryNow'
  | 'tickets.open'
  | 'tickets.forAlert'
  | 'tickets.openForAlert'
  | 'tickets.settings'
  | 'tickets.saveSettings'
> {
  const t = psa.tickets;
  return {
    'tickets.preview': ({ source, edits }) => t.preview(source, edits),
    'tickets.create': (input) => t.create(input),
    'tickets.list': ({ filter, cursor, limit }) => t.list({ filter, cursor, limit }),
    'tickets.get': ({ id }) => t.get(id),
    'tickets.update': ({ id, edits }) => t.update(id, edits),
    'tickets.resend': ({ id, edits }) => t.resend(id, edits),
    'tickets.retryNow': () => ({ due: t.retryNow() }),
    'tickets.open': async ({ id }) => {
      const url = t.get(id).ticket?.url;
      if (!url)
        throw new AppError(
          'not_found',
          'This ticket has not been created in Alga PSA yet, so there is nothing to open.',
        );
      await opener.open(url, 'link');
      return { url };
    },
    'tickets.forAlert': ({ alertUid }) => t.forAlert(alertUid),
    'tickets.openForAlert': async ({ alertUid }) => {
      const { ticket } = await t.forAlert(alertUid);
      if (!ticket?.url)
        throw new AppError(
          'not_found',
          ticket
            ? 'Alga PSA is not connected here, so this ticket cannot be opened from this console.'
            : 'This alert has no ticket in Alga PSA yet.',
        );
      await opener.open(ticket.url, 'link');
      return { url: ticket.url };
    },
    'tickets.settings': () => readTicketSettings(cache),
    'tickets.saveSettings': (patch) => {
      const next = saveTicketSettings(cache, psa.reference, patch);
      // A new poll interval or reset setting takes effect on the next pass.
      psa.followUp.soon();
      return next;
    },
  };
}
