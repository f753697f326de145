import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { requestUrl } from '../../shared/parsed-url';
import { PsaControl, defaultFaultBody, type RequestRecord } from './control';
import { controlRoute } from './control-http';
import { apiError, SimError } from './errors';
import { matchRoute, type Route, type SimResponse } from './http';
import { TokenBuckets } from './rate-limit';
import { assetRoutes } from './routes/assets';
import { referenceRoutes, ticketReferenceRoutes } from './routes/reference';
import { ticketRoutes } from './routes/tickets';
import { PsaStore } from './store';

export { PsaControl } from './control';
export type { AcceptedEvent, FaultSpec, RequestRecord } from './control';
export { defaultOrganizationNames, seedClients } from './seed';
export { algaAssetTag, type NinjaDeviceForSync } from './ninjaone-sync';

export interface PsaSimulatorOptions {
  /** Port on 127.0.0.1 (0, the default, picks a free one). */
  port?: number;
  /** The API key to accept (64 hex characters, like Alga's, unless given). */
  apiKey?: string;
  /** NinjaOne organization names the seeded clients are derived from. */
  organizationNames?: readonly string[];
  /** Ticket priorities, highest first (default Urgent, High, Medium, Low). */
  priorityNames?: readonly string[];
  /** 429 enforcement and bucket size (off by default, as on the real server). */
  rateLimit?: { enforce: boolean; burst?: number; refillPerMin?: number };
  /** The simulator's clock (rate-limit refill, timestamps). */
  now?: () => number;
}

export interface PsaSimulator {
  /** e.g. `http://127.0.0.1:41234` (the API is under `/api/v1`). */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly tenantId: string;
  readonly control: PsaControl;
  close(): Promise<void>;
}

/** Static paths first, as Next.js resolves `/tickets/statuses` before `/tickets/[id]`. */
const routes: Route[] = [...referenceRoutes, ...ticketReferenceRoutes, ...ticketRoutes, ...assetRoutes];

