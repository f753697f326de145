import { events, type Events, type Procedures } from '../../shared/contract';
import { RpcClient } from '../../shared/rpc/client';
import { connectTransport } from '../transport/bootstrap';

export type ConsoleClient = RpcClient<Procedures, Events>;

let client: ConsoleClient | null = null;

/** The renderer's one client to the core, over whichever transport this page was given. */
export function consoleClient(): ConsoleClient {
  client ??= new RpcClient<Procedures, Events>(connectTransport(), events);
  return client;
}

/**
 * After the core restarted (Electron main restarts it when it dies), the old client's port is closed:
 * this replaces it with a client over a fresh connection. Views re-mount on the connection's
 * generation (see `core-connection.ts`), so they refetch and subscribe again on the new client.
 */
export function reconnectConsoleClient(): ConsoleClient {
  client?.close();
  client = new RpcClient<Procedures, Events>(connectTransport(), events);
  return client;
}
