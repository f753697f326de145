import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import rateLimit from '@fastify/rate-limit';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type onRequestAsyncHookHandler,
  type RouteHandlerMethod,
} from 'fastify';
import type { z } from 'zod';
import { webhookSecretCheck } from '../auth/webhook-secret';
import type { RelayContext } from '../context';
import { rejectReasons, type RejectReason } from '../metrics';
import { acceptJsonBodies, firstIssue } from './body';
import { requireAdmin, requireConsole } from './console-auth';
import { streamEvents } from './events-route';
import {
  claimSeries,
  getEntry,
  LEDGER_BODY_LIMIT,
  ledgerListQuery,
  listEntries,
  recordTicket,
  releaseClaim,
  seriesParams,
} from './ledger-routes';
import { health, metrics } from './ops-routes';
import {
  changeSilence,
  decisionsQuery,
  deviceParams,
  listDecisions,
  listSilences,
  readRules,
  RULES_BODY_LIMIT,
  rulesState,
  saveRules,
  SILENCE_BODY_LIMIT,
} from './rules-routes';
import { sharedRateLimitStore } from './rate-limit-store';
import { HttpError, sendError } from './respond';
import { receiveWebhook, requireWebhookSecret, WEBHOOK_PATH } from './webhook-route';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const everyMethod = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

interface Endpoint {
  handler: RouteHandlerMethod;
  auth?: onRequestAsyncHookHandler;
  params?: z.ZodType;
  query?: z.ZodType;
  bodyLimit?: number;
  /** Requests per console token in the rate window, a minute unless set shorter (@fastify/rate-limit). */
  perMinute?: number;
}

export interface RelayAppOptions {
  shuttingDown(): boolean;
  /** Whether `/metrics` is served here, and the check it needs (null: none, it is on its own listener). */
  metricsAuth: onRequestAsyncHookHandler | null | 'off';
}

/** Turns what fastify or a hook threw into the relay's JSON error. */
function httpErrorOf(error: unknown, bodyLimit: number): HttpError {
  if (error instanceof HttpError) return error;
  const { code, statusCode } = error as { code?: string; statusCode?: number };
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError(413, 'too_large', `The body is larger than ${bodyLimit} bytes.`, { close: true });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.', {
        close: true,
      });
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'ECONNRESET':
      return new HttpError(400, 'incomplete', 'The request body was cut off.', { close: true });
  }
  if (statusCode !== undefined && statusCode >= 400 && statusCode < 500)
    return new HttpError(statusCode, 'bad_request', 'The relay could not read this request.', {
      close: true,
    });
  return new HttpError(500, 'internal', 'The relay failed on this request; see its log.');
}

/**
 * The relay's HTTP API on fastify: each route declares its methods, auth hook (before the body is
 * read), body limit, zod schemas for path and query, and per-token rate; anything fastify cannot
 * parse (a broken path encoding, a body over the limit, a content type other than JSON) is a 4xx
 * in the relay's JSON error shape. Node's own parser still refuses malformed HTTP and request
 * smuggling (conflicting lengths) before fastify sees a request.
 */