/** Waits `ms`, or less when `cut` settles first (the timer does not outlive it). */
function sleepUnless(ms: number, cut: Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void cut.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const BODY_LIMIT = 1024 * 1024;

/** The request body, or null when it is over the limit (the rest is left unread). */
async function readBody(req: IncomingMessage): Promise<string | null> {
  if (Number(req.headers['content-length'] ?? 0) > BODY_LIMIT) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, response: SimResponse): void {
  if (res.writableEnded || res.destroyed) return;
  const headers: Record<string, string> = { ...response.headers };
  if (response.status === 204 || response.body === undefined) {
    res.writeHead(response.status, headers).end();
    return;
  }
  res
    .writeHead(response.status, { 'Content-Type': 'application/json', ...headers })
    .end(JSON.stringify(response.body));
}

/** Starts an Alga PSA stand-in on 127.0.0.1: `/api/v1` with x-api-key auth, plus the `/_sim` control API. */
export async function startPsaSimulator(options: PsaSimulatorOptions = {}): Promise<PsaSimulator> {
  const now = options.now ?? Date.now;
  const apiKey = options.apiKey ?? randomBytes(32).toString('hex');
  const store = new PsaStore({
    now,
    ...(options.organizationNames ? { organizationNames: options.organizationNames } : {}),
    ...(options.priorityNames ? { priorityNames: options.priorityNames } : {}),
  });
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = options.port ?? 0;

  const listen = async (): Promise<void> => {
    const s = createServer((req, res) => {
      handle(req, res).catch(() => {
        // A request the simulator could not read to the end (the client went away mid-body).
        if (!res.headersSent)
          send(res, { status: 400, headers: { Connection: 'close' }, body: { error: 'Bad request' } });
        else res.destroy();
      });
    });
    s.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
    });
    port = (s.address() as AddressInfo).port;
    server = s;
  };
  const stop = async (): Promise<void> => {
    const s = server;
    server = null;
    if (!s) return;
    const closed = new Promise<void>((resolve) => s.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };

  const control = new PsaControl(store, { pause: stop, resume: listen });
  if (options.rateLimit) control.setRateLimit(options.rateLimit);
  const buckets = new TokenBuckets(() => control.rateLimit, now);
  control.onRateLimitChange(() => buckets.reset());

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let gone = false;
    let clientGone!: () => void;
    const goneSignal = new Promise<void>((resolve) => (clientGone = resolve));
    res.on('close', () => {
      if (res.writableFinished) return;
      gone = true;
      clientGone();
    });
    const url = requestUrl<URL>(req.url, 'http://127.0.0.1');
    if (!url) {
      send(res, { status: 400, body: { error: 'The request target is not a path' } });
      return;
    }
    const method = req.method ?? 'GET';
    const raw = await readBody(req);
    if (raw === null) {
      send(res, { status: 413, headers: { Connection: 'close' }, body: { error: 'Request body too large' } });
      return;
    }
    let body: unknown = undefined;
    let badJson = false;
    if (raw.length) {
      try {
        body = JSON.parse(raw);
      } catch {
        badJson = true;
      }
    }
    if (url.pathname.startsWith('/_sim/')) {
      send(res, await controlRoute(control, method, url.pathname, url.searchParams, body));
      return;
    }
    const record: RequestRecord = {
      at: now(),
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body,
      headers: {
        apiKey: typeof req.headers['x-api-key'] === 'string',
        tenantId: (req.headers['x-tenant-id'] as string | undefined) ?? null,
        contentType: req.headers['content-type'] ?? null,
      },
      route: null,
      status: null,
    };
    control.record(record);
    const answer = (response: SimResponse): void => {
      record.status = response.status;
      send(res, response);
    };

    // The edge middleware refuses a missing key before any route runs, with a plain string error.
    const key = req.headers['x-api-key'];
    if (typeof key !== 'string' || !key) {
      answer({ status: 401, body: { error: 'Unauthorized: API key missing' } });
      return;
    }
    const tenant = req.headers['x-tenant-id'];
    if (key !== apiKey || (typeof tenant === 'string' && tenant !== store.tenant)) {
      answer({ status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'Invalid API key' } } });
      return;
    }
    const rate = buckets.take(key);
    const rateHeaders = {
      'X-RateLimit-Limit': String(rate.limit),
      'X-RateLimit-Remaining': String(rate.remaining),
    };
    if (!rate.allowed) {
      answer({
        status: 429,
        headers: {
          ...rateHeaders,
          'X-RateLimit-Reset': new Date(now() + rate.retryAfterMs).toISOString(),
          'Retry-After': String(Math.ceil(rate.retryAfterMs / 1000)),
        },
        body: {
          error: {
            code: 'RATE_LIMITED',
            message: 'Rate limit exceeded',
            details: { retry_after_ms: rate.retryAfterMs, remaining: 0 },
          },
        },
      });
      return;
    }

    const matched = matchRoute(routes, method, url.pathname);
    if (!matched) {
      answer({
        status: 404,
        body: { error: { code: 'NOT_FOUND', message: `No route for ${url.pathname}` } },
      });
      return;
    }
    if ('allowed' in matched) {
      answer({
        status: 405,
        headers: { Allow: matched.allowed.join(', ') },
        body: { error: { code: 'METHOD_NOT_ALLOWED', message: `Method ${method} not allowed` } },
      });
      return;
    }
    const { route: r, params } = matched;
    record.route = r.name;

    const fault = control.takeFault(r.name);
    if (fault?.delayMs) {
      // A real server finishes a slow request even when the client gave up, unless told to drop it.
      await (fault.dropIfClientGone ? sleepUnless(fault.delayMs, goneSignal) : sleep(fault.delayMs));
    }
    if (fault?.hangUp) {
      record.status = 0;
      req.socket.destroy();
      return;
    }
    if (fault?.dropIfClientGone && gone) {
      record.status = 0;
      return;
    }
    const failure = (): SimResponse => ({
      status: fault!.status!,
      headers: {
        ...(fault!.status === 429 ? { 'Retry-After': '1' } : {}),
        ...fault!.headers,
      },
      body: fault!.body ?? defaultFaultBody(fault!.status!),
    });
    if (fault?.status && !fault.afterAccept) {
      answer(failure());
      return;
    }

    let response: SimResponse;
    try {
      if (badJson) throw apiError(400, 'BAD_REQUEST', 'Request body is not valid JSON');
      response = r.handler(
        { method, path: url.pathname, query: record.query, headers: req.headers, body, params },
        { store, now },
      );
    } catch (error) {
      if (!(error instanceof SimError)) {
        response = {
          status: 500,
          body: { error: { code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' } },
        };
      } else {
        response = { status: error.status, body: error.body, headers: error.headers };
      }
    }
    if (response.status < 300) control.accepted({ route: r.name, request: record, body: response.body });
    if (fault?.status) {
      answer(failure());
      return;
    }
    if (fault?.holdResponseMs) await sleepUnless(fault.holdResponseMs, goneSignal);
    answer({ ...response, headers: { ...rateHeaders, ...response.headers } });
  }

  await listen();
  return {
    get baseUrl() {
      return `http://127.0.0.1:${port}`;
    },
    apiKey,
    tenantId: store.tenant,
    control,
    close: stop,
  };
}
