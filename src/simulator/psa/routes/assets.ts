import { z } from 'zod';
import { apiError, assetError, assetMeta } from '../errors';
import {
  assetOk,
  compareBy,
  ilike,
  noContent,
  parseBody,
  parseQuery,
  route,
  type RouteContext,
  type Route,
} from '../http';
import { isUuid, type AssetRow } from '../store';
import { boolString, intString, uuid } from '../zod3';
import { pageQuery } from './reference';

/** `assetListQuerySchema`. */
const assetListQuery = z.object({
  ...pageQuery,
  asset_tag: z.string().optional(),
  name: z.string().optional(),
  client_id: uuid().optional(),
  location_id: uuid().optional(),
  asset_type: z.string().optional(),
  status: z.string().optional(),
  location: z.string().optional(),
  client_name: z.string().optional(),
  has_warranty: boolString().optional(),
  warranty_expired: boolString().optional(),
  purchase_date_from: z.iso.datetime().optional(),
  purchase_date_to: z.iso.datetime().optional(),
  warranty_end_from: z.iso.datetime().optional(),
  warranty_end_to: z.iso.datetime().optional(),
  // Validated but not applied by AssetService.list (`x-unapplied-validated-filters`).
  maintenance_due: boolString().optional(),
  is_active: boolString().optional(),
});

function within(value: string | null, from: string | undefined, to: string | undefined): boolean {
  if (from === undefined && to === undefined) return true;
  if (value === null) return false;
  const at = Date.parse(value);
  return (from === undefined || at >= Date.parse(from)) && (to === undefined || at <= Date.parse(to));
}

/** `createAssetWithExtensionSchema`; the RMM columns are not writable through it. */
const createAssetSchema = z.object({
  client_id: uuid(),
  asset_type: z.string().min(1).max(255),
  asset_tag: z.string().min(1).max(255),
  name: z.string().min(1).max(255),
  status: z.string().min(1),
  location_id: uuid().nullable().optional(),
  location: z.string().optional(),
  serial_number: z.string().optional(),
  purchase_date: z.iso.datetime().optional(),
  warranty_end_date: z.iso.datetime().optional(),
  extension_data: z.record(z.string(), z.unknown()).optional(),
});

/**
 * `assetSearchSchema`. Its list parameters are typed as arrays, and a query string gives a string: a
 * request that uses them is refused, so only `query`, `limit` and `include_extension_data` work (§3).
 */
const assetSearchQuery = z.object({
  query: z.string().min(1),
  fields: z.array(z.enum(['asset_tag', 'name', 'serial_number', 'location', 'client_name'])).optional(),
  asset_types: z.array(z.string()).optional(),
  statuses: z.array(z.string()).optional(),
  client_ids: z.array(uuid()).optional(),
  include_extension_data: boolString().optional(),
  limit: intString(1, 100, '25'),
});

const linkTicketSchema = z.object({
  ticket_id: uuid(),
  relationship_type: z.string().min(1).optional(),
  notes: z.string().optional(),
});

/** The SQL CASE of AssetService: expired, expiring within 30 days, active, or none. */
function warrantyStatus(end: string | null, now: number): string {
  if (end === null) return 'no_warranty';
  const at = Date.parse(end);
  if (at < now) return 'expired';
  return at < now + 30 * 86_400_000 ? 'expiring_soon' : 'active';
}

function links(id: string): Record<string, { href: string; method: string }> {
  const self = `/api/v1/assets/${id}`;
  return {
    self: { href: self, method: 'GET' },
    edit: { href: self, method: 'PUT' },
    delete: { href: self, method: 'DELETE' },
    list: { href: '/api/v1/assets', method: 'GET' },
  };
}

function listed(asset: AssetRow, ctx: RouteContext): Record<string, unknown> {
  return {
    ...asset,
    client_name: ctx.store.clients.get(asset.client_id)?.client_name ?? null,
    warranty_status: warrantyStatus(asset.warranty_end_date, ctx.now()),
    _links: links(asset.asset_id),
  };
}

function detailed(asset: AssetRow, ctx: RouteContext): Record<string, unknown> {
  return {
    ...listed(asset, ctx),
    client: ctx.store.clients.get(asset.client_id) ?? null,
    extension_data: null,
    relationships: [],
    documents: [],
    maintenance_schedules: [],
  };
}

function assetParam(id: string, ctx: RouteContext): AssetRow {
  if (!isUuid(id)) throw assetError(ctx.now(), 400, 'VALIDATION_ERROR', 'Invalid asset ID format');
  const asset = ctx.store.assets.get(id);
  if (!asset) throw assetError(ctx.now(), 404, 'ERROR', 'Asset not found');
  return asset;
}

