import type {
  ClientFrame,
  ClientTransport,
  ServerFrame,
  ServerTransport,
} from '../../src/shared/rpc/framing';

/** A connected client/server pair whose frames go through JSON, as on the wire. */
export function rpcPipe(): { client: ClientTransport; server: ServerTransport } {
  const toServer = new Set<(frame: unknown) => void>();
  const toClient = new Set<(frame: unknown) => void>();
  const noClose = () => () => undefined;
  const deliver = (listeners: Set<(frame: unknown) => void>, frame: unknown): void => {
    const copy: unknown = JSON.parse(JSON.stringify(frame));
    queueMicrotask(() => listeners.forEach((l) => l(copy)));
  };
  return {
    client: {
      send: (frame: ClientFrame) => deliver(toServer, frame),
      onFrame: (l) => (toClient.add(l), () => toClient.delete(l)),
      onClose: noClose,
      close: () => undefined,
    },
    server: {
      send: (frame: ServerFrame) => deliver(toClient, frame),
      onFrame: (l) => (toServer.add(l), () => toServer.delete(l)),
      onClose: noClose,
      close: () => undefined,
    },
  };
}
