import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer } from 'ws';
import { contentTypeFor } from '../../shared/content-types';
import type { Logger } from '../log/logger';
import type { RpcServer } from './rpc-server';
import { webSocketTransport } from './transports';

export interface WebServerOptions {
  rpc: RpcServer;
  /** The built renderer (index.html and assets). */
  staticDir: string;
  port: number;
  logger: Logger;
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

/**
 * Serves the renderer and the RPC WebSocket on 127.0.0.1 only. The WebSocket needs the one-time token
 * of this run and an Origin of this very server, so neither another local program nor a web page the
 * technician visits can drive the core.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const root = resolve(options.staticDir);
  let origin = '';

  const serveStatic = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const pathname = decodeURIComponent(new URL(req.url ?? '/', origin).pathname);
    const requested = normalize(join(root, pathname === '/' ? 'index.html' : pathname));
    const file = requested.startsWith(root + sep) ? requested : join(root, 'index.html');
    let target = file;
    try {
      if (!statSync(target).isFile()) target = join(root, 'index.html');
    } catch {
      target = join(root, 'index.html');
    }
    try {
      statSync(target);
    } catch {
      res
        .writeHead(503, { 'Content-Type': 'text/plain' })
        .end('The console has not been built yet: run npm run build.');
      return;
    }
    res.writeHead(200, {
      'Content-Type': contentTypeFor(target),
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': target.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(target).pipe(res);
  };

  const http: Server = createServer(serveStatic);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin);
    const refuse = (status: number, reason: string): void => {
      options.logger.warn('web: refused a WebSocket', { reason, origin: req.headers.origin ?? null });
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/rpc') return refuse(404, 'Not Found');
    if (req.headers.origin !== origin) return refuse(403, 'Forbidden');
    if (!sameSecret(url.searchParams.get('token'), token)) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      options.rpc.attach(webSocketTransport(ws));
    });
  });

  await new Promise<void>((resolvePromise, reject) => {
    http.once('error', reject);
    http.listen(options.port, '127.0.0.1', () => resolvePromise());
  });
  const { port } = http.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      http.closeAllConnections();
      await new Promise<void>((r) => http.close(() => r()));
    },
  };
}
