import type { RpcServer } from '../../src/core/host/rpc-server';
import { events, type Events, type Procedures } from '../../src/shared/contract';
import { RpcClient } from '../../src/shared/rpc/client';
import { rpcPipe } from './rpc-pipe';
import type { TestClient } from './rpc-ws-client';

/** A contract client wired to an in-process core through an in-memory pipe. */
export function inProcessClient(server: RpcServer): TestClient {
  const pipe = rpcPipe();
  server.attach(pipe.server);
  return new RpcClient<Procedures, Events>(pipe.client, events);
}
