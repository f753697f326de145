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
