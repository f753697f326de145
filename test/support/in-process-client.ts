import type { RpcServer } from '../../src/core/host/rpc-server';
import { events, type Events, type Procedures } from '../../src/shared/contract';
import { RpcClient } from '../../src/shared/rpc/client';
import type { CallerRole } from '../../src/shared/rpc/define';
import { rpcPipe } from './rpc-pipe';
import type { TestClient } from './rpc-ws-client';

/** A contract client wired to an in-process core through an in-memory pipe, as the window unless told. */
export function inProcessClient(server: RpcServer, caller: CallerRole = 'renderer'): TestClient {
  const pipe = rpcPipe();
  server.attach(pipe.server, caller);
  return new RpcClient<Procedures, Events>(pipe.client, events);
}
