import { z } from 'zod';
import { AppError } from '../../shared/rpc/errors';
import { redactValue, silentLogger, type Logger } from '../../node/logger';
import { isLoopbackUrl, parseUrlInput } from '../url-input';
import { networkError, psaFailure, responseError } from './errors';
import {
  assetLinkRowSchema,
  assetRowSchema,
  assetTicketRowSchema,
  boardRowSchema,
  commentRowSchema,
  priorityRowSchema,
  psaClientRowSchema,
  ticketRowSchema,
  ticketStatusRowSchema,
  type AssetRow,
  type AssetTicketRow,
  type BoardRow,
  type CreateAssetBody,
  type CreateTicketBody,
  type PriorityRow,
  type PsaClientRow,
  type TicketRow,
  type TicketStatusRow,
} from './schemas';
import { backoffDelay, type BackoffPolicy } from '../time/backoff';
import type { Timing } from '../time/clock';
import { realTiming } from './timing';

export interface PsaClientOptions {
  /** e.g. `https://algapsa.com`; a pasted `/api/v1` suffix is tolerated. */
  baseUrl: string;
  apiKey: string;
  /** Optional `x-tenant-id`; without it Alga derives the tenant from the key. */
  tenantId?: string | null;
  /** Per attempt (default 30 s). */
  timeoutMs?: number;
  /** Attempts per request including the first (default 4) and the backoff between them. */
  retry?: { attempts: number } & BackoffPolicy;
  /** The longest Retry-After the client waits out by itself (default 30 s); longer ones go to the caller. */
  maxRetryAfterMs?: number;
  timing?: Timing;
  fetch?: typeof fetch;
  logger?: Logger;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestSpec {
  method: Method;
  /** Under the base URL, e.g. `/api/v1/tickets`. */
  path: string;
  query?: Query;
  body?: unknown;
  /** What the console is doing, for messages: "create the ticket". */
  action: string;
  /** Safe to repeat after an ambiguous failure (default: every method but POST). */
  idempotent?: boolean;
  signal?: AbortSignal;
}

interface RawResponse {
  status: number;
  body: unknown;
}

/** Standard routes answer `{data}`; asset routes `{success, data, meta}` (and the spec nests `data.data`). */
type Envelope = 'standard' | 'asset';

const pageInfoSchema = z.object({
  page: z.number().optional(),
  limit: z.number().optional(),
  total: z.number().optional(),
  totalPages: z.number().optional(),
  hasNext: z.boolean().optional(),
});

const LIST_LIMIT = 100;
const MAX_PAGES = 500;

export function normalizeBaseUrl(raw: string): string {
  const url = parseUrlInput(raw, 'the Alga PSA address', 'https://algapsa.com');
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError(
      'invalid_input',
      `The Alga PSA address must start with https:// (got ${url.protocol}).`,
    );
  }
  // The API key travels with every request: plain http only to this machine (a simulator, a tunnel).
  if (url.protocol === 'http:' && !isLoopbackUrl(url))
    throw new AppError(
      'invalid_input',
      `The Alga PSA address must start with https:// (the API key travels with every request); "${raw}" is not.`,
    );
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api(\/v1)?$/, '');
  return `${url.origin}${path}`;
}

function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The Alga PSA REST client (§1 of the reference): x-api-key auth, both envelopes, page/limit paging,
 * retries with backoff on 429, 5xx and network failures (a POST is repeated only when it cannot have
 * been carried out), and AppErrors that name the PSA and quote its message.
 */
export class PsaClient {
  readonly baseUrl: string;
  readonly host: string;
  private readonly timing: Timing;
  private readonly fetchImpl: typeof fetch;
  private readonly logger: Logger;
  private readonly retry: { attempts: number } & BackoffPolicy;

  constructor(private readonly options: PsaClientOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    this.host = new URL(this.baseUrl).host;
    this.timing = options.timing ?? realTiming;
    this.fetchImpl = options.fetch ?? fetch;
    this.logger = options.logger ?? silentLogger;
    this.retry = options.retry ?? { attempts: 4, baseMs: 500, maxMs: 8_000 };
    redactValue(options.apiKey);
  }

