import type { PsaClient } from '../client';
import type { TicketRow } from '../schemas';

/**
 * What every ticket made from a NinjaOne alert carries, whoever makes it (a console's outbox or a
 * relay rule): the same idempotency key in the same attribute, so either one finds a ticket the
 * other (or an attempt cut short by a crash) already created.
 */

/** The attribute that carries the idempotency key into Alga, where the recovery search looks for it. */
export const TICKET_KEY_ATTRIBUTE = 'console_ticket_key';

/** How far before the first send the recovery search looks (clock skew between sender and PSA). */
export const RECOVERY_MARGIN_MS = 15 * 60_000;

const TITLE_MAX = 255;

/** Where a ticket opens in Alga PSA's web app. */
export function psaTicketUrl(baseUrl: string, ticketId: string): string {
  return `${baseUrl}/msp/tickets/${encodeURIComponent(ticketId)}`;
}

/** A time as ticket texts show it: `2024-06-10 14:00:55 UTC`. */
export function utcTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, ' UTC');
}

/** The internal comment a ticket gets when NinjaOne resets its alert. */
export function resetComment(condition: string, deviceName: string, at: number): string {
  return `NinjaOne reset the alert "${condition}" on ${deviceName} at ${utcTime(at)}: the condition is no longer active. Close this ticket if nothing else needs doing.`;
}

/** The idempotency key of the one ticket of an alert series. */
export const alertTicketKey = (alertUid: string): string => `alert:${alertUid}`;

export function ticketTitle(text: string): string {
  return text.length <= TITLE_MAX ? text : `${text.slice(0, TITLE_MAX - 1)}…`;
}

export function alertTicketTitle(condition: string, deviceName: string): string {
  return ticketTitle(`[NinjaOne] ${condition} on ${deviceName}`);
}

export function ticketAttributes(input: {
  key: string;
  description: string;
  deviceId: number;
  alertUid: string | null;
  severity: string | null;
  createdBy: string;
}): Record<string, unknown> {
  return {
    // Alga keeps the description in attributes (§2.2); source_reference is its own alert convention.
    description: input.description,
    [TICKET_KEY_ATTRIBUTE]: input.key,
    created_by_app: input.createdBy,
    ninjaone_device_id: String(input.deviceId),
    ...(input.alertUid
      ? {
          source_reference: input.alertUid,
          ninjaone_alert_uid: input.alertUid,
          ninjaone_severity: input.severity,
        }
      : {}),
  };
}

/**
 * A ticket an earlier attempt created without the sender learning of it: lists each client's tickets
 * entered since shortly before `since` (Alga cannot filter on attributes) and matches the key.
 */
export async function findTicketByKey(
  client: PsaClient,
  search: { clientIds: readonly string[]; since: number; key: string },
): Promise<TicketRow | null> {
  const enteredFrom = new Date(search.since - RECOVERY_MARGIN_MS).toISOString();
  for (const clientId of search.clientIds) {
    const tickets = await client.findTickets({ client_id: clientId, entered_from: enteredFrom });
    const match = tickets.find((t) => t.attributes?.[TICKET_KEY_ATTRIBUTE] === search.key);
    if (match) return match;
  }
  return null;
}
