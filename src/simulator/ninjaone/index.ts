import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { requestUrl } from '../../shared/parsed-url';
import type { AddressInfo, Socket } from 'node:net';
import { apiRoutes, type ApiRoute } from './api';
import { changedBehaviour, defaultBehaviour, type BehaviourChange } from './behaviour';
import { SimClock } from './clock';
import { ControlError, SimControl } from './control';
import { controlRoutes } from './control-routes';
import type { ResolvedSimOptions, SimEnv } from './env';
import { FaultInjector, routeMatches, type ActiveFault, type FaultRule } from './faults';
import { apiError, json, matchRoute, readBody, route, send, type Reply, type RequestContext } from './http';
import { OAuthServer, type AccessTokenRecord } from './oauth';
import { QueryCursors } from './query-cursors';
import { requestBudgetProblem, SimRequestBudget, type RequestBudgetRule } from './request-budget';
import { hash, seededRandom } from './random';
import { SimState } from './state';
import { SimTruth } from './truth';
import { WebhookDispatcher } from './webhooks';

export type { FaultRule, FaultKind } from './faults';
export type { RequestBudgetRule } from './request-budget';
export { defaultBehaviour, type SimBehaviour, type BehaviourChange } from './behaviour';
export type { WebhookConfiguration, WebhookFaults, DeliveryRecord } from './webhooks';
export type { OAuthApp, OAuthControls } from './oauth';
export type { AddDeviceInput, ChangeDeviceInput, TriggerAlertInput } from './control';
export type { Json } from './views';
export { SimTruth } from './truth';
export { SimControl } from './control';

/** The ready token lives 30 days of simulated time: long benchmarks and demos outlive an hour. */
const readyTokenTtlSeconds = 30 * 86_400;

/** The redirect URI the pre-registered native app accepts by default (the console's default). */
export const defaultRedirectUri = 'http://127.0.0.1:48620/callback';

export interface NinjaOneSimulatorOptions {
  /** Fleet size (default 200). */
  devices?: number;
  /** Fleet seed: the same seed gives the same fleet (default 1). */
  seed?: number;
  /** Port on 127.0.0.1; 0 picks a free one (default 0). */
  port?: number;
  /** Epoch ms the simulated clock starts at (default now); the fleet's times are relative to it. */
  startTime?: number;
  /** Redirect URIs of the pre-registered native app (default `defaultRedirectUri`). */
  redirectUris?: string[];
  /** Client id of the pre-registered native app (default derived from the seed). */
  clientId?: string;
  accessTokenTtlSeconds?: number;
  codeTtlSeconds?: number;
  refreshTokenTtlSeconds?: number | null;
  /**
   * How unkind the server is, over `defaultBehaviour` (a page cap of 500, activity noise, retention,
   * realistic software counts, cursors with a fixed deadline); `control.setBehaviour` changes it later.
   */
  behaviour?: BehaviourChange;
  dashboardUrlTtlSeconds?: number;
  /** Serve the token endpoint at `/oauth/token` too (some hosts do; default off). */
  legacyTokenPath?: boolean;
  webhookTopLevelOrganizationId?: boolean;
  /** Faults active from the start. */
  faults?: FaultRule[];
  /**
   * Policies whose "agent offline" condition raises an alert when a device of theirs goes offline
   * (default the server policies; `/_sim/policies/offline-condition` changes it).
   */
  offlineConditionPolicies?: number[];
  /** A per-endpoint rate limit answering 429 (default none; `/_sim/request-budget` switches it). */
  requestBudget?: RequestBudgetRule;
  /** Days of past alerts, triggered and reset, in the activity log (default none). */
  alertHistoryDays?: number;
  /** Called after each API or OAuth request is answered (tests act at an exact point of a client's walk). */
  onRequest?: (request: RequestRecord) => void;
}

export interface RequestRecord {
  method: string;
  path: string;
  /** The query string as sent (`?df=...&cursor=...`), or empty. */
  query: string;
  route: string | null;
  status: number | 'dropped';
  faults: string[];
  at: number;
}

