import { randomBytes } from 'node:crypto';
import { parseDeviceFilter, DeviceFilterError, type DevicePredicate } from './device-filter';
import type { ActiveFault } from './faults';
import {
  apiError,
  intParam,
  json,
  noContent,
  route,
  type Reply,
  type RequestContext,
  type Route,
} from './http';
import type { SimActivity, SimDevice } from './model';
import type { AccessTokenRecord } from './oauth';
import type { SimEnv } from './env';
import {
  activityView,
  alertView,
  antivirusView,
  deviceDetailedView,
  deviceHealthView,
  deviceView,
  locationView,
  organizationDetailedView,
  organizationView,
  osPatchViews,
  softwarePatchViews,
  softwareViews,
  type Json,
  type PatchFilter,
} from './views';
import { activityTypes } from './catalogue';
import type { WebhookConfiguration } from './webhooks';

/** What every API handler gets besides the request: the tenant, the caller's token, firing faults. */
export interface ApiExtra {
  env: SimEnv;
  token: AccessTokenRecord;
  faults: ActiveFault[];
}

export type Scope = 'monitoring' | 'management';
export interface ApiRoute extends Route<ApiExtra> {
  /** The OAuth scope the call needs (read calls: monitoring; changes and remote links: management). */
  scope: Scope;
}

const api = (
  method: string,
  pattern: string,
  scope: Scope,
  handler: (ctx: RequestContext, extra: ApiExtra) => Reply | Promise<Reply>,
): ApiRoute => ({ ...route(method, pattern, handler), scope });

const badRequest = (message: string): Reply => apiError(400, 'BAD_REQUEST', message);
const isReply = (value: unknown): value is Reply =>
  typeof value === 'object' &&
  value !== null &&
  'status' in value &&
  typeof (value as Reply).status === 'number';

function pageSize(ctx: RequestContext, fallback: number, max: number, min = 1): number | Reply {
  const value = intParam(ctx.query, 'pageSize');
  if (value === 'invalid') return badRequest('pageSize must be an integer');
  if (value === undefined) return fallback;
  if (value < min) return badRequest(`pageSize must be at least ${min}`);
  return Math.min(value, max);
}

function deviceFilter(ctx: RequestContext): DevicePredicate | Reply {
  const df = ctx.query.get('df');
  if (!df) return () => true;
  try {
    return parseDeviceFilter(df);
  } catch (error) {
    const reason = error instanceof DeviceFilterError ? error.message : 'invalid filter';
    return apiError(400, 'INVALID_DEVICE_FILTER', `Invalid device filter: ${reason}`);
  }
}

function deviceOf(ctx: RequestContext, env: SimEnv): SimDevice | Reply {
  const id = Number(ctx.params.id);
  const device = Number.isInteger(id) ? env.state.devices.get(id) : undefined;
  return device ?? apiError(404, 'NODE_NOT_FOUND', `Device ${ctx.params.id} not found`);
}

const fires = (faults: ActiveFault[], kind: ActiveFault['kind']): boolean =>
  faults.some((f) => f.kind === kind);

/** An epoch-seconds or ISO date parameter (clients send either). */
function timeParam(ctx: RequestContext, name: string): number | undefined | Reply {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw) >= 1e12 ? Number(raw) / 1000 : Number(raw);
  const parsed = Date.parse(raw);
  return Number.isNaN(parsed) ? badRequest(`${name} must be epoch seconds or a date`) : parsed / 1000;
}

/** Family A: ascending ids after `after`, at most `pageSize`, as a bare array. */
function devicePage(
  ctx: RequestContext,
  extra: ApiExtra,
  keep: (d: SimDevice) => boolean,
  view: (d: SimDevice) => Json,
): Reply {
  const { state } = extra.env;
  const size = pageSize(ctx, state.behaviour.pageCap, state.behaviour.pageCap);
  if (isReply(size)) return size;
  const filter = deviceFilter(ctx);
  if (isReply(filter)) return filter;
  const after = intParam(ctx.query, 'after');
  if (after === 'invalid') return badRequest('after must be an integer');
  const out: Json[] = [];
  const ids = state.sortedDeviceIds;
  for (
    let i = state.indexAfter(fires(extra.faults, 'ignore_cursor') ? undefined : after);
    i < ids.length && out.length < size;
    i++
  ) {
    const device = state.devices.get(ids[i]!);
    if (device && keep(device) && filter(device)) out.push(view(device));
  }
  return json(200, out);
}

