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
