import type { AlertRow } from '../../../shared/contract/alerts';
import type { TicketAlert } from '../../../shared/contract/psa-tickets';
import { ticketLabel } from '../../format/ticket';
import { consoleClient } from '../../rpc/client';
import { useQuery } from '../../rpc/use-query';
import { useNavigation } from '../../state/navigation-slice';
import { errorText, useToasts } from '../../state/toasts-slice';

export function useOpenInPsa(): (ticketId: string) => void {
  const toast = useToasts((s) => s.show);
  return (ticketId) => {
    consoleClient()
      .call('psaTickets.open', { ticketId })
      .catch((e: unknown) => toast('error', errorText(e)));
  };
}

/**
 * A PSA ticket by its number: to its entry in the Tickets view when this console made it, else to
 * Alga PSA in the browser.
 */
export function TicketLink({
  ticketId,
  number,
  outboxId,
}: {
  ticketId: string;
  number: string | null;
  outboxId: number | null;
}) {
  const navigate = useNavigation((s) => s.navigate);
  const openInPsa = useOpenInPsa();
  const label = number ?? 'ticket';
  return outboxId !== null ? (
    <button
      type="button"
      className="link-button"
      title="Open in the Tickets view"
      onClick={() => navigate('tickets', String(outboxId))}
    >
      {label}
    </button>
  ) : (
    <button
      type="button"
      className="link-button"
      title="Open in Alga PSA"
      aria-label={`${label} (open in Alga PSA)`}
      onClick={() => openInPsa(ticketId)}
    >
      {label} ↗
    </button>
  );
}

/** An alert of a ticket, opening the alert in the Alerts view. */
export function AlertLink({ alert }: { alert: TicketAlert }) {
  const navigate = useNavigation((s) => s.navigate);
  return (
    <button type="button" className="link-button" onClick={() => navigate('alerts', alert.uid)}>
      <span className={`severity severity-${alert.severity}`}>{alert.severity.toLowerCase()}</span>{' '}
      {alert.condition ?? 'alert'}
      {alert.state === 'reset' ? ' (reset)' : ''}
    </button>
  );
}

function RecordedTicket({ id, number, by }: { id: string; number: string | null; by: string | null }) {
  const related = useQuery('psaTickets.related', { ticketId: id }, { refreshOnEvents: ['tickets.changed'] });
  return (
    <>
      <TicketLink
        ticketId={id}
        number={number ?? related.data?.number ?? null}
        outboxId={related.data?.outboxId ?? null}
      />
      {by ? ` by ${by}` : ''}
    </>
  );
}

/** The alert's ticket as a link (a claim in flight, or a ticket without an id, stays text). */
export function AlertTicketLink({ ticket }: { ticket: AlertRow['ticket'] }) {
  if (!ticket) return <>none</>;
  if (ticket.state !== 'recorded' || !ticket.id) return <>{ticketLabel(ticket)}</>;
  return <RecordedTicket id={ticket.id} number={ticket.number} by={ticket.by} />;
}
