import { Cache } from '../cache/cache';
import { createLogger, type Logger } from '../log/logger';
import { NinjaOneConnection, type NinjaOneConnectionOptions } from '../ninjaone';
import { startPsa, type PsaOptions, type PsaRuntime } from '../psa';
import { KeychainSecretStore } from '../secrets/keychain-store';
import type { SecretStore } from '../secrets/secret-store';
import type { ExternalOpener } from './external-opener';
import { alertHandlers } from './handlers/alerts';
import { appHandlers } from './handlers/app';
import { assetHandlers } from './handlers/assets';
import { dashboardHandlers } from './handlers/dashboard';
import { inventoryHandlers } from './handlers/inventory';
import { ninjaOneHandlers } from './handlers/ninjaone';
import { psaHandlers } from './handlers/psa';
import { ticketHandlers } from './handlers/tickets';
import { RpcServer, type Handlers } from './rpc-server';
import { technicianName } from './technician';

export interface CoreOptions {
  cachePath: string;
  version: string;
  demo?: boolean;
  /** Validate every output and event against the contract. On in tests and development. */
  validateOutputs?: boolean;
  logger?: Logger;
  /** Where secrets live; the OS keychain unless a test or the demo passes another store. */
  secrets?: SecretStore;
  /**
   * Opens URLs outside the console. Electron passes one that asks main's gate, tests pass a recorder;
   * by default (web mode) the page is asked to open a tab through the `shell.openExternal` event.
   */
  opener?: ExternalOpener;
  /** NinjaOne timing and retry overrides (tests make backoff and sign-in timeouts instant). */
  ninjaone?: Pick<NinjaOneConnectionOptions, 'timing' | 'retry' | 'signInTimeoutMs' | 'refreshAheadMs'>;
  /** Alga PSA tuning: timing, backoff, a shared ledger, the NinjaOne alert resetter. */
  psa?: PsaOptions;
}

export interface Core {
  readonly cache: Cache;
  readonly server: RpcServer;
  readonly logger: Logger;
  readonly secrets: SecretStore;
  readonly opener: ExternalOpener;
  /** The NinjaOne connection; `ninjaone.client()` gives services an authenticated API client. */
  readonly ninjaone: NinjaOneConnection;
  /** Tickets and the PSA; `psa.alertsReset(uids)` is for the sync engine and the relay client. */
  readonly psa: PsaRuntime;
  close(): Promise<void>;
}

/** Opens the cache, wires the services and returns the RPC server that serves the contract. */
export async function startCore(options: CoreOptions): Promise<Core> {
  const logger = options.logger ?? createLogger({ fields: { proc: 'core' } });
  const cache = Cache.open(options.cachePath);
  const secrets = options.secrets ?? new KeychainSecretStore();
  const opener: ExternalOpener = options.opener ?? {
    open: (url, purpose) => Promise.resolve(server.emit('shell.openExternal', { url, purpose })),
  };
  const technician = (): string => technicianName(cache);
  const changed = (tables: string[]): void => server.emit('cache.changed', { tables });
  const ninjaone = new NinjaOneConnection({
    settings: cache.settings,
    secrets,
    opener,
    logger: logger.child({ service: 'ninjaone' }),
    onStatus: (status) => server.emit('ninjaone.statusChanged', status),
    ...options.ninjaone,
  });
  const psa = startPsa(
    { cache, secrets, logger, technician, emit: (name, payload) => server.emit(name, payload) },
    {
      alertResetter: { reset: async (uid) => (await ninjaone.client()).resetAlert(uid) },
      ninjaOneUrl: async () => (await ninjaone.status()).baseUrl,
      ...options.psa,
    },
  );
  const handlers: Handlers = {
    ...appHandlers(cache, { version: options.version, demo: options.demo ?? false }),
    ...assetHandlers(cache, { technician, changed, ninjaone, opener }),
    ...alertHandlers(cache, { technician, changed, ninjaone, psa }),
    ...dashboardHandlers(cache),
    ...inventoryHandlers(cache),
    ...ninjaOneHandlers(ninjaone),
    ...psaHandlers(psa),
    ...ticketHandlers(cache, psa, opener),
  };
  const server = new RpcServer(handlers, {
    validateOutputs: options.validateOutputs ?? process.env.ALGA_CONSOLE_STRICT === '1',
    logger,
  });
  logger.info('core started', { cache: cache.path, devices: cache.devices.count() });
  const core: Core = {
    cache,
    server,
    logger,
    secrets,
    opener,
    ninjaone,
    psa,
    close: async () => {
      psa.close();
      ninjaone.close();
      cache.close();
    },
  };
  return core;
}
