import type { AlertRow } from '../../shared/contract/alerts';

/** "T-1042 by Alice", or "creating (Bob)" while a claim is in flight. */
export function ticketLabel(ticket: AlertRow['ticket']): string {
  if (!ticket) return '';
  const what = ticket.number ?? ticket.id ?? 'pending';
  return ticket.state === 'claimed'
    ? `creating (${ticket.by ?? 'someone'})`
    : `${what}${ticket.by ? ` by ${ticket.by}` : ''}`;
}