export const assetRoutes: Route[] = [
  route(
    'GET',
    '/api/v1/assets',
    'assets.list',
    (req, ctx) => {
      const q = parseQuery(assetListQuery, req.query, 'asset', ctx.now());
      const counted = [...ctx.store.assets.values()].filter(
        (a) =>
          (q.client_id === undefined || a.client_id === q.client_id) &&
          (q.location_id === undefined || a.location_id === q.location_id) &&
          (q.status === undefined || a.status === q.status) &&
          (q.asset_type === undefined || a.asset_type === q.asset_type) &&
          (q.warranty_expired === undefined ||
            (a.warranty_end_date !== null && Date.parse(a.warranty_end_date) < ctx.now()) ===
              q.warranty_expired),
      );
      const rows = counted
        .filter(
          (a) =>
            ilike(a.asset_tag, q.asset_tag) &&
            ilike(a.name, q.name) &&
            ilike(a.location, q.location) &&
            ilike(ctx.store.clients.get(a.client_id)?.client_name, q.client_name) &&
            (q.has_warranty === undefined || (a.warranty_end_date !== null) === q.has_warranty) &&
            within(a.purchase_date, q.purchase_date_from, q.purchase_date_to) &&
            within(a.warranty_end_date, q.warranty_end_from, q.warranty_end_to),
        )
        .sort(compareBy((a) => a.created_at + a.asset_id, q.order));
      // AssetService's COUNT applies only client, location, status, type and warranty_expired: `total`
      // ignores the other filters.
      const total = counted.length;
      return {
        status: 200,
        body: {
          success: true,
          data: rows.slice((q.page - 1) * q.limit, q.page * q.limit).map((a) => listed(a, ctx)),
          pagination: { page: q.page, limit: q.limit, total, totalPages: Math.ceil(total / q.limit) },
          meta: assetMeta(ctx.now()),
        },
      };
    },
    'asset',
  ),
  route(
    'POST',
    '/api/v1/assets',
    'assets.create',
    (req, ctx) => {
      const body = parseBody(createAssetSchema, req.body, 'asset', ctx.now());
      if (body.location_id)
        throw assetError(
          ctx.now(),
          400,
          'VALIDATION_ERROR',
          'Location does not belong to the selected client',
        );
      const asset = ctx.store.createAsset(body);
      return assetOk(detailed(asset, ctx), ctx.now(), 201);
    },
    'asset',
  ),
  route(
    'GET',
    '/api/v1/assets/search',
    'assets.search',
    (req, ctx) => {
      const q = parseQuery(assetSearchQuery, req.query, 'asset', ctx.now());
      const rows = [...ctx.store.assets.values()]
        .filter((a) => [a.asset_tag, a.name, a.serial_number, a.location].some((v) => ilike(v, q.query)))
        .slice(0, q.limit)
        .map((a) => listed(a, ctx));
      // The controller wraps the hits once more, with a collection link (to /api/v2, as the code has it).
      return assetOk(
        { data: rows, _links: { self: { href: '/api/v2/assets/search', method: 'GET' } } },
        ctx.now(),
      );
    },
    'asset',
  ),
  route(
    'GET',
    '/api/v1/assets/:id',
    'assets.get',
    (req, ctx) => assetOk(detailed(assetParam(req.params.id!, ctx), ctx), ctx.now()),
    'asset',
  ),
  route(
    'DELETE',
    '/api/v1/assets/:id',
    'assets.delete',
    (req, ctx) => {
      const asset = assetParam(req.params.id!, ctx);
      ctx.store.deleteAsset(asset.asset_id);
      return noContent;
    },
    'asset',
  ),
  route(
    'GET',
    '/api/v1/assets/:id/tickets',
    'assets.tickets.list',
    (req, ctx) => {
      // No existence check (`x-no-asset-existence-check`): an unknown asset answers an empty list.
      const id = req.params.id!;
      if (!isUuid(id)) throw assetError(ctx.now(), 400, 'VALIDATION_ERROR', 'Invalid asset ID format');
      const rows = ctx.store.associations
        .filter((a) => a.asset_id === id && ctx.store.tickets.has(a.entity_id))
        .map((a) => {
          const t = ctx.store.joined(ctx.store.ticket(a.entity_id));
          return {
            ticket_id: t.ticket_id,
            ticket_number: t.ticket_number,
            title: t.title,
            status_id: t.status_id,
            status_name: t.status_name,
            is_closed: t.status_is_closed,
            priority_id: t.priority_id,
            assigned_to: t.assigned_to,
            client_id: t.client_id,
            board_id: t.board_id,
            entered_at: t.entered_at,
            updated_at: t.updated_at,
            relationship_type: a.relationship_type,
            association_notes: a.notes,
            linked_at: a.created_at,
          };
        })
        .sort(compareBy((r) => r.updated_at as string, 'desc'));
      return assetOk(rows, ctx.now());
    },
    'asset',
  ),
  route(
    'POST',
    '/api/v1/assets/:id/tickets',
    'assets.tickets.link',
    (req, ctx) => {
      const asset = assetParam(req.params.id!, ctx);
      const body = parseBody(linkTicketSchema, req.body, 'asset', ctx.now());
      if (
        ctx.store.associations.some((a) => a.asset_id === asset.asset_id && a.entity_id === body.ticket_id)
      ) {
        throw apiError(409, 'CONFLICT', 'Ticket is already linked to this asset');
      }
      const row = ctx.store.linkAsset(
        body.ticket_id,
        asset.asset_id,
        body.relationship_type ?? 'affected',
        body.notes ?? null,
      );
      return assetOk(row, ctx.now(), 201);
    },
    'asset',
  ),
  route(
    'DELETE',
    '/api/v1/assets/:id/tickets/:ticketId',
    'assets.tickets.unlink',
    (req, ctx) => {
      const asset = assetParam(req.params.id!, ctx);
      ctx.store.unlinkAsset(req.params.ticketId!, asset.asset_id);
      return noContent;
    },
    'asset',
  ),
];
