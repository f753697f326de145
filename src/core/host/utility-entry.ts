import { isAppError } from '../../shared/rpc/errors';
import { createLogger } from '../log/logger';
import { startCore, type Core } from './core';
import { messagePortTransport, type PortMainLike } from './transports';
import { consoleVersion } from './version';

/**
 * The core as an Electron utilityProcess. Main sends `init` with the cache path, then one `connect`
 * message per renderer carrying a MessagePort; each port is served with the same RPC server as the
 * WebSocket of web mode. This file never imports electron: `process.parentPort` is all it needs.
 */
interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown; ports: PortMainLike[] }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!parentPort) throw new Error('utility-entry must run as an Electron utilityProcess');

const logger = createLogger({ fields: { proc: 'core' } });
let core: Promise<Core> | null = null;

parentPort.on('message', (event) => {
  const message = event.data as { type?: string; cachePath?: string; demo?: boolean };
  if (message.type === 'init' && typeof message.cachePath === 'string' && !core) {
    core = startCore({
      cachePath: message.cachePath,
      version: consoleVersion,
      demo: message.demo === true,
      logger,
    });
    core.then(
      () => parentPort.postMessage({ type: 'ready' }),
      (error: unknown) => {
        const shape = isAppError(error) ? error.toShape() : { code: 'internal', message: String(error) };
        parentPort.postMessage({ type: 'failed', error: shape });
      },
    );
    return;
  }
  if (message.type === 'connect') {
    const port = event.ports[0];
    if (!port || !core) return;
    void core.then((c) => c.server.attach(messagePortTransport(port)));
  }
});
