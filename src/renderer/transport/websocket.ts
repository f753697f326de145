import type { ClientFrame, ClientTransport } from '../../shared/rpc/framing';

/**
 * The web-mode transport: JSON frames over a WebSocket to the core. Frames sent before the socket
 * opens are queued, so the first render can issue calls immediately.
 */
export function webSocketTransport(url: string): ClientTransport {
  const socket = new WebSocket(url);
  const queue: string[] = [];
  const closeListeners = new Set<() => void>();
  socket.addEventListener('open', () => {
    for (const frame of queue.splice(0)) socket.send(frame);
  });
  socket.addEventListener('close', () => {
    for (const listener of closeListeners) listener();
  });
  return {
    send(frame: ClientFrame) {
      const text = JSON.stringify(frame);
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
      else if (socket.readyState === WebSocket.CONNECTING) queue.push(text);
    },
    onFrame(listener) {
      const handler = (event: MessageEvent): void => {
        if (typeof event.data !== 'string') return;
        try {
          listener(JSON.parse(event.data));
        } catch {
          // Not JSON: ignored like any malformed frame.
        }
      };
      socket.addEventListener('message', handler);
      return () => socket.removeEventListener('message', handler);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close() {
      socket.close();
    },
  };
}