  /** Sends one request with retries; answers the status and parsed body of a 2xx, or throws an AppError. */
  async send(spec: RequestSpec): Promise<RawResponse> {
    const idempotent = spec.idempotent ?? spec.method !== 'POST';
    const where = {
      host: this.host,
      method: spec.method,
      path: spec.path,
      action: spec.action,
      sideEffect: !idempotent,
    };
    const maxRetryAfter = this.options.maxRetryAfterMs ?? 30_000;
    for (let attempt = 1; ; attempt++) {
      let failure: AppError;
      try {
        const response = await this.once(spec);
        if (response.status < 300) return response;
        failure = responseError({
          ...where,
          status: response.status,
          body: response.body,
          location: response.location,
          ...(response.retryAfterMs === undefined ? {} : { retryAfterMs: response.retryAfterMs }),
        });
      } catch (error) {
        if (spec.signal?.aborted)
          throw new AppError('cancelled', `Cancelled while trying to ${spec.action}.`);
        if (!(error instanceof TimeoutOrNetwork)) throw error;
        failure = networkError(
          where,
          error.cause,
          error.timedOutAfterMs === null ? null : { afterMs: error.timedOutAfterMs },
        );
      }
      const info = psaFailure(failure)!;
      const canRepeat = info.retryable && (idempotent || !info.ambiguous);
      const jitter = { kind: 'equal', random: this.timing.random } as const;
      const wait =
        info.status === 429
          ? (info.retryAfterMs ?? backoffDelay(attempt, this.retry, jitter))
          : backoffDelay(attempt, this.retry, jitter);
      if (!canRepeat || attempt >= this.retry.attempts || wait > maxRetryAfter) throw failure;
      this.logger.debug('psa: retrying', { path: spec.path, status: info.status, attempt, waitMs: wait });
      await this.timing.sleep(wait, spec.signal);
    }
  }

