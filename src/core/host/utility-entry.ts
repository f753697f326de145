import {
  coreToMainMessageSchema,
  mainToCoreMessageSchema,
  type CoreToMainMessage,
} from '../../shared/host-messages';
import { isAppError } from '../../shared/rpc/errors';
import { messagePortTransport, type PortMainLike } from '../../shared/rpc/message-port-transport';
import { createLogger } from '../../node/logger';
import { startCore, type Core } from './core';
import { ParentPortOpener } from './parent-port-opener';
import { consoleVersion } from './version';

/**
 * The core as an Electron utilityProcess. Main sends `init` with the cache path, then one `connect`
 * message per connection (the renderer's, and main's own) carrying a MessagePort and saying whose it
 * is; each port is served in that role with the same RPC server as the WebSocket of web mode. URLs to open go to main's gate as
 * `open-external`, together with the hosts it may open. This file never imports electron:
 * `process.parentPort` is all it needs.
 */
interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown; ports: PortMainLike[] }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!parentPort) throw new Error('utility-entry must run as an Electron utilityProcess');

const logger = createLogger({ fields: { proc: 'core' } });
const post = (message: CoreToMainMessage): void =>
  parentPort.postMessage(coreToMainMessageSchema.parse(message));
const opener = new ParentPortOpener(post);
let core: Promise<Core> | null = null;

parentPort.on('message', (event) => {
  const parsed = mainToCoreMessageSchema.safeParse(event.data);
  if (!parsed.success) {
    logger.warn('core: dropped a malformed message from main');
    return;
  }
  const message = parsed.data;
  switch (message.type) {
    case 'init': {
      if (core) return;
      core = startCore({
        cachePath: message.cachePath,
        version: consoleVersion,
        demo: message.demo,
        logger,
        opener,
      });
      core.then(
        (started) => {
          post({ type: 'trusted-origins', origins: started.trustedOrigins.get() });
          started.trustedOrigins.onChange((origins) => post({ type: 'trusted-origins', origins }));
          post({ type: 'ready' });
        },
        (error: unknown) => {
          const shape = isAppError(error)
            ? error.toShape()
            : { code: 'internal' as const, message: String(error) };
          post({ type: 'failed', error: shape });
        },
      );
      return;
    }
    case 'connect': {
      const port = event.ports[0];
      if (!port || !core) return;
      void core.then((started) => started.server.attach(messagePortTransport(port), message.role));
      return;
    }
    case 'open-external-result':
      opener.settle(message.id, message.error);
      return;
  }
});
