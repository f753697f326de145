import type { z } from 'zod';
import { AppError, isAppError } from '../../shared/rpc/errors';
import { parseRecords, type QuarantinedRecord, type QuarantineSink } from './quarantine';
import { activityEnvelopeSchema, queryEnvelopeSchema } from './schemas';
import type { NinjaOneErrorDetails } from './transport';

/**
 * NinjaOne's three page families as async iterators of pages. Each walks at the largest page size and
 * ends only where the family says it has no more: an empty page, or a query page without a cursor to
 * follow. A page shorter than asked is never the end: servers cap pages below what a client asks for,
 * and a walk that stopped there would lose everything after it (and a sweep would then delete it).
 * A cursor that does not advance is refused (`cursor_stuck`, never an endless loop), and records that
 * fail validation are quarantined instead of failing the walk.
 *
 * A: `/v2/devices`, organizations, locations: bare arrays, `after` = the last id.
 * B: `/v2/queries/*`: `{cursor: {name, offset, count, expires}, results}`, `cursor` = its name; an
 *    expired cursor restarts the query from the beginning (the page says `restarted`), a bounded
 *    number of times, or not at all when the caller splits the query itself.
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
  /** The lowest id on the page as served (records quarantined or left out included). */
  oldestId: number;
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface PagingContext {
  host: string;
  get(path: string, query: Query, signal?: AbortSignal): Promise<unknown>;
  quarantine?: QuarantineSink;
  now(): number;
}

/** The largest pages asked for: activities are capped at 1000 by the spec, the rest in practice. */
export const maxPageSize = { ids: 1000, queries: 1000, activities: 1000 } as const;
const maxQueryRestarts = 3;

/** Details of the error a query walk throws when its cursor expired and it may not restart. */
export interface CursorExpiredDetails {
  host: string;
  path: string;
  cursorExpired: true;
}

export function isCursorExpiry(error: unknown): boolean {
  return (
    isAppError(error) && (error.details as Partial<CursorExpiredDetails> | undefined)?.cursorExpired === true
  );
}

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
  /**
   * Id paging only: the highest id the filter can match (`df=id in (...)`). Ids come ascending, so a
   * page that reaches it is the last one, without asking for the empty page.
   */
  until?: number;
  /**
   * Query paging only: how often an expired cursor restarts the query from the beginning (default
   * 3); past that the walk throws an error `isCursorExpiry` recognises.
   */
  restarts?: number;
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
    if (raw.length === 0) return;
    const lastId = (raw.at(-1) as { id?: unknown } | undefined)?.id;
    if (typeof lastId !== 'number' || (after !== undefined && lastId <= after)) {
      throw stuck(ctx, path, `after=${after ?? '(start)'} gave a page ending at id ${String(lastId)}`);
    }
    yield { ...parseRecords(raw, schema, source, ctx.quarantine), restarted: false };
    if (options.until !== undefined && lastId >= options.until) return;
    after = lastId;
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
  const allowedRestarts = options.restarts ?? maxQueryRestarts;
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
      if (++restarts > allowedRestarts) {
        const details: CursorExpiredDetails = { host: ctx.host, path, cursorExpired: true };
        throw new AppError(
          'upstream_error',
          allowedRestarts === 0
            ? `NinjaOne at ${ctx.host} expired the ${path} query cursor before the walk ended.`
            : `NinjaOne at ${ctx.host} expired the ${path} query cursor ${restarts} times in a row; try again later.`,
          details,
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
    // The end: nothing more, or no cursor to follow. A short page is not the end (servers cap pages).
    if (results.length === 0) {
      // A restart that found nothing still tells the caller to forget what the first walk gave.
      if (restarted) yield { items: [], quarantined: [], restarted };
      return;
    }
    yield { ...parseRecords(results, schema, source, ctx.quarantine), restarted };
    restarted = false;
    if (!next?.name) return;
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
    /**
     * The incremental checkpoint: the walk stops once it reaches this id. Activities at or below it
     * are left out, unless `overlapFrom` asks for them.
     */
    sinceId?: number;
    /**
     * With `sinceId`: keep walking below the checkpoint until activities are older than this (epoch
     * seconds), and yield those too. An activity NinjaOne made visible late, with an id below one
     * already read, is found there; the caller skips the ones it already applied.
     */
    overlapFrom?: number;
    /** Start below this id (default: the newest). */
    olderThan?: number;
    pageSize?: number;
    signal?: AbortSignal;
  } = {},
): AsyncGenerator<ActivityPage<z.output<S>>> {
  const pageSize = Math.min(Math.max(options.pageSize ?? maxPageSize.activities, 10), maxPageSize.activities);
  const { sinceId, overlapFrom } = options;
  let olderThan = options.olderThan;
  for (;;) {
    const raw = await ctx.get(path, { ...query, pageSize, olderThan }, options.signal);
    const envelope = activityEnvelopeSchema.safeParse(raw);
    if (!envelope.success) throw invalid(ctx, path, 'a body that is not an activity page');
    const activities = envelope.data.activities ?? [];
    if (activities.length === 0) return;
    const oldest = oldestOf(activities);
    if (oldest === null || (olderThan !== undefined && oldest.id >= olderThan)) {
      throw stuck(
        ctx,
        path,
        `olderThan=${olderThan ?? '(newest)'} gave a page reaching only id ${String(oldest?.id)}`,
      );
    }
    const reachedCheckpoint =
      sinceId !== undefined &&
      oldest.id <= sinceId &&
      (overlapFrom === undefined || (oldest.time !== null && oldest.time < overlapFrom));
    const kept =
      sinceId === undefined || overlapFrom !== undefined
        ? activities
        : activities.filter((a) => {
            const id = (a as { id?: unknown } | null)?.id;
            return typeof id !== 'number' || id > sinceId;
          });
    yield {
      ...parseRecords(kept, schema, 'activities', ctx.quarantine),
      restarted: false,
      lastActivityId: envelope.data.lastActivityId ?? null,
      lastNodeActivityId: envelope.data.lastNodeActivityId ?? null,
      oldestId: oldest.id,
    };
    if (reachedCheckpoint) return;
    olderThan = oldest.id;
  }
}

/** The activity with the lowest id on a page, with its time (null when no record has a numeric id). */
function oldestOf(activities: readonly unknown[]): { id: number; time: number | null } | null {
  let oldest: { id: number; time: number | null } | null = null;
  for (const activity of activities) {
    const { id, activityTime } = (activity ?? {}) as { id?: unknown; activityTime?: unknown };
    if (typeof id !== 'number' || (oldest && id >= oldest.id)) continue;
    oldest = { id, time: typeof activityTime === 'number' ? activityTime : null };
  }
  return oldest;
}
