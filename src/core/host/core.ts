import { Cache } from '../cache/cache';
import { createLogger, type Logger } from '../log/logger';
import { appHandlers } from './handlers/app';
import { assetHandlers } from './handlers/assets';
import { RpcServer, type Handlers } from './rpc-server';

export interface CoreOptions {
  cachePath: string;
  version: string;
  demo?: boolean;
  /** Validate every output and event against the contract. On in tests and development. */
  validateOutputs?: boolean;
  logger?: Logger;
}

export interface Core {
  readonly cache: Cache;
  readonly server: RpcServer;
  readonly logger: Logger;
  close(): Promise<void>;
}

/** Opens the cache, wires the services and returns the RPC server that serves the contract. */
export async function startCore(options: CoreOptions): Promise<Core> {
  const logger = options.logger ?? createLogger({ fields: { proc: 'core' } });
  const cache = Cache.open(options.cachePath);
  const handlers: Handlers = {
    ...appHandlers(cache, { version: options.version, demo: options.demo ?? false }),
    ...assetHandlers(cache),
  };
  const server = new RpcServer(handlers, {
    validateOutputs: options.validateOutputs ?? process.env.ALGA_CONSOLE_STRICT === '1',
    logger,
  });
  logger.info('core started', { cache: cache.path, devices: cache.devices.count() });
  return {
    cache,
    server,
    logger,
    close: async () => {
      cache.close();
    },
  };
}
