import { z } from 'zod';
import { procedure } from '../rpc/define';
import { errorCodes } from '../rpc/errors';
import { pageOf, pageRequest } from '../rpc/paging';
import { epochMs, severitySchema } from './domain';

export const ticketSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('alert'), alertUid: z.string().min(1).max(100) }),
  z.object({ kind: z.literal('device'), deviceId: z.number().int() }),
]);
export type TicketSource = z.infer<typeof ticketSourceSchema>;

/** What a technician may change before sending. Changing the board picks that board's opening status. */
export const ticketEditsSchema = z.object({
  title: z.string().trim().min(1).max(255).optional(),
  description: z.string().max(20_000).optional(),
  boardId: z.string().min(1).max(100).optional(),
  priorityId: z.string().min(1).max(100).optional(),
});
export type TicketEdits = z.infer<typeof ticketEditsSchema>;

/** The ticket as it will be (or was) sent: every id resolved. */
export const ticketDraftSchema = z.object({
  title: z.string().max(255),
  description: z.string().max(20_000),
  boardId: z.string().nullable(),
  statusId: z.string().nullable(),
  priorityId: z.string().nullable(),
  clientId: z.string().nullable(),
});
export type TicketDraft = z.infer<typeof ticketDraftSchema>;

export const ticketProblemSchema = z.object({ code: z.enum(errorCodes), message: z.string() });

export const ticketRefSchema = z.object({
  id: z.string(),
  number: z.string().nullable(),
  /** Opens the ticket in Alga PSA. */
  url: z.string().nullable(),
  statusName: z.string().nullable(),
  isClosed: z.boolean(),
});
export type TicketRef = z.infer<typeof ticketRefSchema>;

export const assetLinkModes = ['find_or_create', 'find_only', 'off'] as const;

export const ticketPreviewSchema = z.object({
  source: ticketSourceSchema,
  draft: ticketDraftSchema,
  /** Names of the resolved ids, for the form. */
  names: z.object({
    board: z.string().nullable(),
    status: z.string().nullable(),
    priority: z.string().nullable(),
    client: z.string().nullable(),
  }),
  device: z.object({
    id: z.number().int(),
    name: z.string(),
    organizationId: z.number().int().nullable(),
    organizationName: z.string().nullable(),
  }),
  alert: z.object({ uid: z.string(), severity: severitySchema, condition: z.string() }).nullable(),
  assetLink: z.enum(assetLinkModes),
  /** Why it cannot be sent yet (unmapped organization, no priority...). Empty when it can. */
  problems: z.array(ticketProblemSchema),
  /** The ticket this alert series already has: creating again opens it instead. */
  existing: ticketRefSchema.nullable(),
});
export type TicketPreview = z.infer<typeof ticketPreviewSchema>;

export const outboxStates = ['pending', 'sending', 'sent', 'failed'] as const;
export const assetLinkStates = ['pending', 'linked', 'skipped', 'failed'] as const;

/** One ticket the console made: its outbox row and, once sent, the PSA ticket. */
export const ticketEntrySchema = z.object({
  id: z.number().int(),
  kind: z.enum(['alert', 'device']),
  alertUid: z.string().nullable(),
  deviceId: z.number().int().nullable(),
  deviceName: z.string().nullable(),
  organizationName: z.string().nullable(),
  draft: ticketDraftSchema,
  state: z.enum(outboxStates),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: epochMs.nullable(),
  lastError: ticketProblemSchema.nullable(),
  ticket: ticketRefSchema.nullable(),
  asset: z.object({ state: z.enum(assetLinkStates), message: z.string().nullable() }),
  createdAt: epochMs,
  updatedAt: epochMs,
});
export type TicketEntry = z.infer<typeof ticketEntrySchema>;

export const ticketCreateResultSchema = z.object({
  /**
   * created: sent now. existing: the series already had a ticket (or another request made it).
   * queued: saved and pending (PSA unreachable or slow); it is sent in the background.
   * failed: the PSA refused it; edit and resend.
   */
  outcome: z.enum(['created', 'existing', 'queued', 'failed']),
  entry: ticketEntrySchema.nullable(),
  ticket: ticketRefSchema.nullable(),
});

