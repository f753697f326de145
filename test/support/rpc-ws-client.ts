import WebSocket from 'ws';
import { events, type Events, type Procedures } from '../../src/shared/contract';
import { RpcClient } from '../../src/shared/rpc/client';
import type { ClientTransport } from '../../src/shared/rpc/framing';

export type TestClient = RpcClient<Procedures, Events>;

/** Connects to a core's WebSocket the way the web renderer does, from Node. */
export async function connectClient(
  origin: string,
  token: string,
  options: { origin?: string } = {},
): Promise<TestClient> {
  const url = `${origin.replace(/^http/, 'ws')}/rpc?token=${encodeURIComponent(token)}`;
  const socket = new WebSocket(url, { headers: { Origin: options.origin ?? origin } });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_req, res) =>
      reject(new Error(`refused with HTTP ${res.statusCode}`)),
    );
    socket.once('error', reject);
  });
  const transport: ClientTransport = {
    send: (frame) => socket.send(JSON.stringify(frame)),
    onFrame: (listener) => {
      const handler = (data: WebSocket.RawData): void => listener(JSON.parse(String(data)));
      socket.on('message', handler);
      return () => socket.off('message', handler);
    },
    onClose: (listener) => {
      socket.on('close', listener);
      return () => socket.off('close', listener);
    },
    close: () => socket.close(),
  };
  return new RpcClient<Procedures, Events>(transport, events);
}

/** Tries to open the RPC WebSocket and reports the HTTP status it was refused with (or 101 when accepted). */
export function upgradeStatus(url: string, origin: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, origin ? { headers: { Origin: origin } } : {});
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', (error) => reject(error));
  });
}
