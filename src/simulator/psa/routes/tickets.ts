import { z } from 'zod';
import { apiError, notFound } from '../errors';
import {
  compareBy,
  ilike,
  noContent,
  ok,
  paginated,
  parseBody,
  parseQuery,
  route,
  type Route,
} from '../http';
import type { PsaStore, TicketRow } from '../store';
import { boolString, intString, uuid } from '../zod3';
import { pageQuery } from './reference';

/** `createTicketSchema`: not strict, so `description`, `channel_id`, `asset_id`... are dropped. */
const createTicketSchema = z.object({
  title: z.string().min(1, 'Title is required').max(255),
  board_id: uuid(),
  client_id: uuid(),
  status_id: uuid(),
  priority_id: uuid(),
  url: z.string().url().optional(),
  location_id: uuid().optional(),
  contact_name_id: uuid().optional(),
  category_id: uuid().optional(),
  subcategory_id: uuid().optional(),
  assigned_to: uuid().optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  tags: z.array(z.string()).optional(),
});

const updateTicketSchema = createTicketSchema.partial().extend({
  contact_name_id: uuid().nullable().optional(),
  assigned_to: uuid().nullable().optional(),
  attributes: z.record(z.string(), z.unknown()).nullable().optional(),
  override_close_rules: z.boolean().optional(),
  override_close_rules_reason: z.string().nullable().optional(),
  suppressContactNotifications: z.boolean().optional(),
  suppressInternalNotifications: z.boolean().optional(),
});

const statusUpdateSchema = z.object({
  status_id: uuid(),
  closed_at: z.iso.datetime().optional(),
  closed_by: uuid().optional(),
  override_close_rules: z.boolean().optional(),
});

const commentSchema = z.object({
  comment_text: z.string().min(1).max(5000),
  is_internal: z.boolean().default(false),
  is_resolution: z.boolean().default(false),
  time_spent: z.number().min(0).optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  parent_comment_id: uuid().optional(),
});

const linkSchema = z.object({
  asset_id: uuid(),
  relationship_type: z.string().min(1).optional(),
  notes: z.string().optional(),
});

const fromAssetSchema = z.object({
  title: z.string().min(1, 'Title is required').max(255),
  priority_id: uuid(),
  status_id: uuid(),
  board_id: uuid(),
  asset_id: uuid(),
  client_id: uuid(),
  description: z.string().optional(),
  contact_name_id: uuid().optional(),
  category_id: uuid().optional(),
});

const optionalUuid = uuid().optional();
const isoFilter = z.iso.datetime().optional();

/** `ticketFilterSchema` + pagination + `fields`. */
const ticketListQuery = z.object({
  ...pageQuery,
  fields: z.string().optional(),
  board_id: optionalUuid,
  client_id: optionalUuid,
  location_id: optionalUuid,
  contact_name_id: optionalUuid,
  status_id: optionalUuid,
  category_id: optionalUuid,
  subcategory_id: optionalUuid,
  entered_by: optionalUuid,
  assigned_to: optionalUuid,
  priority_id: optionalUuid,
  status_ids: z.string().optional(),
  title: z.string().optional(),
  ticket_number: z.string().optional(),
  is_open: boolString().optional(),
  is_closed: boolString().optional(),
  has_assignment: boolString().optional(),
  entered_from: isoFilter,
  entered_to: isoFilter,
  closed_from: isoFilter,
  closed_to: isoFilter,
  client_name: z.string().optional(),
  status_name: z.string().optional(),
  priority_name: z.string().optional(),
  board_name: z.string().optional(),
  tags: z.string().optional(),
});

const listFields = new Set([
  'ticket_id',
  'ticket_number',
  'title',
  'status_id',
  'status_name',
  'status_is_closed',
  'priority_name',
  'assigned_to_name',
  'client_name',
  'contact_name',
  'updated_at',
  'entered_at',
  'closed_at',
  'tags',
]);

