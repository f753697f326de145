import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { join, normalize, resolve, sep } from 'node:path';
import Fastify from 'fastify';
import { WebSocketServer } from 'ws';
import { contentTypeFor } from '../../shared/content-types';
import { requestUrl } from '../../shared/parsed-url';
import type { Logger } from '../../node/logger';
import type { RpcServer } from './rpc-server';
import { webSocketTransport } from './transports';

/** A prepared export by its single-use id: the file name and its CSV, streamed when asked. */
export type ExportDownloads = (id: string) => { fileName: string; body: () => Readable } | null;

export interface WebServerOptions {
  rpc: RpcServer;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  port: number;
  logger: Logger;
  /** Serves `/export/<id>?token=` as a file download; without it there is no such route. */
  downloads?: ExportDownloads;
  /** Fixed token for tests; a fresh random one otherwise. */
  token?: string;
}

export interface WebServer {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  close(): Promise<void>;
}

const csp =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

function sameSecret(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The file under `root` a request path names; index.html for the app's own routes and anything else. */
function staticFile(root: string, pathname: string): string | null {
  const requested = normalize(join(root, pathname === '' ? 'index.html' : pathname));
  const index = join(root, 'index.html');
  let target = requested.startsWith(root + sep) ? requested : index;
  try {
    if (!statSync(target).isFile()) target = index;
  } catch {
    target = index;
  }
  try {
    statSync(target);
    return target;
  } catch {
    return null;
  }
}

/**
 * Serves the renderer and the RPC WebSocket on 127.0.0.1 only. The WebSocket needs the one-time token
 * of this run and an Origin of this very server, so neither another local program nor a web page the
 * technician visits can drive the core. Fastify parses every request: a path it cannot decode, a
 * body (none is served) or a malformed request is a 4xx, never an exception in the core.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const root = resolve(options.staticDir);
  let origin = '';

  const app = Fastify({ logger: false, bodyLimit: 1024, forceCloseConnections: true });
  // A download is a plain navigation (no WebSocket, no custom header): the session token rides in the
  // query, and the id is single use and lives a minute. Checked before the id is spent.
  app.get<{ Params: { id: string }; Querystring: { token?: string } }>('/export/:id', (req, reply) => {
    if (!sameSecret(typeof req.query.token === 'string' ? req.query.token : null, token))
      return reply.code(401).send({ error: 'The session token is missing or wrong.' });
    const download = options.downloads?.(req.params.id) ?? null;
    if (!download)
      return reply
        .code(404)
        .send({ error: 'This export has expired or was already downloaded: export again.' });
    return reply
      .headers({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${download.fileName}"`,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-store',
      })
      .send(download.body());
  });
  app.get<{ Params: { '*': string } }>('/*', (req, reply) => {
    // No file or app route has control characters: a decoded NUL or newline is a malformed path.
    if ([...req.params['*']].some((c) => c < ' '))
      return reply.code(400).send({ error: 'The path is not valid.' });
    const target = staticFile(root, req.params['*']);
    if (!target)
      return reply
        .code(503)
        .type('text/plain')
        .send('The console has not been built yet: run npm run build.');
    return reply
      .headers({
        'Content-Type': contentTypeFor(target),
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': target.endsWith('index.html') ? 'no-store' : 'max-age=3600',
      })
      .send(createReadStream(target));
  });
  // Every path is a GET route (the app's own routes fall back to index.html): what reaches here is another method.
  app.setNotFoundHandler((_req, reply) =>
    reply.code(405).header('Allow', 'GET, HEAD').send({ error: 'Use GET or HEAD.' }),
  );
  app.setErrorHandler((error: { statusCode?: number }, _req, reply) => {
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) options.logger.warn('web: a request failed', { error });
    return reply.code(status).send({ error: status === 500 ? 'internal' : 'bad request' });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  app.server.on('upgrade', (req, socket, head) => {
    const url = requestUrl<URL>(req.url, origin);
    const refuse = (status: number, reason: string): void => {
      options.logger.warn('web: refused a WebSocket', { reason, origin: req.headers.origin ?? null });
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!url) return refuse(400, 'Bad Request');
    if (url.pathname !== '/rpc') return refuse(404, 'Not Found');
    if (req.headers.origin !== origin) return refuse(403, 'Forbidden');
    if (!sameSecret(url.searchParams.get('token'), token)) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      // The browser form is a window like the desktop's renderer, never the shell.
      options.rpc.attach(webSocketTransport(ws), 'renderer');
    });
  });

  await app.listen({ port: options.port, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await app.close();
    },
  };
}
