import { contextBridge, ipcRenderer } from 'electron';
import type { ConsoleBridge } from '../../src/shared/bridge';
import type { ClientFrame } from '../../src/shared/rpc/framing';

/**
 * Exposes `window.consoleApi`: a transport to the core over a MessagePort that main hands over.
 * Frames sent before the port arrives are queued. Nothing else from Electron or Node is exposed.
 */
let port: MessagePort | null = null;
const queue: ClientFrame[] = [];
const frameListeners = new Set<(frame: unknown) => void>();
const closeListeners = new Set<() => void>();

ipcRenderer.once('core:port', (event) => {
  const received = event.ports[0];
  if (!received) return;
  port = received;
  port.onmessage = (message) => {
    for (const listener of frameListeners) listener(message.data);
  };
  port.addEventListener('close', () => {
    for (const listener of closeListeners) listener();
  });
  port.start();
  for (const frame of queue.splice(0)) port.postMessage(frame);
});
ipcRenderer.send('core:connect');

const bridge: ConsoleBridge = {
  transport: {
    send(frame) {
      if (port) port.postMessage(frame);
      else queue.push(frame);
    },
    onFrame(listener) {
      frameListeners.add(listener);
      return () => frameListeners.delete(listener);
    },
    onClose(listener) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close() {
      port?.close();
    },
  },
};

contextBridge.exposeInMainWorld('consoleApi', bridge);