function idPage<T extends { id: number }>(
  ctx: RequestContext,
  extra: ApiExtra,
  items: T[],
  view: (item: T) => Json,
): Reply {
  const cap = extra.env.state.behaviour.pageCap;
  const size = pageSize(ctx, cap, cap);
  if (isReply(size)) return size;
  const after = intParam(ctx.query, 'after');
  if (after === 'invalid') return badRequest('after must be an integer');
  const from = fires(extra.faults, 'ignore_cursor') || after === undefined ? -Infinity : after;
  return json(
    200,
    items
      .filter((item) => item.id > from)
      .slice(0, size)
      .map(view),
  );
}

function expandSet(ctx: RequestContext): Set<string> {
  return new Set(
    (ctx.query.get('expand') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

/** Family C: newest first, `olderThan`/`newerThan` (mutually exclusive), `lastActivityId`. */
function activityPage(ctx: RequestContext, extra: ApiExtra, device: SimDevice | null): Reply {
  const { state } = extra.env;
  const size = pageSize(ctx, 200, Math.min(1000, state.behaviour.pageCap), 10);
  if (isReply(size)) return size;
  const olderThan = intParam(ctx.query, 'olderThan');
  const newerThan = intParam(ctx.query, 'newerThan');
  if (olderThan === 'invalid' || newerThan === 'invalid')
    return badRequest('olderThan and newerThan must be activity ids');
  if (olderThan !== undefined && newerThan !== undefined)
    return badRequest('olderThan and newerThan cannot be combined');
  const conditions: ((a: SimActivity) => boolean)[] = [];
  const type = ctx.query.get(device ? 'activityType' : 'type');
  if (type) conditions.push((a) => a.activityType === type);
  const status = ctx.query.get('status');
  if (status) {
    const codes = new Set(status.split(','));
    conditions.push((a) => codes.has(a.statusCode));
  }
  const seriesUid = ctx.query.get('seriesUid');
  if (seriesUid) conditions.push((a) => a.seriesUid === seriesUid);
  if (!device) {
    const activityClass = (ctx.query.get('class') ?? 'ALL').toUpperCase();
    if (activityClass === 'DEVICE') conditions.push((a) => a.deviceId !== undefined);
    else if (activityClass === 'SYSTEM') conditions.push((a) => a.deviceId === undefined);
    else if (activityClass === 'USER') conditions.push((a) => a.userId !== undefined);
    const after = timeParam(ctx, 'after');
    const before = timeParam(ctx, 'before');
    if (isReply(after)) return after;
    if (isReply(before)) return before;
    if (after !== undefined) conditions.push((a) => a.activityTime >= after);
    if (before !== undefined) conditions.push((a) => a.activityTime < before);
    const sourceConfigUid = ctx.query.get('sourceConfigUid');
    if (sourceConfigUid) conditions.push((a) => a.sourceConfigUid === sourceConfigUid);
    const user = intParam(ctx.query, 'user');
    if (typeof user === 'number') conditions.push((a) => a.userId === user);
    const filter = deviceFilter(ctx);
    if (isReply(filter)) return filter;
    if (ctx.query.get('df')) {
      conditions.push((a) => {
        const d = a.deviceId === undefined ? undefined : state.devices.get(a.deviceId);
        return d !== undefined && filter(d);
      });
    }
  }
  const ignore = fires(extra.faults, 'ignore_cursor');
  const activities = state.activities.page({
    pageSize: size,
    olderThan: ignore ? undefined : olderThan,
    newerThan: ignore ? undefined : newerThan,
    deviceId: device?.id,
    matches: (a) => conditions.every((c) => c(a)),
    now: state.clock.seconds(),
  });
  const body: Json = { lastActivityId: state.lastActivityId, activities: activities.map(activityView) };
  if (device) body.lastNodeActivityId = state.activities.lastIdForDevice(device.id, state.clock.seconds());
  return json(200, body);
}

type QueryRows = (device: SimDevice, ctx: RequestContext, extra: ApiExtra) => Json[];

/** Family B: a cursor-paged fleet query. */
function query(rows: QueryRows, prepare?: (ctx: RequestContext) => Reply | undefined) {
  return (ctx: RequestContext, extra: ApiExtra): Reply => {
    const { state, queries } = extra.env;
    const problem = prepare?.(ctx);
    if (problem) return problem;
    const size = pageSize(ctx, state.behaviour.pageCap, state.behaviour.pageCap);
    if (isReply(size)) return size;
    const cursorName = ctx.query.get('cursor');
    let position;
    if (cursorName && !fires(extra.faults, 'ignore_cursor')) {
      position = fires(extra.faults, 'expire_cursor') ? 'expired' : queries.resume(cursorName);
      if (position === 'expired')
        return apiError(400, 'INVALID_CURSOR', 'Query cursor expired or not found; start the query again');
    } else {
      const filter = deviceFilter(ctx);
      if (isReply(filter)) return filter;
      const ids = state.sortedDeviceIds.filter((id) => filter(state.devices.get(id)!));
      position = queries.start(ids, (device) => rows(device, ctx, extra));
    }
    return json(
      200,
      queries.page(position, size, (id) => state.devices.get(id)),
    );
  };
}

function patchFilter(ctx: RequestContext): PatchFilter | Reply {
  const installedBefore = timeParam(ctx, 'installedBefore');
  const installedAfter = timeParam(ctx, 'installedAfter');
  if (isReply(installedBefore)) return installedBefore;
  if (isReply(installedAfter)) return installedAfter;
  const text = (name: string): string | undefined => ctx.query.get(name) ?? undefined;
  return {
    status: text('status'),
    type: text('type'),
    severity: text('severity'),
    impact: text('impact'),
    productIdentifier: text('productIdentifier'),
    installedBefore,
    installedAfter,
  };
}

/** Query rows carry their device and, unless the row has its own, the device's inventory time. */
const withDevice = (device: SimDevice, rows: Json[]): Json[] =>
  rows.map((row) => ({ deviceId: device.id, timestamp: device.inventoryTime, ...row }));

function patchRows(kind: 'os' | 'software', history: boolean): QueryRows {
  return (device, ctx) => {
    const filter = patchFilter(ctx);
    if (isReply(filter)) return [];
    return withDevice(
      device,
      kind === 'os'
        ? osPatchViews(device, history, filter, true)
        : softwarePatchViews(device, history, filter, true),
    );
  };
}

/** A fleet patch query, its filters checked before the walk starts. */
function patchQuery(kind: 'os' | 'software', history: boolean) {
  return query(patchRows(kind, history), (ctx) => asProblem(patchFilter(ctx)));
}

function perDevicePatches(kind: 'os' | 'software', history: boolean) {
  return (ctx: RequestContext, { env }: ApiExtra): Reply => {
    const device = deviceOf(ctx, env);
    if (isReply(device)) return device;
    const filter = patchFilter(ctx);
    if (isReply(filter)) return filter;
    return json(
      200,
      kind === 'os' ? osPatchViews(device, history, filter) : softwarePatchViews(device, history, filter),
    );
  };
}

function validateWebhook(body: unknown): WebhookConfiguration | string {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'the body must be a JSON object';
  const b = body as Record<string, unknown>;
  if (typeof b.url !== 'string') return 'url is required';
  try {
    const url = new URL(b.url);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'url must be http(s)';
  } catch {
    return 'url is not a valid URL';
  }
  if (b.activities !== undefined) {
    if (!b.activities || typeof b.activities !== 'object' || Array.isArray(b.activities))
      return 'activities must be an object';
    for (const [type, codes] of Object.entries(b.activities)) {
      if (!(activityTypes as readonly string[]).includes(type)) return `unknown activity type ${type}`;
      if (!Array.isArray(codes) || codes.some((c) => typeof c !== 'string'))
        return `activities.${type} must be a list of status codes`;
    }
  }
  if (b.headers !== undefined) {
    if (
      !Array.isArray(b.headers) ||
      b.headers.some((h) => !h || typeof h.name !== 'string' || typeof h.value !== 'string')
    )
      return 'headers must be a list of {name, value}';
  }
  if (b.expand !== undefined && (!Array.isArray(b.expand) || b.expand.some((e) => typeof e !== 'string')))
    return 'expand must be a list of strings';
  if (b.organizationIds !== undefined) {
    if (!Array.isArray(b.organizationIds) || b.organizationIds.some((id) => !Number.isInteger(id)))
      return 'organizationIds must be integers';
    if (new Set(b.organizationIds).size !== b.organizationIds.length) return 'organizationIds must be unique';
  }
  return b as unknown as WebhookConfiguration;
}

/** Every NinjaOne route the simulator serves, under `/v2` (and `/api/v2`, which maps to the same). */
export const apiRoutes: ApiRoute[] = [
  api('GET', '/v2/organizations', 'monitoring', (ctx, extra) =>
    idPage(ctx, extra, extra.env.state.organizations, organizationView),
  ),
  api('GET', '/v2/organizations-detailed', 'monitoring', (ctx, extra) =>
    idPage(ctx, extra, extra.env.state.organizations, organizationDetailedView),
  ),
  api('GET', '/v2/organization/:id', 'monitoring', (ctx, { env }) => {
    const org = env.state.organization(Number(ctx.params.id));
    return org
      ? json(200, organizationDetailedView(org))
      : apiError(404, 'CLIENT_NOT_FOUND', `Organization ${ctx.params.id} not found`);
  }),
  api('GET', '/v2/organization/:id/locations', 'monitoring', (ctx, { env }) => {
    const org = env.state.organization(Number(ctx.params.id));
    return org
      ? json(
          200,
          org.locations.map((l) => locationView(l, false)),
        )
      : apiError(404, 'CLIENT_NOT_FOUND', `Organization ${ctx.params.id} not found`);
  }),
  api('GET', '/v2/organization/:id/devices', 'monitoring', (ctx, extra) => {
    const orgId = Number(ctx.params.id);
    if (!extra.env.state.organization(orgId))
      return apiError(404, 'CLIENT_NOT_FOUND', `Organization ${ctx.params.id} not found`);
    return devicePage(
      ctx,
      extra,
      (d) => d.organizationId === orgId,
      (d) => deviceView(d, extra.env.state),
    );
  }),
  api('GET', '/v2/locations', 'monitoring', (ctx, extra) =>
    idPage(ctx, extra, extra.env.state.locations(), (l) => locationView(l, true)),
  ),
  api('GET', '/v2/devices', 'monitoring', (ctx, extra) => {
    const expand = expandSet(ctx);
    return devicePage(
      ctx,
      extra,
      () => true,
      (d) => deviceView(d, extra.env.state, expand),
    );
  }),
  api('GET', '/v2/devices-detailed', 'monitoring', (ctx, extra) =>
    devicePage(
      ctx,
      extra,
      () => true,
      (d) => deviceDetailedView(d, extra.env.state),
    ),
  ),
  api('GET', '/v2/device/:id', 'monitoring', (ctx, { env }) => {
    const device = deviceOf(ctx, env);
    return isReply(device) ? device : json(200, deviceDetailedView(device, env.state));
  }),
  api('GET', '/v2/device/:id/alerts', 'monitoring', (ctx, { env }) => {
    const device = deviceOf(ctx, env);
    if (isReply(device)) return device;
    return json(
      200,
      env.state.alertsOf(device.id).map((a) => alertView(a, device, env.state)),
    );
  }),
  api('GET', '/v2/alerts', 'monitoring', (ctx, { env }) => {
    const filter = deviceFilter(ctx);
    if (isReply(filter)) return filter;
    const sourceType = ctx.query.get('sourceType');
    const out: Json[] = [];
    for (const alert of env.state.alerts.values()) {
      const device = env.state.devices.get(alert.deviceId);
      if (sourceType && alert.sourceType !== sourceType) continue;
      if (ctx.query.get('df') && (!device || !filter(device))) continue;
      out.push(alertView(alert, device, env.state));
    }
    return json(200, out);
  }),
  api('DELETE', '/v2/alert/:uid', 'management', (ctx, { env }) =>
    env.control.resetAlert(ctx.params.uid!)
      ? noContent()
      : apiError(404, 'ALERT_NOT_FOUND', `Alert ${ctx.params.uid} not found`),
  ),
  api('GET', '/v2/activities', 'monitoring', (ctx, extra) => activityPage(ctx, extra, null)),
  api('GET', '/v2/device/:id/activities', 'monitoring', (ctx, extra) => {
    const device = deviceOf(ctx, extra.env);
    return isReply(device) ? device : activityPage(ctx, extra, device);
  }),
  api('GET', '/v2/device/:id/dashboard-url', 'management', (ctx, { env }) => {
    const device = deviceOf(ctx, env);
    if (isReply(device)) return device;
    const link = `${env.baseUrl()}/?link=${randomBytes(12).toString('base64url')}#/deviceDashboard/${device.id}/overview`;
    if (ctx.query.get('redirect') === 'true') return { status: 302, headers: { location: link } };
    return json(200, { url: link, expires: env.state.clock.seconds() + env.options.dashboardUrlTtlSeconds });
  }),
  api('GET', '/v2/device/:id/software', 'monitoring', (ctx, { env }) => {
    const device = deviceOf(ctx, env);
    return isReply(device) ? device : json(200, softwareViews(device));
  }),
  api('GET', '/v2/device/:id/os-patches', 'monitoring', perDevicePatches('os', false)),
  api('GET', '/v2/device/:id/software-patches', 'monitoring', perDevicePatches('software', false)),
  api('GET', '/v2/device/:id/os-patch-installs', 'monitoring', perDevicePatches('os', true)),
  api('GET', '/v2/device/:id/software-patch-installs', 'monitoring', perDevicePatches('software', true)),
  api(
    'GET',
    '/v2/queries/software',
    'monitoring',
    query(
      (device, ctx) => {
        const before = timeParam(ctx, 'installedBefore');
        const after = timeParam(ctx, 'installedAfter');
        return withDevice(device, softwareViews(device)).filter((row) => {
          const at = Date.parse(row.installDate as string) / 1000;
          return (typeof before !== 'number' || at < before) && (typeof after !== 'number' || at > after);
        });
      },
      (ctx) => asProblem(patchFilter(ctx)),
    ),
  ),
  api('GET', '/v2/queries/os-patches', 'monitoring', patchQuery('os', false)),
  api('GET', '/v2/queries/os-patch-installs', 'monitoring', patchQuery('os', true)),
  api('GET', '/v2/queries/software-patches', 'monitoring', patchQuery('software', false)),
  api('GET', '/v2/queries/software-patch-installs', 'monitoring', patchQuery('software', true)),
  api(
    'GET',
    '/v2/queries/antivirus-status',
    'monitoring',
    query((device, ctx) => {
      const av = antivirusView(device);
      if (!av) return [];
      const state = ctx.query.get('productState');
      const name = ctx.query.get('productName');
      if ((state && av.productState !== state) || (name && av.productName !== name)) return [];
      return withDevice(device, [av]);
    }),
  ),
  api(
    'GET',
    '/v2/queries/device-health',
    'monitoring',
    query((device, ctx, { env }) => {
      if (device.deviceType === 'UNMANAGED') return [];
      const alerts = env.state.alertsOf(device.id);
      const row = deviceHealthView(
        device,
        alerts.length,
        alerts.some((a) => a.severity === 'CRITICAL'),
      );
      const health = ctx.query.get('health');
      return health && row.healthStatus !== health ? [] : [row];
    }),
  ),
  api('PUT', '/v2/webhook', 'management', (ctx, { env, token }) => {
    if (!token.administrator)
      return apiError(403, 'FORBIDDEN', 'Only system administrators can configure webhooks');
    let body: unknown;
    try {
      body = JSON.parse(ctx.body.toString('utf8'));
    } catch {
      return badRequest('The body is not valid JSON');
    }
    const config = validateWebhook(body);
    if (typeof config === 'string') return badRequest(`Invalid webhook configuration: ${config}`);
    env.webhooks.put(token.clientId, config);
    return noContent();
  }),
  api('DELETE', '/v2/webhook', 'management', (_ctx, { env, token }) => {
    if (!token.administrator)
      return apiError(403, 'FORBIDDEN', 'Only system administrators can configure webhooks');
    env.webhooks.delete(token.clientId);
    return noContent();
  }),
];

function asProblem(value: PatchFilter | Reply): Reply | undefined {
  return isReply(value) ? value : undefined;
}
