import type { RpcServer } from '../../src/core/host/rpc-server';
import { events, type Events, type Procedures } from '../../src/shared/contract';
import { RpcClient } from '../../src/shared/rpc/client';
import type { ClientTransport, ServerTransport } from '../../src/shared/rpc/framing';
import type { TestClient } from './rpc-ws-client';

/** A contract client wired to an in-process core through a pair of in-memory transports (frames are cloned). */
export function inProcessClient(server: RpcServer): TestClient {
  const toServer = new Set<(frame: unknown) => void>();
  const toClient = new Set<(frame: unknown) => void>();
  const closers = new Set<() => void>();
  const deliver = (listeners: Set<(frame: unknown) => void>, frame: unknown): void => {
    const copy = structuredClone(frame);
    queueMicrotask(() => listeners.forEach((l) => l(copy)));
  };
  const close = (): void => closers.forEach((c) => c());
  const serverSide: ServerTransport = {
    send: (frame) => deliver(toClient, frame),
    onFrame: (l) => (toServer.add(l), () => toServer.delete(l)),
    onClose: (l) => (closers.add(l), () => closers.delete(l)),
    close,
  };
  const clientSide: ClientTransport = {
    send: (frame) => deliver(toServer, frame),
    onFrame: (l) => (toClient.add(l), () => toClient.delete(l)),
    onClose: (l) => (closers.add(l), () => closers.delete(l)),
    close,
  };
  server.attach(serverSide);
  return new RpcClient<Procedures, Events>(clientSide, events);
}
