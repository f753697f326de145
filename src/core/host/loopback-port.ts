import { createServer } from 'node:net';

/**
 * A port free on 127.0.0.1 a moment ago. Racy (another process may take it before we bind), so a
 * server that can should listen on port 0 and read its address instead. This is for what cannot:
 * an OAuth loopback redirect URI registered with NinjaOne before its listener starts, and a server
 * we do not own that must be told its port (PostgreSQL in the tests).
 */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
