import { AppError, type ErrorCode } from '../../shared/rpc/errors';
import { silentLogger, type Logger } from '../../node/logger';
import { limiterFor, type RequestBudget, type RequestLimiter, type RequestPriority } from './host-limiter';
import type { NinjaOneEndpoint } from './instances';
import { fetchExchange, nodeExchange, type Exchanger } from './http-exchange';
import { parseJsonBody } from './json-body';
import { defaultRetryPolicy, parseRetryAfter, retryDelay, type RetryPolicy } from './retry';
import type { Timing } from '../time/clock';
import { cancelled, realTiming } from './timing';
import { redirectTarget } from '../redirect-target';

/** Where API calls get their bearer token. */
export interface TokenProvider {
  /** A usable access token (a session refreshes it ahead of expiry). */
  accessToken(signal?: AbortSignal): Promise<string>;
  /**
   * NinjaOne answered 401 to `rejected`: renew (single flight: concurrent callers share one refresh;
   * a caller whose token was already replaced just gets the new one) and return the new token.
   */
  renewAfterRejection(rejected: string, signal?: AbortSignal): Promise<string>;
}

export interface TransportOptions {
  endpoint: NinjaOneEndpoint;
  tokens?: TokenProvider;
  retry?: Partial<RetryPolicy>;
  timing?: Timing;
  /** Requests in flight per host (default 6), shared by every client of the host. */
  concurrency?: number;
  /** The host's request budget (shared: the last client made sets it for all). Default: unchanged. */
  budget?: RequestBudget;
  /** Another limiter than the host's in this thread (a sync thread asks the core's). */
  limiter?: RequestLimiter;
  /** Send through this `fetch` instead of Node's HTTP client (tests count or fake calls). */
  fetch?: typeof fetch;
  logger?: Logger;
}

export interface RequestSpec {
  method: 'GET' | 'PUT' | 'DELETE' | 'POST';
  /** Absolute path on the host, e.g. `/v2/devices` or `/ws/oauth/token`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  json?: unknown;
  form?: Record<string, string>;
  signal?: AbortSignal;
  /** Send the bearer token (default true). */
  auth?: boolean;
  /** A technician waits on it: it goes before the background walks in the host's queue. */
  priority?: RequestPriority;
  /** Statuses handed back to the caller instead of thrown (the token endpoint reads its 400s). */
  passStatuses?: readonly number[];
}

export interface RawResponse {
  status: number;
  /** Parsed JSON, the text when it is not JSON, or null when empty. */
  body: unknown;
}

/** What a failed call carries in `AppError.details`: never a token, never a request body. */
export interface NinjaOneErrorDetails {
  host: string;
  method: string;
  path: string;
  status?: number;
  attempts?: number;
  resultCode?: string;
  errorMessage?: string;
  incidentId?: string;
}

export interface TransportStats {
  requests: number;
  retries: number;
  renewals: number;
  /** Response body bytes received (every attempt, retries included). */
  bytesRead: number;
  /** Time spent waiting for the host's request budget and its 429 pauses (ms, summed over requests). */
  waitMs: number;
  /** 429 answers. */
  throttled: number;
}

type Attempt =
  | { kind: 'response'; status: number; body: Buffer; retryAfter: string | null; location: string | null }
  | { kind: 'network'; reason: string }
  | { kind: 'timeout' };

/**
 * Every HTTP exchange with one NinjaOne host: the bearer token, the per-host concurrency limit,
 * per-attempt timeouts, retries with backoff for 429/5xx/timeouts/resets, one renewal after a 401,
 * tolerant body parsing (Content-Type is not trusted), and errors that name the host.
 */
export class NinjaOneTransport {
  readonly endpoint: NinjaOneEndpoint;
  readonly policy: RetryPolicy;
  readonly timing: Timing;
  /** Where API calls get their bearer token (absent for the token endpoint's own calls). */
  readonly tokens: TokenProvider | undefined;
  readonly stats: TransportStats = {
    requests: 0,
    retries: 0,
    renewals: 0,
    bytesRead: 0,
    waitMs: 0,
    throttled: 0,
  };
  /** The host's request budget this transport draws on. */
  readonly limiter: RequestLimiter;
  private readonly exchange: Exchanger;
  private readonly logger: Logger;

