import type { WebSocket } from 'ws';
import type { ServerFrame, ServerTransport } from '../../shared/rpc/framing';

/** A WebSocket carrying JSON frames (web mode and tests). */
export function webSocketTransport(socket: WebSocket): ServerTransport {
  return {
    send(frame: ServerFrame) {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
    },
    onFrame(listener) {
      const handler = (data: unknown, isBinary: boolean): void => {
        if (isBinary) return;
        try {
          listener(JSON.parse(String(data)));
        } catch {
          // A frame that is not JSON is dropped like any other malformed frame.
        }
      };
      socket.on('message', handler);
      return () => socket.off('message', handler);
    },
    onClose(listener) {
      socket.on('close', listener);
      return () => socket.off('close', listener);
    },
    close() {
      socket.close();
    },
  };
}

/**
 * The shape of Electron's MessagePortMain as seen from the utility process. Declared here so the core
 * never imports electron.
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

/** A MessagePort handed over by Electron main (structured-clone frames, same framing as WebSocket). */
export function messagePortTransport(port: PortMainLike): ServerTransport {
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