export const ticketSettingsSchema = z.object({
  /** Board for new tickets; null picks the PSA's default board. */
  boardId: z.string().nullable(),
  /** Opening status per board; a board without one uses its default open status. */
  statusByBoard: z.record(z.string(), z.string()),
  /** Priority per NinjaOne severity; a severity without one is matched by priority name. */
  priorityBySeverity: z.partialRecord(severitySchema, z.string()),
  assetLink: z.enum(assetLinkModes),
  /** When Alga closes a ticket made from an alert, reset the alert in NinjaOne. */
  resetAlertOnClose: z.boolean(),
  /** When NinjaOne resets the alert first, add an internal comment to its open ticket. */
  commentOnAlertReset: z.boolean(),
  /** The NinjaOne web console, for the device link in descriptions. */
  ninjaOneUrl: z.string().url(),
  statusPollSeconds: z.number().int().min(30).max(86_400),
});
export type TicketSettings = z.infer<typeof ticketSettingsSchema>;

export const defaultTicketSettings: TicketSettings = {
  boardId: null,
  statusByBoard: {},
  priorityBySeverity: {},
  assetLink: 'find_or_create',
  resetAlertOnClose: false,
  commentOnAlertReset: true,
  ninjaOneUrl: 'https://app.ninjarmm.com',
  statusPollSeconds: 300,
};

export const ticketListFilterSchema = z.object({
  states: z.array(z.enum(outboxStates)).optional(),
  kind: z.enum(['alert', 'device']).optional(),
  deviceId: z.number().int().optional(),
});

export const ticketProcedures = {
  'tickets.preview': procedure({
    summary: 'The ticket that would be sent for an alert or a device, with edits applied and any problems.',
    input: z.object({ source: ticketSourceSchema, edits: ticketEditsSchema.optional() }),
    output: ticketPreviewSchema,
  }),
  'tickets.create': procedure({
    summary: 'Queues the ticket (outbox first) and sends it; one ticket per alert series.',
    input: z.object({
      source: ticketSourceSchema,
      edits: ticketEditsSchema.optional(),
      /** Makes a repeated device-ticket request (double click, retry) create one ticket. */
      requestId: z.string().min(8).max(100).optional(),
    }),
    output: ticketCreateResultSchema,
  }),
  'tickets.list': procedure({
    summary: 'Tickets this console made, queued and sent, newest first.',
    input: z.object({ ...pageRequest, filter: ticketListFilterSchema.default({}) }),
    output: pageOf(ticketEntrySchema),
  }),
  'tickets.get': procedure({
    summary: 'One ticket entry.',
    input: z.object({ id: z.number().int() }),
    output: ticketEntrySchema,
  }),
  'tickets.update': procedure({
    summary: 'Edits a ticket that is not sent yet (pending or failed).',
    input: z.object({ id: z.number().int(), edits: ticketEditsSchema }),
    output: ticketEntrySchema,
  }),
  'tickets.resend': procedure({
    summary: 'Sends a failed (or waiting) ticket again, optionally edited first.',
    input: z.object({ id: z.number().int(), edits: ticketEditsSchema.optional() }),
    output: ticketCreateResultSchema,
  }),
  'tickets.forAlert': procedure({
    summary:
      "The ticket an alert already has: this console's entry for it, if it made it, and the PSA ticket.",
    input: z.object({ alertUid: z.string().min(1).max(100) }),
    output: z.object({ entryId: z.number().int().nullable(), ticket: ticketRefSchema.nullable() }),
  }),
  'tickets.openForAlert': procedure({
    summary: 'Opens the ticket an alert already has in Alga PSA in the browser.',
    input: z.object({ alertUid: z.string().min(1).max(100) }),
    output: z.object({ url: z.string() }),
  }),
  'tickets.open': procedure({
    summary: 'Opens a sent ticket in Alga PSA in the browser.',
    input: z.object({ id: z.number().int() }),
    output: z.object({ url: z.string() }),
  }),
  'tickets.retryNow': procedure({
    summary: 'Retries every waiting ticket now instead of at its backoff time.',
    input: z.object({}).default({}),
    output: z.object({ due: z.number().int().nonnegative() }),
  }),
  'tickets.settings': procedure({
    summary: 'Ticket defaults: board, statuses, priority per severity, asset linking, follow-up.',
    input: z.object({}).default({}),
    output: ticketSettingsSchema,
  }),
  'tickets.saveSettings': procedure({
    summary: 'Changes ticket defaults (only the fields given).',
    input: ticketSettingsSchema.partial(),
    output: ticketSettingsSchema,
  }),
};

export const ticketEvents = {
  /** An outbox entry changed (queued, sending, sent, failed, asset linked). */
  'tickets.changed': ticketEntrySchema,
  /** The follow-up saw a ticket's status change in the PSA. */
  'tickets.statusChanged': z.object({
    ticketId: z.string(),
    number: z.string().nullable(),
    statusName: z.string().nullable(),
    isClosed: z.boolean(),
    alertUid: z.string().nullable(),
  }),
};
