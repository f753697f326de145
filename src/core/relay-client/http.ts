import type { z } from 'zod';
import { AppError } from '../../shared/rpc/errors';

export type RelayAuth = 'console' | 'admin';

export interface RelayHttpOptions {
  /** The relay's base address (normalized). */
  url: string;
  /** The bearer token of each kind; null when the keychain has none. */
  token(auth: RelayAuth): Promise<string | null>;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface RelayRequest<S extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  auth: RelayAuth;
  body?: unknown;
  schema: S;
  /** Statuses answered with their (validated) body instead of an error, beside 200. */
  accept?: readonly number[];
  /** What the console is doing, for messages: "claim the alert". */
  action: string;
}

const tokenNames: Record<RelayAuth, string> = { console: 'console token', admin: 'admin token' };

/**
 * Requests to the relay's `/v1` API with a bearer token, answers validated with zod, and failures as
 * AppErrors that name the relay's host and say what to do. Tokens never appear in messages.
 */
export class RelayHttp {
  readonly host: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: RelayHttpOptions) {
    this.host = new URL(options.url).host;
    this.fetchImpl = options.fetch ?? fetch;
  }

  get url(): string {
    return this.options.url;
  }

  async authorization(auth: RelayAuth): Promise<string> {
    const token = await this.options.token(auth);
    if (!token)
      throw new AppError(
        'not_configured',
        auth === 'admin'
          ? 'No relay admin token is set: enter the one your relay administrator made (`npm run relay -- admin-token`) in Settings → Relay.'
          : 'No relay console token is set: connect the relay in Settings → Relay.',
      );
    return `Bearer ${token}`;
  }

  async request<S extends z.ZodType>(spec: RelayRequest<S>): Promise<{ status: number; body: z.output<S> }> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: await this.authorization(spec.auth),
    };
    if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(`${this.options.url}${spec.path}`, {
        method: spec.method,
        headers,
        ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
        // The token goes to the saved address only, never on to where a redirect points.
        redirect: 'manual',
      });
      text = await response.text();
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw new AppError(
        timedOut ? 'timeout' : 'upstream_unavailable',
        timedOut
          ? `The relay at ${this.host} did not answer in time while trying to ${spec.action}.`
          : `The relay at ${this.host} cannot be reached (${error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error)}): check its address and that it runs.`,
      );
    }
    if (response.status >= 300 && response.status < 400)
      throw new AppError(
        'refused',
        `The relay at ${this.host} redirected the request to ${spec.action} to ${response.headers.get('location') ?? 'an address it did not name'}; the console sends its token only to the relay's saved address. If the relay moved, enter its new address in Settings → Relay.`,
      );
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      throw new AppError(
        'invalid_response',
        `${this.host} answered ${spec.path} with something that is not JSON: check that the address points at the relay.`,
      );
    }
    if (response.status === 200 || spec.accept?.includes(response.status)) {
      const parsed = spec.schema.safeParse(body);
      if (!parsed.success)
        throw new AppError(
          'invalid_response',
          `The relay at ${this.host} answered ${spec.path} in an unexpected shape: the console and the relay may be of different versions.`,
        );
      return { status: response.status, body: parsed.data };
    }
    throw this.failure(response.status, body, spec);
  }

  private failure(status: number, body: unknown, spec: RelayRequest<z.ZodType>): AppError {
    const said = (body as { message?: unknown } | undefined)?.message;
    const message = typeof said === 'string' ? ` It said: ${said}` : '';
    if (status === 401)
      return new AppError(
        'unauthorized',
        `The relay at ${this.host} refused the ${tokenNames[spec.auth]}: it may be mistyped or revoked. Enter a valid one in Settings → Relay.`,
      );
    if (status === 403)
      return new AppError('forbidden', `The relay at ${this.host} refused to ${spec.action}.${message}`);
    if (status === 404)
      return new AppError(
        'not_found',
        `The relay at ${this.host} has nothing at ${spec.path}: is this the relay's address?`,
      );
    if (status === 409)
      return new AppError('conflict', `The relay at ${this.host} refused to ${spec.action}.${message}`);
    if (status >= 500)
      return new AppError(
        'upstream_unavailable',
        `The relay at ${this.host} failed (${status}) while trying to ${spec.action}; try again shortly.`,
      );
    return new AppError(
      'invalid_input',
      `The relay at ${this.host} refused to ${spec.action} (${status}).${message}`,
    );
  }
}
