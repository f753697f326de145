import { contextBridge, ipcRenderer } from 'electron';
import { bridgeChannels, type ConsoleBridge, type CoreStatus } from '../../src/shared/bridge';
import type { NavigationTarget } from '../../src/shared/navigation';
import type { ClientFrame, ClientTransport } from '../../src/shared/rpc/framing';

/**
 * Exposes `window.consoleApi` (ConsoleBridge) and nothing else: no ipcRenderer, no raw events, no
 * Node. Each `connect()` asks main for a fresh MessagePort to the core; frames sent before it arrives
 * are queued. Core status and navigation requests from main reach the page as plain payloads.
 */
const awaitingPorts = new Map<number, (port: MessagePort | undefined) => void>();
let nextRequest = 1;

ipcRenderer.on(bridgeChannels.port, (event, requestId: unknown) => {
  if (typeof requestId !== 'number') return;
  const deliver = awaitingPorts.get(requestId);
  awaitingPorts.delete(requestId);
  deliver?.(event.ports[0]);
});

function connect(): ClientTransport {
  let port: MessagePort | null = null;
  let closed = false;
  const queue: ClientFrame[] = [];
  const frameListeners = new Set<(frame: unknown) => void>();
  const closeListeners = new Set<() => void>();
  const notifyClosed = (): void => {
    closed = true;
    for (const listener of closeListeners) listener();
  };

  const requestId = nextRequest++;
  awaitingPorts.set(requestId, (received) => {
    if (!received) return notifyClosed();
    if (closed) return received.close();
    port = received;
    port.onmessage = (message) => {
      for (const listener of frameListeners) listener(message.data);
    };
    port.addEventListener('close', notifyClosed);
    port.start();
    for (const frame of queue.splice(0)) port.postMessage(frame);
  });
  ipcRenderer.send(bridgeChannels.connect, requestId);

  return {
    send(frame) {
      if (closed) return;
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
      notifyClosed();
    },
  };
}

let coreStatus: CoreStatus = { state: 'starting' };
const statusListeners = new Set<(status: CoreStatus) => void>();
const publishStatus = (status: CoreStatus): void => {
  coreStatus = status;
  for (const listener of statusListeners) listener(status);
};
ipcRenderer.on(bridgeChannels.status, (_event, status: CoreStatus) => publishStatus(status));
ipcRenderer.invoke(bridgeChannels.status).then(
  (status: CoreStatus) => publishStatus(status),
  () => undefined, // main refused this page: it stays in `starting` and gets no port either
);

let unheardTarget: NavigationTarget | null = null;
const navigateListeners = new Set<(target: NavigationTarget) => void>();
ipcRenderer.on(bridgeChannels.navigate, (_event, target: NavigationTarget) => {
  if (navigateListeners.size === 0) unheardTarget = target;
  for (const listener of navigateListeners) listener(target);
});

const bridge: ConsoleBridge = {
  connect,
  saveExport: (prepared) =>
    ipcRenderer.invoke(bridgeChannels.saveExport, {
      id: prepared.id,
      fileName: prepared.fileName,
    }) as Promise<{
      rows: number;
    } | null>,
  onCoreStatus(listener) {
    statusListeners.add(listener);
    listener(coreStatus);
    return () => statusListeners.delete(listener);
  },
  onNavigate(listener) {
    navigateListeners.add(listener);
    if (unheardTarget) {
      listener(unheardTarget);
      unheardTarget = null;
    }
    return () => navigateListeners.delete(listener);
  },
};

contextBridge.exposeInMainWorld('consoleApi', bridge);
