import type { Transport } from './framing';

/**
 * The shape of Electron's MessagePortMain, as the utility process (the core's end) and main (its
 * client end) both use it. Declared structurally so neither src/shared nor the core imports electron.
 */
export interface PortMainLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  off(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  off(event: 'close', listener: () => void): unknown;
  start(): void;
  close(): void;
}

/** A MessagePort between main and the core (structured-clone frames, same framing as WebSocket). */
export function messagePortTransport<Out>(port: PortMainLike): Transport<Out, unknown> {
  port.start();
  return {
    send(frame) {
      port.postMessage(frame);
    },
    onFrame(listener) {
      const handler = (event: { data: unknown }): void => listener(event.data);
      port.on('message', handler);
      return () => port.off('message', handler);
    },
    onClose(listener) {
      port.on('close', listener);
      return () => port.off('close', listener);
    },
    close() {
      port.close();
    },
  };
}