  constructor(private readonly options: TransportOptions) {
    this.endpoint = options.endpoint;
    this.policy = { ...defaultRetryPolicy, ...options.retry };
    this.timing = options.timing ?? realTiming;
    this.tokens = options.tokens;
    if (options.limiter) this.limiter = options.limiter;
    else {
      const limiter = limiterFor(options.endpoint.host, this.timing, options.concurrency);
      if (options.budget) limiter.configure(options.budget);
      this.limiter = limiter;
    }
    this.exchange = options.fetch ? fetchExchange(options.fetch) : nodeExchange;
    this.logger = options.logger ?? silentLogger;
  }

  async request(spec: RequestSpec): Promise<RawResponse> {
    const auth = spec.auth ?? true;
    const tokens = this.options.tokens;
    if (auth && !tokens)
      throw new AppError('not_connected', `Not signed in to NinjaOne at ${this.endpoint.host}.`);
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      const token = auth ? await tokens!.accessToken(spec.signal) : undefined;
      const result = await this.attempt(spec, token);
      if (result.kind === 'response') {
        const { status } = result;
        if (status === 401 && auth && !renewed) {
          renewed = true;
          this.stats.renewals++;
          await tokens!.renewAfterRejection(token!, spec.signal);
          attempt--;
          continue;
        }
        if (status === 429) {
          this.stats.throttled++;
          const inARow = await this.limiter.throttled();
          if (attempt < this.policy.maxAttempts) {
            await this.pauseHost(
              spec,
              attempt,
              inARow,
              parseRetryAfter(result.retryAfter, this.timing.now()),
            );
            continue;
          }
        } else if (status < 500) this.limiter.succeeded();
        if (status >= 500 && attempt < this.policy.maxAttempts) {
          await this.backoff(spec, attempt, status);
          continue;
        }
        const body = parseJsonBody(result.body);
        if ((status >= 200 && status < 300) || spec.passStatuses?.includes(status)) {
          if (body === undefined)
            throw this.error('invalid_response', spec, `answered ${status} with a body that is not JSON`, {
              status,
            });
          return { status, body };
        }
        throw this.httpError(spec, status, body, attempt, result.location);
      }
      if (attempt < this.policy.maxAttempts) {
        await this.backoff(spec, attempt, result.kind === 'timeout' ? 'timeout' : result.reason);
        continue;
      }
      if (result.kind === 'timeout') {
        throw this.error(
          'timeout',
          spec,
          `did not answer ${spec.method} ${spec.path} within ${Math.round(this.policy.timeoutMs / 1000)} s (${attempt} attempts)`,
          { attempts: attempt },
        );
      }
      throw this.error(
        'upstream_unavailable',
        spec,
        `could not be reached (${result.reason}) after ${attempt} attempts; check the network and the host name`,
        { attempts: attempt },
      );
    }
  }

  private async attempt(spec: RequestSpec, token: string | undefined): Promise<Attempt> {
    const { release, waitedMs } = await this.limiter.acquire(spec.signal, spec.priority);
    this.stats.waitMs += waitedMs;
    const timeout = AbortSignal.timeout(this.policy.timeoutMs);
    const signal = spec.signal ? AbortSignal.any([spec.signal, timeout]) : timeout;
    this.stats.requests++;
    try {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      let body: string | undefined;
      if (spec.json !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(spec.json);
      } else if (spec.form) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body = new URLSearchParams(spec.form).toString();
      }
      const answer = await this.exchange(this.url(spec), { method: spec.method, headers, body, signal });
      this.stats.bytesRead += answer.body.byteLength;
      return {
        kind: 'response',
        status: answer.status,
        body: answer.body,
        retryAfter: answer.retryAfter,
        location: answer.location,
      };
    } catch (error) {
      if (spec.signal?.aborted) throw cancelled();
      if (timeout.aborted) return { kind: 'timeout' };
      return { kind: 'network', reason: networkReason(error) };
    } finally {
      release();
    }
  }

  /** 5xx, a timeout or a dropped connection: this request waits, the host goes on. */
  private async backoff(spec: RequestSpec, attempt: number, cause: number | string): Promise<void> {
    const delay = retryDelay(attempt, null, this.policy, () => this.timing.random());
    this.retrying(spec, attempt, cause, delay);
    await this.timing.sleep(delay, spec.signal);
  }

  /**
   * 429: the whole host pauses (every client of it waits), for the Retry-After NinjaOne sent or,
   * without one, for a backoff that grows with the 429s in a row; this request waits it out too.
   */
  private async pauseHost(
    spec: RequestSpec,
    attempt: number,
    inARow: number,
    retryAfterMs: number | null,
  ): Promise<void> {
    const delay = retryDelay(inARow, retryAfterMs, this.policy, () => this.timing.random());
    this.limiter.pauseUntil(this.timing.now() + delay);
    this.retrying(spec, attempt, 429, delay);
    const started = this.timing.now();
    try {
      await this.timing.sleep(delay, spec.signal);
    } finally {
      this.stats.waitMs += this.timing.now() - started;
    }
  }

  private retrying(spec: RequestSpec, attempt: number, cause: number | string, delayMs: number): void {
    this.stats.retries++;
    this.logger.info('ninjaone: retrying', {
      host: this.endpoint.host,
      method: spec.method,
      path: spec.path,
      cause,
      attempt,
      delayMs,
    });
  }

  private url(spec: RequestSpec): string {
    const url = new URL(spec.path, this.endpoint.baseUrl);
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  error(
    code: ErrorCode,
    spec: RequestSpec,
    what: string,
    extra: Partial<NinjaOneErrorDetails> = {},
  ): AppError {
    const details: NinjaOneErrorDetails = {
      host: this.endpoint.host,
      method: spec.method,
      path: spec.path,
      ...extra,
    };
    return new AppError(code, `NinjaOne at ${this.endpoint.host} ${what}.`, details);
  }

  private httpError(
    spec: RequestSpec,
    status: number,
    body: unknown,
    attempts: number,
    location: string | null,
  ): AppError {
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const text = (key: string): string | undefined =>
      typeof fields[key] === 'string' ? (fields[key] as string) : undefined;
    const resultCode = text('resultCode') ?? text('error');
    const errorMessage = text('errorMessage') ?? text('error_description');
    const extra = { status, attempts, resultCode, errorMessage, incidentId: text('incidentId') };
    const said = errorMessage ?? resultCode;
    const call = `${spec.method} ${spec.path}`;
    if (status >= 300 && status < 400)
      return this.error(
        'refused',
        spec,
        `redirected ${call} to ${redirectTarget(location, this.endpoint.host)}; the console does not send its token on to another address. If your NinjaOne instance moved, reconnect NinjaOne with its new address`,
        extra,
      );
    if (status === 429)
      return this.error(
        'rate_limited',
        spec,
        `kept answering "too many requests" to ${call} after ${attempts} attempts; try again in a minute`,
        extra,
      );
    if (status >= 500)
      return this.error(
        'upstream_unavailable',
        spec,
        `failed ${call} with HTTP ${status} after ${attempts} attempts${said ? ` (${said})` : ''}`,
        extra,
      );
    if (status === 401)
      return this.error(
        'unauthorized',
        spec,
        `refused the access token for ${call} even after renewing it; reconnect NinjaOne`,
        extra,
      );
    if (status === 403)
      return this.error(
        'forbidden',
        spec,
        `refused ${call}${said ? `: ${said}` : ''} (the NinjaOne app may lack a scope, or the technician the permission)`,
        extra,
      );
    if (status === 404)
      return this.error('not_found', spec, `has no ${call}${said ? ` (${said})` : ''}`, extra);
    return this.error(
      'upstream_error',
      spec,
      `rejected ${call} with HTTP ${status}${said ? `: ${said}` : ''}`,
      extra,
    );
  }
}

/** What went wrong on the wire: Node's error code (ECONNREFUSED...), from the error or fetch's cause. */
function networkReason(error: unknown): string {
  const own = (error as { code?: unknown }).code;
  if (typeof own === 'string' && own !== 'ABORT_ERR') return own;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
