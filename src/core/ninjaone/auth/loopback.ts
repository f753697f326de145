import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { requestUrl } from '../../../shared/parsed-url';
import { AppError } from '../../../shared/rpc/errors';
import { cancelled } from '../timing';

/**
 * The redirect target of a native-app sign-in: an HTTP server on 127.0.0.1 at the port and path
 * registered on the NinjaOne app. It accepts exactly one answer carrying the `state` the console
 * sent, shows the browser a page that says to return to the console, and closes. Anything else
 * (another path, a stale or forged state) is refused without ending the sign-in.
 */
export interface LoopbackOptions {
  port: number;
  path: string;
  state: string;
  /** For messages: the NinjaOne host being signed in to. */
  host: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface LoopbackReceiver {
  redirectUri: string;
  /** The authorization code, once the browser comes back. */
  code: Promise<string>;
  close(): Promise<void>;
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function page(title: string, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:4rem auto;max-width:34rem;color:#1d2433}h1{font-size:1.4rem}</style></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
}

const pageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  // The code is in this page's URL: keep it out of Referer headers and block every subresource.
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
};

export function loopbackRedirectUri(port: number, path: string): string {
  return `http://127.0.0.1:${port}${path}`;
}

export async function startLoopbackReceiver(options: LoopbackOptions): Promise<LoopbackReceiver> {
  if (options.signal?.aborted) throw cancelled();
  const sockets = new Set<Socket>();
  let resolveCode: (code: string) => void = () => undefined;
  let rejectCode: (error: AppError) => void = () => undefined;
  let settled = false;
  const code = new Promise<string>((resolve, reject) => {
    resolveCode = resolve;
    rejectCode = reject;
  });
  code.catch(() => undefined);

  const server: Server = createServer((req, res) => {
    const url = requestUrl<URL>(req.url, 'http://127.0.0.1');
    const reply = (status: number, title: string, message: string): void => {
      res.writeHead(status, pageHeaders).end(page(title, message));
    };
    // Any local program or web page can reach this port while a sign-in waits: what cannot be
    // parsed is refused like any other stray request, and the sign-in goes on.
    if (!url) {
      reply(400, 'Bad request', 'This address only receives the NinjaOne sign-in.');
      return;
    }
    if (req.method !== 'GET' || url.pathname !== options.path) {
      reply(404, 'Not found', 'This address only receives the NinjaOne sign-in.');
      return;
    }
    if (url.searchParams.get('state') !== options.state) {
      reply(
        400,
        'This sign-in link is not the one the console is waiting for',
        'It may come from an older sign-in attempt. Return to the Alga Technician Console and start the sign-in again if it does not finish.',
      );
      return;
    }
    const error = url.searchParams.get('error');
    const received = url.searchParams.get('code');
    if (error || !received) {
      const description = url.searchParams.get('error_description');
      reply(
        400,
        'NinjaOne did not sign you in',
        `${description ?? error ?? 'No authorization code came back'}. Return to the Alga Technician Console to try again.`,
      );
      finish(
        new AppError(
          'refused',
          `NinjaOne at ${options.host} did not grant access (${error ?? 'no code'}${description ? `: ${description}` : ''}).`,
        ),
      );
      return;
    }
    reply(200, 'Signed in to NinjaOne', 'You can close this tab and return to the Alga Technician Console.');
    finish(received);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  let closed: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closed ??= new Promise<void>((resolve) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      server.close(() => resolve());
      // Let the answer page reach the browser, then drop idle keep-alive connections.
      setTimeout(() => {
        for (const socket of sockets) socket.destroy();
      }, 100).unref();
    });
    return closed;
  };
  const finish = (outcome: string | AppError): void => {
    if (settled) return;
    settled = true;
    if (typeof outcome === 'string') resolveCode(outcome);
    else rejectCode(outcome);
    void close();
  };
  const timer = setTimeout(
    () =>
      finish(
        new AppError(
          'timeout',
          `The sign-in to NinjaOne at ${options.host} did not finish within ${Math.round(options.timeoutMs / 60_000) || 1} minute(s). Start it again and complete it in the browser.`,
        ),
      ),
    options.timeoutMs,
  );
  const onAbort = (): void => finish(cancelled());
  options.signal?.addEventListener('abort', onAbort, { once: true });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      reject(
        error.code === 'EADDRINUSE'
          ? new AppError(
              'conflict',
              `Port ${options.port} on 127.0.0.1 is in use, so the sign-in to NinjaOne at ${options.host} cannot receive its answer. Close the program using it, or register another redirect port on the NinjaOne app and enter it here.`,
            )
          : new AppError(
              'internal',
              `The sign-in listener on 127.0.0.1:${options.port} failed: ${error.message}`,
            ),
      );
    });
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return { redirectUri: loopbackRedirectUri(options.port, options.path), code, close };
}