export interface NinjaOneSimulator {
  /** Base URL, e.g. `http://127.0.0.1:43117` (the API is under `/v2` and `/api/v2`). */
  readonly url: string;
  /** The pre-registered Native app (authorization code + PKCE, refresh grant, every scope). */
  readonly clientId: string;
  readonly redirectUri: string;
  /** A ready access token with every scope, as a system administrator, valid 30 days (headless tools, benchmarks). */
  readonly accessToken: string;
  /** The tenant's current data, in API shapes. */
  readonly truth: SimTruth;
  /** Change the tenant: devices, alerts, on/offline, the clock. */
  readonly control: SimControl;
  readonly faults: FaultInjector;
  /** The per-endpoint rate limit (`set(null)` switches it off). */
  readonly budget: SimRequestBudget;
  readonly oauth: OAuthServer;
  readonly webhooks: WebhookDispatcher;
  readonly clock: SimClock;
  /** Every request served (newest last, the last 50,000). */
  readonly requests: RequestRecord[];
  close(): Promise<void>;
}

const dashboardPage = `<!doctype html><meta charset="utf-8"><title>NinjaOne (simulator)</title>
<body style="font-family:sans-serif;margin:3rem"><h1>NinjaOne simulator</h1>
<p id="where">Device dashboard</p>
<script>document.getElementById('where').textContent = 'Device dashboard: ' + decodeURIComponent(location.hash.slice(1));</script>`;