export async function relayApp(ctx: RelayContext, options: RelayAppOptions): Promise<FastifyInstance> {
  const { config, logger } = ctx;
  const requestTimeout = config.requestTimeoutSeconds * 1000;
  const app = Fastify({
    logger: false,
    bodyLimit: config.bodyLimitBytes,
    return503OnClosing: false,
    forceCloseConnections: false,
    exposeHeadRoutes: false,
    routerOptions: { maxParamLength: 200 },
    serverFactory: (handler) =>
      createServer(
        {
          requestTimeout,
          headersTimeout: requestTimeout,
          // How often Node looks for requests past their timeout (its default, 30 s, lets slow senders linger).
          connectionsCheckingInterval: Math.min(1000, requestTimeout),
          // Longer than a reverse proxy's upstream keep-alive (nginx: 60 s), so the proxy never reuses a
          // connection the relay is just closing (that POST would fail with 502).
          keepAliveTimeout: 65_000,
        },
        handler,
      ),
    // Requests Node refuses before they reach a handler: malformed, headers too large, too slow.
    clientErrorHandler: (error: NodeJS.ErrnoException, socket: Socket) => {
      logger.debug('refused a malformed or slow request', { code: error.code });
      const status =
        error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? '408 Request Timeout'
          : error.code === 'HPE_HEADER_OVERFLOW'
            ? '431 Request Header Fields Too Large'
            : '400 Bad Request';
      if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      else socket.destroy();
    },
    // A path fastify cannot decode (`/v1/ledger/%E0%A4%A`).
    frameworkErrors: (_error, _req, reply) => {
      void sendError(reply, new HttpError(400, 'bad_url', 'The request path is not validly encoded.'));
    },
  });
  acceptJsonBodies(app);
  app.decorateRequest('consoleToken', null);
  app.setValidatorCompiler<z.ZodType>(({ schema, httpPart }) => (data: unknown) => {
    const parsed = schema.safeParse(data);
    return parsed.success
      ? { value: parsed.data }
      : { error: new HttpError(400, 'bad_request', `${httpPart ?? 'request'}: ${firstIssue(parsed.error)}`) };
  });
  const rateWindow = config.rateLimitWindowSeconds;
  const { requestCounts } = ctx.store;
  await app.register(rateLimit, {
    global: false,
    hook: 'onRequest',
    // Instances sharing PostgreSQL count there; a SQLite relay is one process and counts in memory.
    ...(requestCounts ? { store: sharedRateLimitStore(requestCounts, ctx.now, logger) } : {}),
    // A request the database could not count goes through (the store logs a warning): the write it
    // guards needs the database too, so an outage fails it anyway, and a passing error in the count
    // must not refuse a technician's claim for the sake of a rate.
    skipOnError: true,
    // Guarded routes run after their auth hook: the key is the console token, never an address.
    keyGenerator: (req: FastifyRequest) => `token:${req.consoleToken?.id ?? req.ip}`,
    errorResponseBuilder: (_req, limit) =>
      new HttpError(
        429,
        'rate_limited',
        `This console token sent more than ${limit.max} such requests in ${rateWindow === 60 ? 'a minute' : `${rateWindow} seconds`}; retry in ${limit.after}.`,
      ),
  });

  app.addHook('onRequest', (req, reply, done) => {
    if (options.shuttingDown()) reply.header('Connection', 'close');
    reply.header('Cache-Control', 'no-store');
    ctx.metrics.requestsInFlight += 1;
    let counted = true;
    const finished = (): void => {
      if (counted) ctx.metrics.requestsInFlight -= 1;
      counted = false;
    };
    reply.raw.once('finish', finished).once('close', finished);
    done();
  });
  app.setErrorHandler((error, req, reply) => {
    const failure = httpErrorOf(error, req.routeOptions.bodyLimit ?? config.bodyLimitBytes);
    if (
      req.routeOptions.url === WEBHOOK_PATH &&
      (rejectReasons as readonly string[]).includes(failure.code)
    ) {
      ctx.metrics.reject(failure.code as RejectReason);
      logger.info('refused a webhook', { reason: failure.code, remote: req.socket.remoteAddress });
    }
    if (failure.status >= 500) logger.error('request failed', { path: req.routeOptions.url, error });
    if (reply.raw.headersSent || req.socket.destroyed) return;
    return sendError(reply, failure);
  });
  app.setNotFoundHandler((_req, reply) =>
    sendError(reply, new HttpError(404, 'not_found', 'No such endpoint.')),
  );

  /** Registers a path's methods, and 405 (with Allow) for the others. */
  const path = (url: string, endpoints: Partial<Record<Method, Endpoint>>): void => {
    const allowed = Object.keys(endpoints);
    for (const [method, e] of Object.entries(endpoints) as [Method, Endpoint][]) {
      app.route({
        method,
        url,
        handler: e.handler,
        ...(e.auth ? { onRequest: e.auth } : {}),
        ...(e.bodyLimit ? { bodyLimit: e.bodyLimit } : {}),
        schema: { ...(e.params ? { params: e.params } : {}), ...(e.query ? { querystring: e.query } : {}) },
        ...(e.perMinute
          ? { config: { rateLimit: { max: e.perMinute, timeWindow: rateWindow * 1000 } } }
          : {}),
      });
    }
    const others = everyMethod.filter((m) => !allowed.includes(m));
    app.route({
      method: [...others],
      url,
      handler: async (_req: FastifyRequest, reply: FastifyReply) => {
        const error = new HttpError(405, 'method_not_allowed', `Use ${allowed.join(' or ')} here.`, {
          headers: { Allow: allowed.join(', ') },
        });
        if (url === WEBHOOK_PATH) ctx.metrics.reject('method_not_allowed');
        return sendError(reply, error);
      },
    });
  };

  const console_ = requireConsole(ctx);
  const admin = requireAdmin(ctx);
  const ledgerRate = config.ledgerWritesPerMinute;
  path(WEBHOOK_PATH, { POST: { handler: receiveWebhook(ctx), auth: requireWebhookSecret(ctx) } });
  path('/v1/events', { GET: { handler: streamEvents(ctx) as RouteHandlerMethod, auth: console_ } });
  path('/v1/ledger', {
    GET: { handler: listEntries(ctx) as RouteHandlerMethod, auth: console_, query: ledgerListQuery },
  });
  path('/v1/ledger/:seriesUid', {
    GET: { handler: getEntry(ctx) as RouteHandlerMethod, auth: console_, params: seriesParams },
    PUT: {
      handler: recordTicket(ctx) as RouteHandlerMethod,
      auth: console_,
      params: seriesParams,
      bodyLimit: LEDGER_BODY_LIMIT,
      perMinute: ledgerRate,
    },
  });
  for (const [action, handler] of [
    ['claim', claimSeries],
    ['release', releaseClaim],
  ] as const)
    path(`/v1/ledger/:seriesUid/${action}`, {
      POST: {
        handler: handler(ctx) as RouteHandlerMethod,
        auth: console_,
        params: seriesParams,
        bodyLimit: LEDGER_BODY_LIMIT,
        perMinute: ledgerRate,
      },
    });
  path('/v1/admin/rules', {
    GET: { handler: readRules(ctx), auth: admin },
    PUT: { handler: saveRules(ctx), auth: admin, bodyLimit: RULES_BODY_LIMIT },
  });
  path('/v1/rules/state', { GET: { handler: rulesState(ctx), auth: console_ } });
  path('/v1/decisions', {
    GET: { handler: listDecisions(ctx) as RouteHandlerMethod, auth: console_, query: decisionsQuery },
  });
  path('/v1/silences', { GET: { handler: listSilences(ctx), auth: console_ } });
  const silence: Endpoint = {
    handler: changeSilence(ctx) as RouteHandlerMethod,
    auth: console_,
    params: deviceParams,
    bodyLimit: SILENCE_BODY_LIMIT,
    perMinute: config.silencesPerMinute,
  };
  path('/v1/silences/:deviceId', { PUT: silence, DELETE: silence });
  path('/healthz', { GET: { handler: health(ctx) } });
  if (options.metricsAuth !== 'off')
    path('/metrics', {
      GET: { handler: metrics(ctx), ...(options.metricsAuth ? { auth: options.metricsAuth } : {}) },
    });
  else
    path('/metrics', {
      GET: {
        handler: () => {
          throw new HttpError(
            404,
            'metrics_off',
            'Metrics are not served here: the relay administrator sets metricsPort (a loopback-only listener) or a metrics token.',
          );
        },
      },
    });
  return app;
}

/** An onRequest hook: `Authorization: Bearer <metrics token>` (compared in constant time). */
export function requireMetricsToken(token: string): onRequestAsyncHookHandler {
  const check = webhookSecretCheck(token);
  return async (req) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!match || !check(match[1]))
      throw new HttpError(401, 'unauthorized', 'Send the metrics token as Authorization: Bearer <token>.', {
        headers: { 'WWW-Authenticate': 'Bearer realm="alga-relay-metrics"' },
      });
  };
}

/** `/metrics` alone, for a listener on 127.0.0.1 that only the machine (a local scraper) reaches. */
export async function metricsListener(ctx: RelayContext): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 1024, forceCloseConnections: true });
  app.get('/metrics', metrics(ctx));
  app.setNotFoundHandler((_req, reply) =>
    sendError(reply, new HttpError(404, 'not_found', 'Only /metrics is here.')),
  );
  return app;
}
