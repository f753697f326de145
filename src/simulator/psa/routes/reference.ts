import { z } from 'zod';
import { apiError, notFound } from '../errors';
import { compareBy, ilike, ok, paginated, parseQuery, route, type Route } from '../http';
import { isUuid } from '../store';
import { boolString, intString, uuid } from '../zod3';

/** `paginationQuerySchema` + `baseFilterSchema` of `schemas/common.ts`. Plain objects: unknown keys pass. */
export const pageQuery = {
  page: intString(1, Number.MAX_SAFE_INTEGER, '1'),
  limit: intString(1, 100, '25'),
  sort: z.string().optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
  search: z.string().optional(),
};

const clientQuery = z.object({
  ...pageQuery,
  client_name: z.string().optional(),
  is_inactive: boolString().optional(),
  client_type: z.enum(['company', 'individual']).optional(),
});

const contactQuery = z.object({
  ...pageQuery,
  client_id: uuid().optional(),
  full_name: z.string().optional(),
  is_inactive: boolString().optional(),
});

const boardQuery = z.object({ ...pageQuery, include_inactive: boolString().optional() });

const statusQuery = z
  .object({
    ...pageQuery,
    type: z.enum(['ticket', 'project', 'project_task', 'interaction']).optional(),
    board_id: uuid().optional(),
  })
  .superRefine((q, ctx) => {
    if (q.type === 'ticket' && !q.board_id) {
      ctx.addIssue({
        code: 'custom',
        path: ['board_id'],
        message: 'board_id is required when querying ticket statuses',
      });
    }
  });

const priorityQuery = z.object({ ...pageQuery, item_type: z.enum(['ticket', 'project_task']).optional() });

const userQuery = z.object({
  ...pageQuery,
  username: z.string().optional(),
  user_type: z.enum(['internal', 'client', 'admin', 'contractor']).optional(),
  is_inactive: boolString().optional(),
});

function idParam(id: string, resource: string): string {
  if (!isUuid(id)) throw apiError(400, 'VALIDATION_ERROR', `Invalid ${resource} ID format`);
  return id;
}

export const referenceRoutes: Route[] = [
  route('GET', '/api/v1/clients', 'clients.list', (req, { store, now }) => {
    const q = parseQuery(clientQuery, req.query, 'standard', now());
    const rows = [...store.clients.values()]
      .filter(
        (c) =>
          ilike(c.client_name, q.client_name) &&
          ilike(c.client_name, q.search) &&
          (q.is_inactive === undefined || c.is_inactive === q.is_inactive) &&
          (q.client_type === undefined || c.client_type === q.client_type),
      )
      .sort(
        q.sort === 'client_name'
          ? compareBy((c) => c.client_name, q.order)
          : compareBy((c) => c.created_at + c.client_id, q.order),
      );
    return paginated(rows, q, { sort: q.sort ?? 'created_at', order: q.order, filters: {} });
  }),
  route('GET', '/api/v1/clients/:id', 'clients.get', (req, { store }) => {
    const client = store.clients.get(idParam(req.params.id!, 'client'));
    if (!client) throw notFound('Client');
    return ok(client);
  }),
  route('GET', '/api/v1/clients/:id/contacts', 'clients.contacts', (req, { store, now }) => {
    const id = idParam(req.params.id!, 'client');
    if (!store.clients.has(id)) throw notFound('Client');
    const q = parseQuery(contactQuery, req.query, 'standard', now());
    const rows = [...store.contacts.values()].filter((c) => c.client_id === id);
    return paginated(rows, q, { sort: 'created_at', order: q.order, filters: { client_id: id } });
  }),
  route('GET', '/api/v1/contacts', 'contacts.list', (req, { store, now }) => {
    const q = parseQuery(contactQuery, req.query, 'standard', now());
    const rows = [...store.contacts.values()].filter(
      (c) =>
        (q.client_id === undefined || c.client_id === q.client_id) &&
        ilike(c.full_name, q.full_name) &&
        ilike(c.full_name, q.search) &&
        (q.is_inactive === undefined || c.is_inactive === q.is_inactive),
    );
    return paginated(rows, q, { sort: 'created_at', order: q.order, filters: {} });
  }),
  route('GET', '/api/v1/boards', 'boards.list', (req, { store, now }) => {
    const q = parseQuery(boardQuery, req.query, 'standard', now());
    // BoardService ignores sort fields outside its list and orders by display_order, then name.
    const rows = [...store.boards.values()]
      .filter((b) => (q.include_inactive || !b.is_inactive) && ilike(b.board_name, q.search))
      .sort((a, b) => a.display_order - b.display_order || a.board_name.localeCompare(b.board_name));
    return paginated(rows, q, { sort: 'display_order', order: 'asc', filters: {} });
  }),
  route('GET', '/api/v1/boards/:id', 'boards.get', (req, { store }) => {
    const board = store.boards.get(idParam(req.params.id!, 'board'));
    if (!board) throw notFound('Board');
    return ok(board);
  }),
  route('GET', '/api/v1/statuses', 'statuses.list', (req, { store, now }) => {
    const q = parseQuery(statusQuery, req.query, 'standard', now());
    const rows = [...store.statuses.values()]
      .filter(
        (s) =>
          (q.type === undefined || s.status_type === q.type) && (!q.board_id || s.board_id === q.board_id),
      )
      .sort((a, b) => a.order_number - b.order_number || a.name.localeCompare(b.name));
    return paginated(rows, q, { sort: 'order_number', order: 'asc', filters: {} });
  }),
  route('GET', '/api/v1/priorities', 'priorities.list', (req, { store, now }) => {
    const q = parseQuery(priorityQuery, req.query, 'standard', now());
    const rows = [...store.priorities.values()]
      .filter((p) => q.item_type === undefined || p.item_type === q.item_type)
      .sort((a, b) => a.order_number - b.order_number || a.priority_name.localeCompare(b.priority_name));
    return paginated(rows, q, { sort: 'order_number', order: 'asc', filters: {} });
  }),
  route('GET', '/api/v1/users', 'users.list', (req, { store, now }) => {
    const q = parseQuery(userQuery, req.query, 'standard', now());
    const rows = [...store.users.values()].filter(
      (u) =>
        ilike(u.username, q.username) &&
        (q.user_type === undefined || u.user_type === q.user_type) &&
        (q.is_inactive === undefined || u.is_inactive === q.is_inactive),
    );
    return paginated(rows, q, { sort: 'created_at', order: q.order, filters: {} });
  }),
];

/** The route-local, unpaginated shortcuts under /tickets (registered before /tickets/:id). */
export const ticketReferenceRoutes: Route[] = [
  route('GET', '/api/v1/tickets/statuses', 'tickets.statuses', (req, { store, now }) => {
    const q = parseQuery(z.object({ board_id: uuid().optional() }), req.query, 'standard', now());
    const rows = [...store.statuses.values()]
      .filter((s) => !q.board_id || s.board_id === q.board_id)
      .sort((a, b) => a.order_number - b.order_number)
      .map((s) => ({
        status_id: s.status_id,
        board_id: s.board_id,
        name: s.name,
        is_closed: s.is_closed,
        is_default: s.is_default,
        order_number: s.order_number,
      }));
    return ok(rows);
  }),
  route('GET', '/api/v1/tickets/priorities', 'tickets.priorities', (_req, { store }) =>
    ok(
      [...store.priorities.values()]
        .sort((a, b) => a.priority_name.localeCompare(b.priority_name))
        .map((p) => ({ priority_id: p.priority_id, priority_name: p.priority_name })),
    ),
  ),
];