/** Starts a NinjaOne stand-in on 127.0.0.1: OAuth, the API, the `/_sim` control API. */
export async function startNinjaOneSimulator(
  options: NinjaOneSimulatorOptions = {},
): Promise<NinjaOneSimulator> {
  const seed = options.seed ?? 1;
  const clock = new SimClock(options.startTime ?? Date.now());
  const state = new SimState(
    seed,
    options.devices ?? 200,
    clock,
    changedBehaviour(defaultBehaviour, options.behaviour ?? {}),
    options.alertHistoryDays,
  );
  if (options.offlineConditionPolicies)
    state.offlineConditionPolicies = new Set(options.offlineConditionPolicies);
  const oauth = new OAuthServer(clock, {
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    codeTtlSeconds: options.codeTtlSeconds ?? 60,
    refreshTokenTtlSeconds: options.refreshTokenTtlSeconds ?? null,
  });
  const resolved: ResolvedSimOptions = {
    dashboardUrlTtlSeconds: options.dashboardUrlTtlSeconds ?? 300,
    webhookTopLevelOrganizationId: options.webhookTopLevelOrganizationId ?? false,
  };
  const faults = new FaultInjector(seed);
  faults.set(options.faults ?? []);
  const budget = new SimRequestBudget(() => clock.now());
  if (options.requestBudget) {
    const problem = requestBudgetProblem(options.requestBudget);
    if (problem) throw new Error(`requestBudget: ${problem}`);
    budget.set(options.requestBudget);
  }
  const webhooks = new WebhookDispatcher(seededRandom(seed ^ 0xbeef), () => clock.now());
  let baseUrl = '';
  const env: SimEnv = {
    state,
    oauth,
    faults,
    budget,
    queries: new QueryCursors(clock, () => state.behaviour.cursor),
    webhooks,
    control: new SimControl(state, webhooks, () => resolved.webhookTopLevelOrganizationId),
    options: resolved,
    baseUrl: () => baseUrl,
  };
  const app = oauth.registerApp({
    clientId: options.clientId ?? `sim-${hash(seed, 77).toString(36)}${hash(seed, 78).toString(36)}`,
    name: 'Alga Technician Console (simulated Native app)',
    platform: 'native',
    redirectUris: options.redirectUris ?? [defaultRedirectUri],
  });
  const accessToken = oauth.issueAccessToken(app.clientId, undefined, true, readyTokenTtlSeconds);
  const requests: RequestRecord[] = [];

  const oauthRoutes = [
    route<SimEnv>('GET', '/ws/oauth/authorize', (ctx) => oauth.authorize(ctx.query)),
    route<SimEnv>('POST', '/ws/oauth/token', (ctx) =>
      oauth.token(new URLSearchParams(ctx.body.toString('utf8'))),
    ),
    ...(options.legacyTokenPath
      ? [
          route<SimEnv>('POST', '/oauth/token', (ctx) =>
            oauth.token(new URLSearchParams(ctx.body.toString('utf8'))),
          ),
        ]
      : []),
    route<SimEnv>('GET', '/', () => ({
      status: 200,
      text: dashboardPage,
      headers: { 'content-type': 'text/html' },
    })),
  ];

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = requestUrl<URL>(req.url, 'http://simulator');
    if (!url) {
      send(res, apiError(400, 'BAD_REQUEST', 'The request target is not a path'));
      return;
    }
    const method = req.method ?? 'GET';
    const path = url.pathname.startsWith('/api/v2/') ? url.pathname.slice(4) : url.pathname;
    const log = (
      routeKey: string | null,
      status: number | 'dropped',
      fired: readonly { kind: string }[],
    ): void => {
      const record: RequestRecord = {
        method,
        path: url.pathname,
        query: url.search,
        route: routeKey,
        status,
        faults: fired.map((f) => f.kind),
        at: clock.now(),
      };
      requests.push(record);
      options.onRequest?.(record);
      if (requests.length > 50_000) requests.splice(0, requests.length - 50_000);
    };
    const body = await readBody(req);
    if (!body) {
      // The rest of the body is never read: the connection closes after the answer.
      send(res, {
        ...apiError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large'),
        headers: { connection: 'close' },
      });
      return;
    }
    const ctx = (params: Record<string, string>): RequestContext => ({
      method,
      path,
      url,
      query: url.searchParams,
      params,
      headers: req.headers,
      body,
    });

    // Noise and pruning catch up with the time that passed before anything is read or changed.
    env.control.tick();
    const control = matchRoute(controlRoutes, method, path);
    if (control) {
      let reply: Reply;
      try {
        reply = control.route.handler(ctx(control.params), env) as Reply;
      } catch (error) {
        if (!(error instanceof ControlError)) throw error;
        reply = json(error.status, { error: error.message });
      }
      send(res, reply);
      return;
    }

    const api = matchRoute(apiRoutes, method, path);
    const other = api ? null : matchRoute(oauthRoutes, method, path);
    const routeKey = api?.route.key ?? other?.route.key ?? null;
    if (!routeKey) {
      send(res, apiError(404, 'NOT_FOUND', `No route for ${method} ${url.pathname}`));
      log(null, 404, []);
      return;
    }
    const carriesCursor = ['after', 'cursor', 'olderThan', 'newerThan'].some((p) => url.searchParams.has(p));
    const fired = faults.select(routeKey, api !== null, carriesCursor);
    const slow = fired.find((f) => f.kind === 'slow');
    if (slow) await new Promise((resolve) => setTimeout(resolve, slow.delayMs ?? 2000));
    if (fired.some((f) => f.kind === 'drop_connection')) {
      log(routeKey, 'dropped', fired);
      req.socket.destroy();
      return;
    }
    const limited = budget.take(routeKey, api !== null);
    const early = limited
      ? budgetReply(limited.retryAfter)
      : faultReply(fired, `${url.pathname}${url.search}`);
    let reply: Reply;
    if (early) reply = early;
    else if (method === 'DELETE' && body.length > 0)
      reply = apiError(400, 'BAD_REQUEST', 'DELETE requests must not have a body');
    else if (api) {
      const auth = oauth.authenticate(req.headers.authorization);
      if (!('token' in auth)) reply = auth;
      else if (!auth.scopes.has((api.route as ApiRoute).scope))
        reply = apiError(403, 'FORBIDDEN', `This call needs the ${(api.route as ApiRoute).scope} scope`);
      else if (refusal(routeKey) === 403)
        reply = apiError(403, 'FORBIDDEN', 'Insufficient permissions to access this resource');
      else if (refusal(routeKey) === 404)
        reply = apiError(404, 'NOT_FOUND', `No route for ${method} ${url.pathname}`);
      else
        reply = await api.route.handler(ctx(api.params), {
          env,
          token: auth as AccessTokenRecord,
          faults: fired,
        });
    } else reply = await other!.route.handler(ctx(other!.params), env);

    const corrupt = fired.find((f) => f.kind === 'corrupt_records');
    if (corrupt && reply.status === 200)
      reply = { ...reply, body: corruptBody(reply.body, corrupt.share ?? 0.2) };
    const contentType = fired.find((f) => f.kind === 'content_type');
    send(
      res,
      reply,
      contentType
        ? contentType.contentType === undefined
          ? 'text/plain'
          : contentType.contentType
        : undefined,
    );
    log(routeKey, reply.status, limited ? [...fired, { kind: 'request_budget' }] : fired);
  };

  /** The status `behaviour.refusals` answers this route with, if any. */
  const refusal = (routeKey: string): number | undefined => {
    for (const [pattern, status] of Object.entries(state.behaviour.refusals)) {
      if (routeMatches(pattern, routeKey, true)) return status;
    }
    return undefined;
  };

  const corruptBody = (body: unknown, share: number): unknown => {
    if (Array.isArray(body)) return faults.corrupt(body, share);
    if (body && typeof body === 'object') {
      const copy = { ...(body as Record<string, unknown>) };
      for (const key of ['results', 'activities'])
        if (Array.isArray(copy[key])) copy[key] = faults.corrupt(copy[key], share);
      return copy;
    }
    return body;
  };

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        send(res, apiError(500, 'SIMULATOR_ERROR', error instanceof Error ? error.message : String(error)));
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    clientId: app.clientId,
    redirectUri: app.redirectUris[0] ?? '',
    accessToken,
    truth: new SimTruth(state),
    control: env.control,
    faults,
    budget,
    oauth,
    webhooks,
    clock,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The per-endpoint budget is spent: 429, with the Retry-After it chose (or none). */