const sortColumns: Record<string, string> = {
  created_at: 'entered_at',
  entered_at: 'entered_at',
  updated_at: 'updated_at',
  title: 'title',
  ticket_number: 'ticket_number',
  client_name: 'client_name',
  status_name: 'status_name',
  priority_name: 'priority_name',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `renderTicketDescriptionHtml` for plain strings (BlockNote JSON is not simulated). */
function withDescriptionHtml(row: Record<string, unknown>): Record<string, unknown> {
  const attributes = row.attributes as Record<string, unknown> | null;
  const description = attributes?.description;
  return {
    ...row,
    description_html: typeof description === 'string' ? `<p>${escapeHtml(description)}</p>` : null,
  };
}

function statusIdsFilter(raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  if (raw.trim().startsWith('[')) {
    try {
      return (JSON.parse(raw) as unknown[]).map(String);
    } catch {
      return [];
    }
  }
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function filterTickets(store: PsaStore, q: z.output<typeof ticketListQuery>): Record<string, unknown>[] {
  const statusIds = statusIdsFilter(q.status_ids);
  const time = (iso: string | null): number => (iso ? Date.parse(iso) : NaN);
  const exact = [
    'board_id',
    'client_id',
    'contact_name_id',
    'status_id',
    'entered_by',
    'assigned_to',
    'priority_id',
  ] as const;
  return (
    [...store.tickets.values()]
      .filter((t) => exact.every((key) => q[key] === undefined || t[key] === q[key]))
      // Simulated tickets have no location or category, so filtering on one matches nothing.
      .filter(() => !q.location_id && !q.category_id && !q.subcategory_id)
      .filter((t) => !statusIds || statusIds.includes(t.status_id))
      .filter((t) => ilike(t.title, q.title) && ilike(t.ticket_number, q.ticket_number))
      .filter((t) => q.search === undefined || ilike(t.title, q.search) || ilike(t.ticket_number, q.search))
      .filter((t) => (q.is_open ? !t.is_closed : true) && (q.is_closed ? t.is_closed : true))
      .filter((t) => q.has_assignment === undefined || (t.assigned_to !== null) === q.has_assignment)
      .filter((t) => !q.entered_from || time(t.entered_at) >= Date.parse(q.entered_from))
      .filter((t) => !q.entered_to || time(t.entered_at) <= Date.parse(q.entered_to))
      .filter((t) => !q.closed_from || time(t.closed_at) >= Date.parse(q.closed_from))
      .filter((t) => !q.closed_to || time(t.closed_at) <= Date.parse(q.closed_to))
      .filter(
        (t) =>
          !q.tags ||
          q.tags
            .toLowerCase()
            .split(',')
            .some((tag) => t.tags?.map((x) => x.toLowerCase()).includes(tag)),
      )
      .map((t) => store.joined(t))
      .filter(
        (t) =>
          ilike(t.client_name as string, q.client_name) &&
          ilike(t.status_name as string, q.status_name) &&
          ilike(t.priority_name as string, q.priority_name) &&
          ilike(t.board_name as string, q.board_name),
      )
  );
}

function project(row: Record<string, unknown>, fields: string[] | null): Record<string, unknown> {
  if (!fields) return row;
  return Object.fromEntries(fields.map((f) => [f, row[f] ?? null]));
}

function createdTicket(ticket: TicketRow): Record<string, unknown> {
  const { is_closed: _closed, ...row } = ticket;
  return row;
}

export const ticketRoutes: Route[] = [
  route('GET', '/api/v1/tickets', 'tickets.list', (req, { store, now }) => {
    const q = parseQuery(ticketListQuery, req.query, 'standard', now());
    let fields: string[] | null = null;
    if (q.fields) {
      fields = q.fields === 'mobile_list' ? [...listFields] : q.fields.split(',').map((f) => f.trim());
      const unknown = fields.filter((f) => !listFields.has(f));
      if (unknown.length)
        throw apiError(400, 'VALIDATION_ERROR', `Unknown fields requested: ${unknown.join(', ')}`);
    }
    const column = sortColumns[q.sort ?? 'entered_at'] ?? 'entered_at';
    const rows = filterTickets(store, q).sort(
      compareBy((t) => (t[column] as string | null) ?? null, q.order),
    );
    const filters = Object.fromEntries(
      Object.entries(q).filter(
        ([k, v]) => v !== undefined && !['page', 'limit', 'sort', 'order', 'fields'].includes(k),
      ),
    );
    return paginated(
      rows.map((r) => project(r, fields)),
      q,
      { sort: q.sort ?? 'created_at', order: q.order, filters },
    );
  }),
  route('POST', '/api/v1/tickets', 'tickets.create', (req, { store, now }) => {
    const body = parseBody(createTicketSchema, req.body, 'standard', now());
    return ok(createdTicket(store.createTicket(body)), 201);
  }),
  route('GET', '/api/v1/tickets/search', 'tickets.search', (req, { store, now }) => {
    const q = parseQuery(
      z.object({
        query: z.string().min(1),
        include_closed: boolString().default(false),
        limit: intString(1, 100, '25'),
      }),
      req.query,
      'standard',
      now(),
    );
    const rows = [...store.tickets.values()]
      .filter(
        (t) =>
          (q.include_closed || !t.is_closed) && (ilike(t.title, q.query) || ilike(t.ticket_number, q.query)),
      )
      .slice(0, q.limit)
      .map((t) => store.joined(t));
    return ok(rows);
  }),
  route('POST', '/api/v1/tickets/from-asset', 'tickets.fromAsset', (req, { store, now }) => {
    const body = parseBody(fromAssetSchema, req.body, 'standard', now());
    if (!store.assets.has(body.asset_id)) throw notFound('Asset');
    const ticket = store.createTicket({
      title: body.title,
      board_id: body.board_id,
      client_id: body.client_id,
      status_id: body.status_id,
      priority_id: body.priority_id,
      attributes: { created_from_asset: body.asset_id, description: body.description },
    });
    ticket.source = null;
    ticket.ticket_origin = 'internal';
    store.linkAsset(ticket.ticket_id, body.asset_id, 'affected', null);
    return ok(createdTicket(ticket), 201);
  }),
  route('GET', '/api/v1/tickets/:id', 'tickets.get', (req, { store }) =>
    ok(withDescriptionHtml(store.joined(store.ticket(req.params.id!)))),
  ),
  route('PUT', '/api/v1/tickets/:id', 'tickets.update', (req, { store, now }) => {
    store.ticket(req.params.id!);
    const body = parseBody(updateTicketSchema, req.body, 'standard', now());
    const patch = {
      title: body.title,
      board_id: body.board_id,
      client_id: body.client_id,
      status_id: body.status_id,
      priority_id: body.priority_id,
      attributes: body.attributes,
      assigned_to: body.assigned_to,
    };
    return ok(withDescriptionHtml(createdTicket(store.updateTicket(req.params.id!, patch))));
  }),
  route('DELETE', '/api/v1/tickets/:id', 'tickets.delete', (req, { store }) => {
    store.deleteTicket(req.params.id!);
    return noContent;
  }),
  route('PUT', '/api/v1/tickets/:id/status', 'tickets.status', (req, { store, now }) => {
    store.ticket(req.params.id!);
    const body = parseBody(statusUpdateSchema, req.body, 'standard', now());
    return ok(createdTicket(store.setStatus(req.params.id!, body.status_id)));
  }),
  route('GET', '/api/v1/tickets/:id/comments', 'tickets.comments.list', (req, { store, now }) => {
    const ticket = store.ticket(req.params.id!);
    const q = parseQuery(
      z.object({
        limit: intString(1, 200, '200'),
        offset: intString(0, Number.MAX_SAFE_INTEGER, '0'),
        order: z.enum(['asc', 'desc']).default('asc'),
      }),
      req.query,
      'standard',
      now(),
    );
    const list = [...(store.comments.get(ticket.ticket_id) ?? [])].sort(
      compareBy((c) => c.created_at, q.order),
    );
    return ok(
      list.slice(q.offset, q.offset + q.limit).map((c) => ({
        ...c,
        comment_text: c.note,
        markdown_content: c.note,
        comment_html: `<p>${escapeHtml(c.note)}</p>`,
        created_by: c.user_id,
        reactions: [],
      })),
    );
  }),
  route('POST', '/api/v1/tickets/:id/comments', 'tickets.comments.create', (req, { store, now }) => {
    store.ticket(req.params.id!);
    const body = parseBody(commentSchema, req.body, 'standard', now());
    const comment = store.addComment(req.params.id!, body);
    return ok(
      {
        ...comment,
        comment_text: comment.note,
        comment_html: `<p>${escapeHtml(comment.note)}</p>`,
        created_by: comment.user_id,
        author_contact_id: null,
        author_contact_name: null,
        author_contact_email: null,
      },
      201,
    );
  }),
  route('GET', '/api/v1/tickets/:id/assets', 'tickets.assets.list', (req, { store }) => {
    const ticket = store.ticket(req.params.id!);
    const rows = store.associations
      .filter((a) => a.entity_id === ticket.ticket_id)
      .sort(compareBy((a) => a.created_at, 'desc'))
      .map((a) => {
        const asset = store.assets.get(a.asset_id)!;
        return {
          ...asset,
          client_name: store.clients.get(asset.client_id)?.client_name ?? null,
          relationship_type: a.relationship_type,
          association_notes: a.notes,
          linked_at: a.created_at,
        };
      });
    return ok(rows);
  }),
  route('POST', '/api/v1/tickets/:id/assets', 'tickets.assets.link', (req, { store, now }) => {
    store.ticket(req.params.id!);
    const body = parseBody(linkSchema, req.body, 'standard', now());
    return ok(
      store.linkAsset(
        req.params.id!,
        body.asset_id,
        body.relationship_type ?? 'affected',
        body.notes ?? null,
      ),
      201,
    );
  }),
  route('DELETE', '/api/v1/tickets/:id/assets/:assetId', 'tickets.assets.unlink', (req, { store }) => {
    store.ticket(req.params.id!);
    store.unlinkAsset(req.params.id!, req.params.assetId!);
    return noContent;
  }),
];