  private async once(
    spec: RequestSpec,
  ): Promise<RawResponse & { retryAfterMs?: number; location: string | null }> {
    const url = new URL(this.baseUrl + spec.path);
    for (const [key, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json', 'x-api-key': this.options.apiKey };
    if (this.options.tenantId) headers['x-tenant-id'] = this.options.tenantId;
    if (spec.body !== undefined) headers['content-type'] = 'application/json';
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = spec.signal ? AbortSignal.any([spec.signal, timeout]) : timeout;
    const started = this.timing.now();
    let res: Response;
    let text: string;
    try {
      res = await this.fetchImpl(url, {
        method: spec.method,
        headers,
        ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
        signal,
        // fetch would carry x-api-key to wherever a redirect points (it strips only Authorization
        // and Cookie across origins): a redirect is an error that names its target instead.
        redirect: 'manual',
      });
      text = await res.text();
    } catch (error) {
      throw new TimeoutOrNetwork(error, timeout.aborted && !spec.signal?.aborted ? timeoutMs : null);
    }
    this.logger.debug('psa: request', {
      method: spec.method,
      path: spec.path,
      status: res.status,
      ms: this.timing.now() - started,
    });
    let body: unknown = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        if (res.ok) {
          throw new AppError(
            'invalid_response',
            `Alga PSA at ${this.host} answered ${spec.path} with something that is not JSON. Check that the address points at Alga PSA, not a login page or proxy.`,
          );
        }
        body = text.slice(0, 300);
      }
    }
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), this.timing.now());
    return {
      status: res.status,
      body,
      location: res.headers.get('location'),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }

  private parse<S extends z.ZodType>(schema: S, body: unknown, spec: RequestSpec): z.output<S> {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new AppError(
      'invalid_response',
      `Alga PSA at ${this.host} answered ${spec.method} ${spec.path} in an unexpected shape (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'unknown'}). The console may need an update for this Alga version.`,
      { host: this.host, path: spec.path, issues: parsed.error.issues.slice(0, 5) },
    );
  }

  /** One object from `{data}` (standard) or `{success, data}` / `{success, data: {data}}` (asset routes). */
  async one<S extends z.ZodType>(
    spec: RequestSpec,
    schema: S,
    envelope: Envelope = 'standard',
  ): Promise<z.output<S>> {
    const { body } = await this.send(spec);
    const data = this.dataOf(body, spec);
    if (envelope === 'asset' && data && typeof data === 'object' && 'data' in data && !('asset_id' in data)) {
      return this.parse(schema, (data as { data: unknown }).data, spec);
    }
    return this.parse(schema, data, spec);
  }

  private dataOf(body: unknown, spec: RequestSpec): unknown {
    if (body && typeof body === 'object' && 'data' in body) return (body as { data: unknown }).data;
    throw new AppError(
      'invalid_response',
      `Alga PSA at ${this.host} answered ${spec.method} ${spec.path} without a "data" field. Check that the address points at Alga PSA.`,
      { host: this.host, path: spec.path },
    );
  }

  /** Every item of an unpaginated `{data: [...]}` answer. */
  async array<S extends z.ZodType>(spec: RequestSpec, schema: S): Promise<z.output<S>[]> {
    const { body } = await this.send(spec);
    return this.parse(z.array(schema), this.dataOf(body, spec), spec);
  }

  /**
   * Pages through a list (`page`, `limit=100`) until a short page, `hasNext:false` or the last page.
   * Short pages decide first: the asset list's `total` ignores its own name and tag filters.
   */
  async *pages<S extends z.ZodType>(
    spec: RequestSpec,
    schema: S,
    envelope: Envelope = 'standard',
  ): AsyncGenerator<z.output<S>[]> {
    for (let page = 1; page <= MAX_PAGES; page++) {
      const pageSpec = { ...spec, query: { ...spec.query, page, limit: LIST_LIMIT } };
      const { body } = await this.send(pageSpec);
      const outer = body as { data?: unknown; pagination?: unknown } | undefined;
      // The asset list is flat in the code and nested in the OpenAPI file; take either.
      const nested =
        envelope === 'asset' && outer?.data && !Array.isArray(outer.data)
          ? (outer.data as { data?: unknown; pagination?: unknown })
          : null;
      const items = this.parse(z.array(schema), nested ? nested.data : outer?.data, pageSpec);
      const info = pageInfoSchema.safeParse(nested ? nested.pagination : outer?.pagination);
      yield items;
      const p = info.success ? info.data : {};
      if (items.length < LIST_LIMIT || p.hasNext === false) return;
      if (p.hasNext === undefined && p.totalPages !== undefined && page >= p.totalPages) return;
    }
    throw new AppError(
      'cursor_stuck',
      `Alga PSA at ${this.host} kept returning pages for ${spec.path} past ${MAX_PAGES} pages; stopped.`,
    );
  }

  async all<S extends z.ZodType>(
    spec: RequestSpec,
    schema: S,
    envelope: Envelope = 'standard',
  ): Promise<z.output<S>[]> {
    const out: z.output<S>[] = [];
    for await (const page of this.pages(spec, schema, envelope)) out.push(...page);
    return out;
  }

  // --- Connection and reference data (§4) ---

  /** Proves the address, the key and the ticket permission with one cheap call. */
  async probe(signal?: AbortSignal): Promise<{ tickets: number | null }> {
    const { body } = await this.send({
      method: 'GET',
      path: '/api/v1/tickets',
      query: { limit: 1, fields: 'ticket_id' },
      action: 'read tickets',
      ...(signal ? { signal } : {}),
    });
    const total = pageInfoSchema.safeParse((body as { pagination?: unknown } | undefined)?.pagination);
    return { tickets: total.success ? (total.data.total ?? null) : null };
  }

  clients(): Promise<PsaClientRow[]> {
    return this.all(
      {
        method: 'GET',
        path: '/api/v1/clients',
        query: { sort: 'client_name', order: 'asc' },
        action: 'list clients',
      },
      psaClientRowSchema,
    );
  }

  boards(): Promise<BoardRow[]> {
    return this.all(
      { method: 'GET', path: '/api/v1/boards', query: { include_inactive: 'true' }, action: 'list boards' },
      boardRowSchema,
    );
  }

  /** Board-owned ticket statuses (`/tickets/statuses?board_id=`; statuses are per board). */
  ticketStatuses(boardId: string): Promise<TicketStatusRow[]> {
    return this.array(
      {
        method: 'GET',
        path: '/api/v1/tickets/statuses',
        query: { board_id: boardId },
        action: 'list the statuses of a board',
      },
      ticketStatusRowSchema,
    );
  }

  priorities(): Promise<PriorityRow[]> {
    return this.all(
      {
        method: 'GET',
        path: '/api/v1/priorities',
        query: { item_type: 'ticket', sort: 'order_number', order: 'asc' },
        action: 'list priorities',
      },
      priorityRowSchema,
    );
  }

  // --- Tickets (§2) ---

  createTicket(body: CreateTicketBody, signal?: AbortSignal): Promise<TicketRow> {
    return this.one(
      {
        method: 'POST',
        path: '/api/v1/tickets',
        body,
        action: 'create the ticket',
        ...(signal ? { signal } : {}),
      },
      ticketRowSchema,
    );
  }

  getTicket(id: string): Promise<TicketRow> {
    return this.one(
      { method: 'GET', path: `/api/v1/tickets/${encodeURIComponent(id)}`, action: `read ticket ${id}` },
      ticketRowSchema,
    );
  }

  /** All tickets matching the list filters of §2.3, oldest first. */
  findTickets(filters: Query, signal?: AbortSignal): Promise<TicketRow[]> {
    return this.all(
      {
        method: 'GET',
        path: '/api/v1/tickets',
        query: { ...filters, sort: 'entered_at', order: 'asc' },
        action: 'search tickets',
        ...(signal ? { signal } : {}),
      },
      ticketRowSchema,
    );
  }

  setTicketStatus(id: string, statusId: string): Promise<TicketRow> {
    return this.one(
      {
        method: 'PUT',
        path: `/api/v1/tickets/${encodeURIComponent(id)}/status`,
        body: { status_id: statusId },
        action: `change the status of ticket ${id}`,
      },
      ticketRowSchema,
    );
  }

  async addComment(ticketId: string, text: string, options: { internal: boolean }): Promise<void> {
    await this.one(
      {
        method: 'POST',
        path: `/api/v1/tickets/${encodeURIComponent(ticketId)}/comments`,
        body: { comment_text: text, is_internal: options.internal },
        action: `comment on ticket ${ticketId}`,
      },
      commentRowSchema,
    );
  }

  /** Links an asset; an existing link (409) counts as linked. */
  async linkAsset(ticketId: string, assetId: string): Promise<'linked' | 'already_linked'> {
    try {
      await this.one(
        {
          method: 'POST',
          path: `/api/v1/tickets/${encodeURIComponent(ticketId)}/assets`,
          body: { asset_id: assetId, relationship_type: 'affected' },
          action: `link asset ${assetId} to ticket ${ticketId}`,
          // Repeating a link is harmless: the second one is a 409.
          idempotent: true,
        },
        assetLinkRowSchema,
      );
      return 'linked';
    } catch (error) {
      if (psaFailure(error)?.status === 409) return 'already_linked';
      throw error;
    }
  }

  // --- Assets (§3; the asset envelope) ---

  /** Pages of the assets whose tag contains `tag` (ILIKE: `_` and `%` match more than themselves). */
  assetTagPages(tag: string, clientId?: string, signal?: AbortSignal): AsyncGenerator<AssetRow[]> {
    return this.pages(
      {
        method: 'GET',
        path: '/api/v1/assets',
        query: { asset_tag: tag, client_id: clientId },
        action: `look up asset ${tag}`,
        ...(signal ? { signal } : {}),
      },
      assetRowSchema,
      'asset',
    );
  }

  /**
   * Up to 100 assets whose tag, name, serial number or location contains `query` (ILIKE), in one
   * request. Only `query` and `limit` work: Alga refuses its array filters from a query string (§3).
   */
  searchAssets(query: string, signal?: AbortSignal): Promise<AssetRow[]> {
    return this.one(
      {
        method: 'GET',
        path: '/api/v1/assets/search',
        query: { query, limit: LIST_LIMIT },
        action: `search assets for ${query}`,
        ...(signal ? { signal } : {}),
      },
      z.array(assetRowSchema),
      'asset',
    );
  }

  getAsset(id: string, signal?: AbortSignal): Promise<AssetRow> {
    return this.one(
      {
        method: 'GET',
        path: `/api/v1/assets/${encodeURIComponent(id)}`,
        action: `read asset ${id}`,
        ...(signal ? { signal } : {}),
      },
      assetRowSchema,
      'asset',
    );
  }

  /** The tickets linked to an asset, newest update first (not paged; an unknown asset answers none). */
  assetTickets(assetId: string, signal?: AbortSignal): Promise<AssetTicketRow[]> {
    return this.one(
      {
        method: 'GET',
        path: `/api/v1/assets/${encodeURIComponent(assetId)}/tickets`,
        action: `list the tickets of asset ${assetId}`,
        ...(signal ? { signal } : {}),
      },
      z.array(assetTicketRowSchema),
      'asset',
    );
  }

  createAsset(body: CreateAssetBody): Promise<AssetRow> {
    return this.one(
      { method: 'POST', path: '/api/v1/assets', body, action: `create asset ${body.asset_tag}` },
      assetRowSchema,
      'asset',
    );
  }
}

/** Internal: a fetch that got no HTTP answer, with whether our own timeout ended it. */
class TimeoutOrNetwork extends Error {
  constructor(
    override readonly cause: unknown,
    readonly timedOutAfterMs: number | null,
  ) {
    super('no answer');
  }
}
