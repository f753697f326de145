import type { ClientTransport, ServerTransport } from '../../src/shared/rpc/framing';

/**
 * A connected client/server pair in memory. Frames go through JSON, as on the wire, and arrive on a
 * later microtask, as they would from a socket; closing either end closes both.
 */
export function rpcPipe(): { client: ClientTransport; server: ServerTransport } {
  const toServer = new Set<(frame: unknown) => void>();
  const toClient = new Set<(frame: unknown) => void>();
  const closers = new Set<() => void>();
  const deliver = (listeners: Set<(frame: unknown) => void>, frame: unknown): void => {
    const copy: unknown = JSON.parse(JSON.stringify(frame));
    queueMicrotask(() => listeners.forEach((l) => l(copy)));
  };
  const onClose = (l: () => void) => (closers.add(l), () => closers.delete(l));
  const close = (): void => closers.forEach((c) => c());
  return {
    client: {
      send: (frame) => deliver(toServer, frame),
      onFrame: (l) => (toClient.add(l), () => toClient.delete(l)),
      onClose,
      close,
    },
    server: {
      send: (frame) => deliver(toClient, frame),
      onFrame: (l) => (toServer.add(l), () => toServer.delete(l)),
      onClose,
      close,
    },
  };
}
