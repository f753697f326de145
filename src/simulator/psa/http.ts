import { decodeSegment } from '../../shared/parsed-url';
import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import { apiError, assetError, assetMeta, type SimError } from './errors';
import type { PsaStore } from './store';
import { toZod3Issues } from './zod3';

export interface SimRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
  params: Record<string, string>;
}

export interface SimResponse {
  status: number;
  /** Omitted for 204. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteContext {
  store: PsaStore;
  now: () => number;
}

/** Names tests use to target faults and waits, e.g. `tickets.create`. */
export type RouteName = string;

export interface Route {
  method: string;
  name: RouteName;
  /** Asset-controller routes answer validation errors in the asset envelope. */
  family: 'standard' | 'asset';
  pattern: RegExp;
  keys: string[];
  handler: (req: SimRequest, ctx: RouteContext) => SimResponse;
}

export function route(
  method: string,
  path: string,
  name: RouteName,
  handler: Route['handler'],
  family: Route['family'] = 'standard',
): Route {
  const keys: string[] = [];
  const source = path.replace(/:([a-zA-Z]+)/g, (_m, key: string) => {
    keys.push(key);
    return '([^/]+)';
  });
  return { method, name, family, pattern: new RegExp(`^${source}$`), keys, handler };
}

export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | { allowed: string[] } | null {
  const allowed: string[] = [];
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    if (r.method !== method) {
      allowed.push(r.method);
      continue;
    }
    const params: Record<string, string> = {};
    for (const [i, key] of r.keys.entries()) {
      const value = decodeSegment(m[i + 1]!);
      // A broken encoding names no resource: no route matches (404).
      if (value === null) return null;
      params[key] = value;
    }
    return { route: r, params };
  }
  return allowed.length ? { allowed } : null;
}

/** Parses with the route's zod schema; failures become the 400 the real route returns. */
export function parseBody<S extends z.ZodType>(
  schema: S,
  body: unknown,
  family: Route['family'],
  now: number,
): z.output<S> {
  return parseWith(
    schema,
    body ?? {},
    family === 'asset' ? 'Invalid request data' : 'Validation failed',
    family,
    now,
  );
}

export function parseQuery<S extends z.ZodType>(
  schema: S,
  query: Record<string, string>,
  family: Route['family'],
  now: number,
): z.output<S> {
  return parseWith(
    schema,
    query,
    family === 'asset' ? 'Invalid query parameters' : 'Query validation failed',
    family,
    now,
  );
}

function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  message: string,
  family: Route['family'],
  now: number,
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const details = toZod3Issues(parsed.error, input);
  throw validationError(family, now, message, details);
}

export function validationError(
  family: Route['family'],
  now: number,
  message: string,
  details: unknown,
): SimError {
  return family === 'asset'
    ? assetError(now, 400, 'VALIDATION_ERROR', message, details)
    : apiError(400, 'VALIDATION_ERROR', message, details);
}

export function ok(data: unknown, status = 200, meta?: Record<string, unknown>): SimResponse {
  return { status, body: meta ? { data, meta } : { data } };
}

export function assetOk(data: unknown, now: number, status = 200): SimResponse {
  return { status, body: { success: true, data, meta: assetMeta(now) } };
}

export const noContent: SimResponse = { status: 204 };

export interface PageQuery {
  page: number;
  limit: number;
}

/** `createPaginatedResponse`: offset paging with totals and hasNext/hasPrev. */
export function paginated<T>(
  rows: readonly T[],
  { page, limit }: PageQuery,
  meta: Record<string, unknown>,
): SimResponse {
  const total = rows.length;
  const totalPages = Math.ceil(total / limit);
  const data = rows.slice((page - 1) * limit, page * limit);
  return {
    status: 200,
    body: {
      data,
      pagination: { page, limit, total, totalPages, hasNext: page < totalPages, hasPrev: page > 1 },
      meta,
    },
  };
}

/**
 * Postgres `ILIKE '%needle%'` as Alga's services build it: the needle is not escaped, so `%` and `_`
 * in it are wildcards (a serial with `_` matches more than itself), and `\` escapes the next character.
 */
export function ilike(value: string | null | undefined, needle: string | undefined): boolean {
  if (needle === undefined) return true;
  return likePattern(needle).test(value ?? '');
}

const patterns = new Map<string, RegExp>();

function likePattern(needle: string): RegExp {
  const known = patterns.get(needle);
  if (known) return known;
  let source = '';
  for (let i = 0; i < needle.length; i++) {
    const c = needle[i]!;
    if (c === '\\' && i + 1 < needle.length) source += escapeRegExp(needle[++i]!);
    else if (c === '%') source += '[\\s\\S]*';
    else if (c === '_') source += '[\\s\\S]';
    else source += escapeRegExp(c);
  }
  if (patterns.size > 500) patterns.clear();
  const pattern = new RegExp(source, 'i');
  patterns.set(needle, pattern);
  return pattern;
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compareBy<T>(key: (row: T) => string | number | null, order: 'asc' | 'desc') {
  const dir = order === 'asc' ? 1 : -1;
  return (a: T, b: T): number => {
    const x = key(a);
    const y = key(b);
    if (x === y) return 0;
    if (x === null) return 1;
    if (y === null) return -1;
    return (x < y ? -1 : 1) * dir;
  };
}
