import { z } from 'zod';
import { procedure } from '../rpc/define';
import { errorCodes } from '../rpc/errors';
import { alertStates } from './alerts';
import { epochMs, severitySchema } from './domain';

/**
 * The PSA's side of a device: the tickets Alga PSA has linked to the device's asset (whoever opened
 * them: this console, a relay rule, Alga's own NinjaOne alerts, a technician in Alga), cached so a
 * technician reads them offline, and the links between a ticket, its device and its alerts.
 */

/** Alga ticket ids are UUIDs; anything else is refused before it reaches a URL. */
export const psaTicketIdSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be an Alga ticket id');

/** How the device's asset was found in Alga PSA (or that it was looked for and is not there). */
export const assetMatches = ['rmm_device_id', 'asset_tag', 'serial', 'created', 'none'] as const;
export type AssetMatch = (typeof assetMatches)[number];

export const ticketAlertSchema = z.object({
  uid: z.string(),
  deviceId: z.number().int(),
  severity: severitySchema,
  condition: z.string().nullable(),
  state: z.enum(alertStates),
});
export type TicketAlert = z.infer<typeof ticketAlertSchema>;

export const devicePsaTicketSchema = z.object({
  id: z.string(),
  number: z.string().nullable(),
  title: z.string(),
  statusName: z.string().nullable(),
  priorityName: z.string().nullable(),
  enteredAt: epochMs.nullable(),
  updatedAt: epochMs.nullable(),
  /** This console's entry for the ticket (the Tickets view), when it made it. */
  outboxId: z.number().int().nullable(),
  /** The alerts whose series the ticket is for. */
  alerts: z.array(ticketAlertSchema).max(50),
});
export type DevicePsaTicket = z.infer<typeof devicePsaTicketSchema>;

export const devicePsaTicketsSchema = z.object({
  deviceId: z.number().int(),
  /** Whether an Alga PSA connection is saved (without one only the cache is shown). */
  connected: z.boolean(),
  /** The device's asset in Alga PSA; null until it was looked up. `id` is null when none was found. */
  asset: z
    .object({
      id: z.string().nullable(),
      tag: z.string().nullable(),
      matchedBy: z.enum(assetMatches),
      checkedAt: epochMs,
    })
    .nullable(),
  /** When Alga last answered the asset's ticket list: the age of `tickets`. Null: never read. */
  readAt: epochMs.nullable(),
  /** Open tickets, newest update first. */
  tickets: z.array(devicePsaTicketSchema).max(200),
  /** Why the last refresh failed; `tickets` is then what the cache had. */
  error: z.object({ code: z.enum(errorCodes), message: z.string() }).nullable(),
});
export type DevicePsaTickets = z.infer<typeof devicePsaTicketsSchema>;

export const ticketRelationsSchema = z.object({
  ticketId: z.string(),
  number: z.string().nullable(),
  outboxId: z.number().int().nullable(),
  devices: z
    .array(z.object({ id: z.number().int(), name: z.string().nullable(), inCache: z.boolean() }))
    .max(50),
  alerts: z.array(ticketAlertSchema).max(200),
});
export type TicketRelations = z.infer<typeof ticketRelationsSchema>;

const deviceInput = z.object({ deviceId: z.number().int() });

export const psaTicketProcedures = {
  'psaTickets.forDevice': procedure({
    summary: "A device's open Alga PSA tickets as cached, with their age (no network).",
    input: deviceInput,
    output: devicePsaTicketsSchema,
  }),
  'psaTickets.refreshDevice': procedure({
    summary:
      "Reads a device's open tickets from Alga PSA through its asset (found, never created, when unknown) and caches them; answers the cache with the error when the PSA cannot be reached.",
    input: deviceInput.extend({
      /** Read even if the cache was refreshed a moment ago. */
      force: z.boolean().optional(),
    }),
    output: devicePsaTicketsSchema,
  }),
  'psaTickets.related': procedure({
    summary: 'The devices and alerts a PSA ticket is about, and its entry in this console if it made it.',
    input: z.object({ ticketId: psaTicketIdSchema }),
    output: ticketRelationsSchema,
  }),
  'psaTickets.open': procedure({
    summary: 'Opens an Alga PSA ticket in the browser.',
    input: z.object({ ticketId: psaTicketIdSchema }),
    output: z.object({ url: z.string() }),
  }),
};

export const psaTicketEvents = {
  /** A device's cached PSA tickets or asset link changed. */
  'psaTickets.deviceChanged': z.object({ deviceId: z.number().int() }),
};
