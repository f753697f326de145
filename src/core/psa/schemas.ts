import { z } from 'zod';

/**
 * The parts of Alga's rows the console reads. Lenient on purpose: optional and nullable where the
 * server or its OpenAPI file leave room, unknown keys dropped, so a new Alga release cannot break us.
 */
const id = z.string().min(1);

export const psaClientRowSchema = z.object({
  client_id: id,
  client_name: z.string(),
  is_inactive: z.boolean().nullish(),
});
export type PsaClientRow = z.infer<typeof psaClientRowSchema>;

export const boardRowSchema = z.object({
  board_id: id,
  board_name: z.string(),
  is_default: z.boolean().nullish(),
  is_inactive: z.boolean().nullish(),
  display_order: z.number().nullish(),
});
export type BoardRow = z.infer<typeof boardRowSchema>;

export const ticketStatusRowSchema = z.object({
  status_id: id,
  board_id: z.string().nullish(),
  name: z.string(),
  is_closed: z.boolean().nullish(),
  is_default: z.boolean().nullish(),
  order_number: z.number().nullish(),
});
export type TicketStatusRow = z.infer<typeof ticketStatusRowSchema>;

export const priorityRowSchema = z.object({
  priority_id: id,
  priority_name: z.string(),
  order_number: z.number().nullish(),
});
export type PriorityRow = z.infer<typeof priorityRowSchema>;

export const userRowSchema = z.object({
  user_id: id,
  username: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
});

export const ticketRowSchema = z.object({
  ticket_id: id,
  ticket_number: z.string().nullish(),
  title: z.string(),
  board_id: z.string().nullish(),
  client_id: z.string().nullish(),
  status_id: z.string().nullish(),
  priority_id: z.string().nullish(),
  entered_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  closed_at: z.string().nullish(),
  attributes: z.record(z.string(), z.unknown()).nullish(),
  status_name: z.string().nullish(),
  status_is_closed: z.boolean().nullish(),
  is_closed: z.boolean().nullish(),
});
export type TicketRow = z.infer<typeof ticketRowSchema>;

export const assetRowSchema = z.object({
  asset_id: id,
  client_id: z.string().nullish(),
  asset_tag: z.string().nullish(),
  name: z.string().nullish(),
  serial_number: z.string().nullish(),
  status: z.string().nullish(),
  created_at: z.string().nullish(),
  rmm_provider: z.string().nullish(),
  rmm_device_id: z.string().nullish(),
});
export type AssetRow = z.infer<typeof assetRowSchema>;

/** A row of `GET /api/v1/assets/{id}/tickets` (`AssetTicketRow`): the ticket and how it is linked. */
export const assetTicketRowSchema = z.object({
  ticket_id: id,
  ticket_number: z.string().nullish(),
  title: z.string().nullish(),
  status_id: z.string().nullish(),
  status_name: z.string().nullish(),
  is_closed: z.boolean().nullish(),
  priority_id: z.string().nullish(),
  board_id: z.string().nullish(),
  entered_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  relationship_type: z.string().nullish(),
  linked_at: z.string().nullish(),
});
export type AssetTicketRow = z.infer<typeof assetTicketRowSchema>;

export const commentRowSchema = z.object({ comment_id: id });

export const assetLinkRowSchema = z.object({ asset_id: id, entity_id: z.string().nullish() });

/** Body of `POST /api/v1/tickets` (`createTicketSchema`; §2.2): the five ids are required. */
export interface CreateTicketBody {
  title: string;
  board_id: string;
  client_id: string;
  status_id: string;
  priority_id: string;
  attributes?: Record<string, unknown>;
  contact_name_id?: string;
  assigned_to?: string;
}

/** Body of `POST /api/v1/assets` (`createAssetWithExtensionSchema`; §3). */
export interface CreateAssetBody {
  client_id: string;
  asset_type: string;
  asset_tag: string;
  name: string;
  status: string;
  serial_number?: string;
}
