import type { z } from 'zod';
import { AppError, isAppError } from '../../shared/rpc/errors';
import { parseRecords, type QuarantinedRecord, type QuarantineSink } from './quarantine';
import { activityEnvelopeSchema, queryEnvelopeSchema } from './schemas';
import type { NinjaOneErrorDetails } from './transport';

/**
 * NinjaOne's three page families as async iterators of pages. Each walks at the largest page size,
 * stops on a short (or empty) page, refuses a cursor that does not advance (`cursor_stuck`, never an
 * endless loop), and quarantines records that fail validation instead of failing the walk.
 *
 * A: `/v2/devices`, organizations, locations: bare arrays, `after` = the last id.
 * B: `/v2/queries/*`: `{cursor: {name, offset, count, expires}, results}`, `cursor` = its name; an
 *    expired cursor restarts the query from the beginning (the page says `restarted`).
 * C: activities: `{lastActivityId, activities}` newest first, `olderThan` = the last (oldest) id.
 */
export interface Page<T> {
  items: T[];
  quarantined: QuarantinedRecord[];
  /** The query started over because its cursor expired: earlier pages may repeat. */
  restarted: boolean;
}

export interface ActivityPage<T> extends Page<T> {
  /** The newest activity id of the account (the checkpoint for the next incremental walk). */
  lastActivityId: number | null;
  /** Device activities only: the device's newest activity id. */
  lastNodeActivityId: number | null;
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface PagingContext {
  host: string;
  get(path: string, query: Query, signal?: AbortSignal): Promise<unknown>;
  quarantine?: QuarantineSink;
  now(): number;
}

/** The largest pages NinjaOne serves: activities are capped at 1000 by the spec, the rest in practice. */
export const maxPageSize = { ids: 1000, queries: 1000, activities: 1000 } as const;
const maxQueryRestarts = 3;

function stuck(ctx: PagingContext, path: string, what: string): AppError {
  return new AppError(
    'cursor_stuck',
    `NinjaOne at ${ctx.host} returned a page of ${path} that does not advance (${what}); stopped instead of looping.`,
    { host: ctx.host, path },
  );
}

function invalid(ctx: PagingContext, path: string, what: string): AppError {
  return new AppError('invalid_response', `NinjaOne at ${ctx.host} answered ${path} with ${what}.`, {
    host: ctx.host,
    path,
  });
}

/** One paged list: where, with which query, how each record is validated and named in quarantine. */
export interface PagedList<S extends z.ZodType> {
  path: string;
  query: Query;
  schema: S;
  source: string;
  pageSize?: number;
  signal?: AbortSignal;
  /** Id paging only: start after this id (a resumed walk). */
  after?: number;
}

export async function* idPages<S extends z.ZodType>(
  ctx: PagingContext,
  { path, query, schema, source, ...options }: PagedList<S>,
): AsyncGenerator<Page<z.output<S>>> {
  const pageSize = options.pageSize ?? maxPageSize.ids;
  let after = options.after;
  for (;;) {
    const raw = await ctx.get(path, { ...query, pageSize, after }, options.signal);
    if (!Array.isArray(raw)) throw invalid(ctx, path, 'something other than a list');
    const lastId = (raw.at(-1) as { id?: unknown } | undefined)?.id;
    const full = raw.length >= pageSize;
    if (full && (typeof lastId !== 'number' || (after !== undefined && lastId <= after))) {
      throw stuck(ctx, path, `after=${after ?? '(start)'} gave a page ending at id ${String(lastId)}`);
    }
    yield { ...parseRecords(raw, schema, source, ctx.quarantine), restarted: false };
    if (!full) return;
    after = lastId as number;
  }
}

function expiredCursor(error: unknown, expires: number | null | undefined, now: number): boolean {
  if (!isAppError(error)) return false;
  const details = error.details as NinjaOneErrorDetails | undefined;
  if (!details?.status || ![400, 404, 410].includes(details.status)) return false;
  const said = `${details.resultCode ?? ''} ${details.errorMessage ?? ''}`;
  return /cursor/i.test(said) || (typeof expires === 'number' && expires * 1000 <= now);
}

export async function* queryPages<S extends z.ZodType>(
  ctx: PagingContext,
  { path, query, schema, source, ...options }: PagedList<S>,
): AsyncGenerator<Page<z.output<S>>> {
  const pageSize = options.pageSize ?? maxPageSize.queries;
  let cursor: { name: string; offset: number | null; expires: number | null; first: string } | null = null;
  let seen = new Set<string>();
  let restarts = 0;
  let restarted = false;
  for (;;) {
    let raw: unknown;
    try {
      raw = await ctx.get(path, { ...query, pageSize, cursor: cursor?.name }, options.signal);
    } catch (error) {
      if (!cursor || !expiredCursor(error, cursor.expires, ctx.now())) throw error;
      if (++restarts > maxQueryRestarts) {
        throw new AppError(
          'upstream_error',
          `NinjaOne at ${ctx.host} expired the ${path} query cursor ${restarts} times in a row; try again later.`,
          { host: ctx.host, path },
        );
      }
      cursor = null;
      seen = new Set();
      restarted = true;
      continue;
    }
    const envelope = queryEnvelopeSchema.safeParse(raw);
    if (!envelope.success) throw invalid(ctx, path, 'a body that is not a query page');
    const results = envelope.data.results ?? [];
    const next = envelope.data.cursor;
    const first = JSON.stringify(results[0] ?? null);
    if (cursor && results.length > 0) {
      const offsetStalled = next?.offset != null && cursor.offset !== null && next.offset <= cursor.offset;
      if ((next?.name && seen.has(next.name)) || (offsetStalled && first === cursor.first)) {
        throw stuck(ctx, path, `cursor ${cursor.name} gave the same page again`);
      }
    }
    yield { ...parseRecords(results, schema, source, ctx.quarantine), restarted };
    restarted = false;
    if (results.length < pageSize || !next?.name) return;
    seen.add(next.name);
    cursor = { name: next.name, offset: next.offset ?? null, expires: next.expires ?? null, first };
  }
}

export async function* activityPages<S extends z.ZodType>(
  ctx: PagingContext,
  path: string,
  query: Query,
  schema: S,
  options: {
    /** Stop at (and leave out) activities with this id or older: the incremental checkpoint. */
    sinceId?: number;
    /** Start below this id (default: the newest). */
    olderThan?: number;
    pageSize?: number;
    signal?: AbortSignal;
  } = {},
): AsyncGenerator<ActivityPage<z.output<S>>> {
  const pageSize = Math.min(Math.max(options.pageSize ?? maxPageSize.activities, 10), maxPageSize.activities);
  let olderThan = options.olderThan;
  for (;;) {
    const raw = await ctx.get(path, { ...query, pageSize, olderThan }, options.signal);
    const envelope = activityEnvelopeSchema.safeParse(raw);
    if (!envelope.success) throw invalid(ctx, path, 'a body that is not an activity page');
    const activities = envelope.data.activities ?? [];
    const ids = activities
      .map((a) => (a as { id?: unknown } | null)?.id)
      .filter((id): id is number => typeof id === 'number');
    const oldest = ids.length > 0 ? Math.min(...ids) : undefined;
    if (activities.length > 0 && (oldest === undefined || (olderThan !== undefined && oldest >= olderThan))) {
      throw stuck(
        ctx,
        path,
        `olderThan=${olderThan ?? '(newest)'} gave a page reaching only id ${String(oldest)}`,
      );
    }
    const reachedCheckpoint =
      options.sinceId !== undefined && oldest !== undefined && oldest <= options.sinceId;
    const fresh =
      options.sinceId === undefined
        ? activities
        : activities.filter((a) => {
            const id = (a as { id?: unknown } | null)?.id;
            return typeof id !== 'number' || id > options.sinceId!;
          });
    yield {
      ...parseRecords(fresh, schema, 'activities', ctx.quarantine),
      restarted: false,
      lastActivityId: envelope.data.lastActivityId ?? null,
      lastNodeActivityId: envelope.data.lastNodeActivityId ?? null,
    };
    if (reachedCheckpoint || activities.length < pageSize) return;
    olderThan = oldest;
  }
}
