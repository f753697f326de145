import type { ReferenceDataRepository } from '../reference-data';
import type { TicketRow } from '../schemas';

export interface TicketStatus {
  statusId: string | null;
  statusName: string | null;
  isClosed: boolean;
}

/**
 * A ticket's status as Alga PSA reported it; what the answer leaves out (name, closed flag) comes
 * from the cached reference data, and a status known nowhere counts as open.
 */
export function resolveTicketStatus(
  ticket: Pick<TicketRow, 'status_id' | 'status_name' | 'status_is_closed' | 'is_closed'>,
  reference: ReferenceDataRepository,
): TicketStatus {
  const statusId = ticket.status_id ?? null;
  const known = statusId ? reference.status(statusId) : null;
  return {
    statusId,
    statusName: ticket.status_name ?? known?.name ?? null,
    isClosed: ticket.status_is_closed ?? ticket.is_closed ?? known?.isClosed ?? false,
  };
}