function budgetReply(retryAfter: string | null): Reply {
  return json(
    429,
    { resultCode: 'TOO_MANY_REQUESTS', errorMessage: 'Rate limit exceeded' },
    retryAfter === null ? {} : { 'retry-after': retryAfter },
  );
}

/** 429, 5xx and redirect faults answer before the handler runs. */
function faultReply(fired: ActiveFault[], path: string): Reply | null {
  const limited = fired.find((f) => f.kind === 'rate_limit');
  if (limited) {
    const seconds = limited.retryAfterSeconds ?? 1;
    const headers: Record<string, string> = {};
    if ((limited.retryAfter ?? 'seconds') === 'seconds') headers['retry-after'] = String(seconds);
    else if (limited.retryAfter === 'http-date')
      // An HTTP date is wall-clock time, whatever the simulated clock says.
      headers['retry-after'] = new Date(Date.now() + seconds * 1000).toUTCString();
    return json(429, { resultCode: 'TOO_MANY_REQUESTS', errorMessage: 'Rate limit exceeded' }, headers);
  }
  const moved = fired.find((f) => f.kind === 'redirect');
  if (moved) {
    const location = moved.location ?? `https://eu.ninjarmm.com${path}`;
    return json(302, { resultCode: 'MOVED', errorMessage: `Moved to ${location}` }, { location });
  }
  const failed = fired.find((f) => f.kind === 'server_error');
  if (failed) {
    const status = failed.status ?? 503;
    return json(status, {
      resultCode: 'FAILURE',
      errorMessage: status === 503 ? 'Service unavailable' : 'Internal error',
    });
  }
  return null;
}
