import { decodeSegment } from '../../shared/parsed-url';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A handler's answer; the server turns it into bytes (faults may change it on the way). */
export interface Reply {
  status: number;
  body?: unknown;
  /** Sent as-is instead of JSON (HTML pages, redirects). */
  text?: string;
  headers?: Record<string, string>;
}

export interface RequestContext {
  method: string;
  /** The path with `/api` stripped, so `/api/v2/x` and `/v2/x` are the same route. */
  path: string;
  url: URL;
  query: URLSearchParams;
  params: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export type RouteHandler<C> = (ctx: RequestContext, extra: C) => Reply | Promise<Reply>;

export interface Route<C> {
  method: string;
  /** `/v2/device/:id` style; `key` is `${method} ${pattern}` (used by fault rules and logs). */
  pattern: string;
  key: string;
  handler: RouteHandler<C>;
  regex: RegExp;
  names: string[];
}

export function route<C>(method: string, pattern: string, handler: RouteHandler<C>): Route<C> {
  const names: string[] = [];
  const regex = new RegExp(
    '^' +
      pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:([a-zA-Z]+)/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      }) +
      '/?$',
  );
  return { method, pattern, key: `${method} ${pattern}`, handler, regex, names };
}

export function matchRoute<C>(
  routes: readonly Route<C>[],
  method: string,
  path: string,
): { route: Route<C>; params: Record<string, string> } | null {
  for (const r of routes) {
    if (r.method !== method) continue;
    const m = r.regex.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    for (const [i, name] of r.names.entries()) {
      const value = decodeSegment(m[i + 1]!);
      // A broken encoding names no resource: no route matches (404).
      if (value === null) return null;
      params[name] = value;
    }
    return { route: r, params };
  }
  return null;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({
  status,
  body,
  headers,
});
export const noContent = (): Reply => ({ status: 204 });

let incident = 0;
/** NinjaOne's business-error body: `{resultCode, errorMessage, incidentId}`. */
export function apiError(status: number, resultCode: string, errorMessage: string): Reply {
  incident++;
  return json(status, { resultCode, errorMessage, incidentId: `sim-${Date.now().toString(36)}-${incident}` });
}

/** The request body, or null when it is over `limit` bytes (the rest is left unread). */
export async function readBody(req: IncomingMessage, limit = 1_048_576): Promise<Buffer | null> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Writes a reply. `contentType` undefined keeps the default, null leaves the header out. */
export function send(res: ServerResponse, reply: Reply, contentType?: string | null): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: string | undefined;
  if (reply.text !== undefined) payload = reply.text;
  else if (reply.body !== undefined && reply.status !== 204) {
    payload = JSON.stringify(reply.body);
    headers['content-type'] ??= 'application/json';
  }
  if (contentType === null) delete headers['content-type'];
  else if (contentType !== undefined && payload !== undefined) headers['content-type'] = contentType;
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

/** Integer query parameter, or undefined; NaN or garbage is a 400 for the caller to raise. */
export function intParam(query: URLSearchParams, name: string): number | undefined | 'invalid' {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^-?\d+$/.test(raw)) return 'invalid';
  return Number(raw);
}
