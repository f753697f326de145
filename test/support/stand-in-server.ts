import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface StandInServer {
  url: string;
  /** Every request it received, in order. */
  seen: SeenRequest[];
  close(): Promise<void>;
}

/**
 * A loopback server standing in for an address the technician never saved (a third host, a
 * redirect target): it records every request and answers with `answer` (default: 200 `{}`).
 */
export async function startStandInServer(
  answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
): Promise<StandInServer> {
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
