import { defaultDesktopPreferences, desktopPreferencesSchema } from '../../shared/contract/desktop';
import type { NinjaOneStatus } from '../../shared/contract/ninjaone';
import type { PsaStatus } from '../../shared/contract/psa';
import {
  defaultNotificationPreferences,
  notificationPreferencesSchema,
} from '../../shared/contract/notifications';
import { AlertArrivals } from '../alerts/alert-arrivals';
import { AlertNotifier } from '../alerts/notifier';
import { OpenAlertCountsPublisher } from '../alerts/open-alert-counts';
import { triggeredAlerts } from '../alerts/triggered-alerts';
import { Cache } from '../cache/cache';
import { csvStream } from '../export/csv-writer';
import { PreparedExports } from '../export/prepared-exports';
import { startDashboardHistory } from '../dashboard/dashboard-history';
import { createLogger, type Logger } from '../../node/logger';
import { NinjaOneConnection, type NinjaOneConnectionOptions } from '../ninjaone';
import { startPsa, type PsaOptions, type PsaRuntime } from '../psa';
import { ReferenceDataRepository } from '../psa/reference-data';
import { ninjaOneDashboardUrls } from '../remote/ninjaone-dashboard';
import { RemoteLauncher, type DashboardUrlSource } from '../remote/remote-launcher';
import { RelayClient, type RelayClientOptions } from '../relay-client/service';
import { KeychainSecretStore } from '../secrets/keychain-store';
import { MemorySecretStore } from '../secrets/memory-store';
import type { SecretStore } from '../secrets/secret-store';
import { NinjaOneSyncJob } from '../sync/ninjaone-sync-job';
import { ThreadedSyncJob } from '../sync/thread/threaded-sync-job';
import { SyncHookRegistry } from '../sync/sync-hooks';
import { SyncService } from '../sync/sync-service';
import type { ExternalOpener } from '../external-opener';
import { pageOpener } from './page-opener';
import { alertHandlers } from './handlers/alerts';
import { DemoWorkspace, type DemoOptions } from './demo/demo-workspace';
import { appHandlers } from './handlers/app';
import { assetHandlers } from './handlers/assets';
import { dashboardHandlers } from './handlers/dashboard';
import { exportHandlers } from './handlers/export';
import { inventoryHandlers } from './handlers/inventory';
import { ninjaOneHandlers } from './handlers/ninjaone';
import { psaHandlers } from './handlers/psa';
import { ticketHandlers } from './handlers/tickets';
import { psaTicketHandlers } from './handlers/psa-tickets';
import { desktopHandlers } from './handlers/desktop';
import { notificationHandlers } from './handlers/notifications';
import { remoteHandlers } from './handlers/remote';
import { PreferenceStore } from './preference-store';
import { ruleHandlers } from './handlers/rules';
import { relayHandlers } from './handlers/relay';
import { syncHandlers } from './handlers/sync';
import { RpcServer, type Handlers } from './rpc-server';
import { technicianName } from './technician';
import { TrustedOriginsRegistry } from './trusted-origins';
import { CoreEventBus } from './event-bus';
import type { CacheTopic } from '../../shared/contract/cache-topics';
import type { ExportDownloads } from './web-server';

export interface CoreOptions {
  cachePath: string;
  version: string;
  /** Start the demo workspace (simulators inside the core) even if it was not active. */
  demo?: boolean;
  /** A smaller or faster demo (tests). */
  demoOptions?: DemoOptions;
  /** Validate every output and event against the contract. On in tests and development. */
  validateOutputs?: boolean;
  logger?: Logger;
  /** Where secrets live; the OS keychain (memory for the demo) unless a test passes another store. */
  secrets?: SecretStore;
  /**
   * Opens URLs outside the console. Electron passes one that asks main's gate, tests pass a recorder;
   * by default (web mode) the page is asked to open a tab through the `shell.openExternal` event,
   * after the same URL policy main applies.
   */
  opener?: ExternalOpener;
  /** NinjaOne timing and retry overrides (tests make backoff and sign-in timeouts instant). */
  ninjaone?: Pick<NinjaOneConnectionOptions, 'timing' | 'retry' | 'signInTimeoutMs' | 'refreshAheadMs'>;
  /** Alga PSA tuning: timing, backoff, a shared ledger, the NinjaOne alert resetter. */
  psa?: PsaOptions;
  /** Device dashboard links for remote connect; the NinjaOne connection's by default. */
  dashboardUrls?: DashboardUrlSource;
  /** How long new alerts are gathered into one notification batch (ms). */
  notificationBatchMs?: number;
  /** Relay client timing (tests make reconnects and decision waits short). */
  relay?: RelayClientOptions;
  /**
   * Sync runs on a thread of their own (default), so the console's reads answer during a large full
   * sync; false keeps them on this thread (tests that drive the sync's clock).
   */
  syncThread?: boolean;
}

export interface Core {
  readonly cache: Cache;
  readonly server: RpcServer;
  readonly logger: Logger;
  readonly secrets: SecretStore;
  /** Hosts the opener may open; set by the NinjaOne and PSA connections. */
  readonly trustedOrigins: TrustedOriginsRegistry;
  /** Call `alertsTriggered(alerts)` with every alert that is new to the cache (sync, relay client). */
  readonly notifier: AlertNotifier;
  /** Call `alertsChanged()` after writing alerts, so the tray badge follows. */
  readonly openAlertCounts: OpenAlertCountsPublisher;
  /** Tickets and the PSA; `psa.alertsReset(uids)` is for the sync engine and the relay client. */
  readonly psa: PsaRuntime;
  /** Prepared CSV exports, for the web host's download route. */
  readonly downloads: ExportDownloads;
  close(): Promise<void>;
}

/**
 * Opens the cache, builds the services in the order they depend on each other and returns the RPC
 * server that serves the contract. Services that react to each other (a NinjaOne status moves the
 * sync and the relay; a relay webhook resets PSA tickets) do so through the event bus, built first,
 * so nothing here refers to a service declared further down.
 */
export async function startCore(options: CoreOptions): Promise<Core> {
  const logger = options.logger ?? createLogger({ fields: { proc: 'core' } });
  const bus = new CoreEventBus();
  const cache = Cache.open(options.cachePath);
  // The demo signs in to its own simulators: nothing of it belongs in the OS keychain.
  const secrets = options.secrets ?? (options.demo ? new MemorySecretStore() : new KeychainSecretStore());
  const technician = (): string => technicianName(cache);
  const trustedOrigins = new TrustedOriginsRegistry();
  const opener =
    options.opener ??
    pageOpener(trustedOrigins, (request) => bus.emit('shell.openExternal', request), logger);

  const ninjaone = new NinjaOneConnection({
    settings: cache.settings,
    secrets,
    opener,
    logger: logger.child({ service: 'ninjaone' }),
    onStatus: (status) => bus.emit('ninjaone.statusChanged', status),
    onSigningIn: (baseUrl) => trustedOrigins.set('ninjaone', baseUrl),
    ...options.ninjaone,
  });
  // The instance the console is connected to (kept while a sign-in expired) is the one the URL gate opens.
  const trustNinjaOne = (status: NinjaOneStatus): void =>
    trustedOrigins.set('ninjaone', status.state === 'not_connected' ? null : status.baseUrl);
  bus.on('ninjaone.statusChanged', trustNinjaOne);
  ninjaone
    .status()
    .then(trustNinjaOne, (error: unknown) =>
      logger.warn('ninjaone: the connection status could not be read at start', { error }),
    );
  const ninjaOneUrl = async (): Promise<string | null> => ninjaone.baseUrl();

  const notificationPreferences = new PreferenceStore(
    cache.settings,
    'notifications.preferences',
    notificationPreferencesSchema,
    defaultNotificationPreferences,
    (value) => bus.emit('notifications.preferencesChanged', value),
  );
  const desktopPreferences = new PreferenceStore(
    cache.settings,
    'desktop.preferences',
    desktopPreferencesSchema,
    defaultDesktopPreferences,
    (value) => bus.emit('desktop.preferencesChanged', value),
  );
  const notifier = new AlertNotifier({
    preferences: () => notificationPreferences.get(),
    show: (notification) => bus.emit('notifications.show', notification),
    silencedDevices: (ids) => cache.silences.silencedAmong(ids),
    logger,
    batchWindowMs: options.notificationBatchMs,
  });
  const openAlertCounts = new OpenAlertCountsPublisher(
    () => cache.alerts.counts(),
    (counts) => bus.emit('alerts.countsChanged', counts),
  );
  const arrivals = new AlertArrivals({
    unseenAmong: (uids) => cache.alerts.unacknowledgedOpen(uids),
    emit: (unseen) => bus.emit('alerts.unseenChanged', unseen),
  });
  const changed = (tables: CacheTopic[]): void => {
    bus.emit('cache.changed', { tables });
    // An acknowledgement or a reset from this console: arrivals it saw are no longer new.
    if (tables.includes('alerts')) arrivals.arrived([]);
  };
  const dashboardHistory = startDashboardHistory({
    cache,
    client: () => ninjaone.client(),
    logger: logger.child({ service: 'dashboard' }),
    changed,
  });

  const syncLogger = logger.child({ service: 'sync' });
  const syncHooks = new SyncHookRegistry(syncLogger);
  const syncJob = new NinjaOneSyncJob({
    cache,
    client: () => ninjaone.client(),
    // A transient problem (keychain or NinjaOne unreachable) still syncs: failures back off and probe.
    connected: async () => ['connected', 'error'].includes((await ninjaone.status()).state),
    hooks: syncHooks,
    logger: syncLogger,
  });
  const sync = new SyncService(
    cache,
    options.syncThread === false || cache.path === ':memory:'
      ? syncJob
      : new ThreadedSyncJob(syncJob, {
          cachePath: cache.path,
          client: () => ninjaone.client(),
          hooks: syncHooks,
          logger: syncLogger,
          retry: options.ninjaone?.retry,
        }),
    {
      progress: (progress) => bus.emit('sync.progress', progress),
      status: (status) => {
        dashboardHistory.syncStatus(status);
        bus.emit('sync.status', status);
      },
    },
    syncLogger,
  );

  const relay = new RelayClient({
    cache,
    secrets,
    logger: logger.child({ service: 'relay' }),
    emit: (name, payload) => {
      if (name === 'cache.changed')
        dashboardHistory.cacheChanged((payload as { tables: CacheTopic[] }).tables);
      bus.emit(name, payload);
    },
    technician,
    notifier,
    openAlertCounts,
    arrivals,
    refreshDevices: (stale) => sync.refreshDevices(stale),
    fullSync: () => void sync.runNow('full').catch(() => undefined),
    alertsReset: (uids, at) => bus.signal('alerts.reset', { uids, at }),
    ninjaOne: () => ninjaone.client(),
    ninjaOneConnected: async () => (await ninjaone.status()).state === 'connected',
    ninjaOneUrl,
    reference: new ReferenceDataRepository(cache.db),
    options: options.relay,
  });

  // The PSA the console is connected to is the one its ticket links may open.
  const trustPsa = (status: PsaStatus): void =>
    trustedOrigins.set('psa', status.configured ? status.baseUrl : null);
  bus.on('psa.statusChanged', trustPsa);
  const psa = startPsa(
    { cache, secrets, logger, technician, emit: bus.emit },
    {
      alertResetter: { reset: async (uid) => (await ninjaone.client()).resetAlert(uid) },
      ninjaOneUrl,
      ledger: relay.ledger,
      ...options.psa,
    },
  );
  trustPsa(psa.service.status());
  bus.onSignal('alerts.reset', ({ uids, at }) => psa.alertsReset(uids, at));

  syncHooks.on('changed', (change) => {
    dashboardHistory.cacheChanged(change.tables);
    bus.emit('cache.changed', change);
  });
  syncHooks.on('alertsChanged', ({ opened, reset, initial }) => {
    openAlertCounts.alertsChanged();
    // What a cache's first sync finds was already open before the console ran: not an arrival.
    arrivals.arrived(initial ? [] : opened);
    if (reset.length > 0) psa.alertsReset(reset);
    // A cache's first sync finds what was already open: nothing new to notify about.
    if (!initial && opened.length > 0) notifier.alertsTriggered(triggeredAlerts(cache, opened));
  });
  syncHooks.on('organizationsSynced', () => psa.service.refreshSuggestions());
  bus.on('ninjaone.statusChanged', (status) => {
    sync.connectionChanged();
    if (status.state === 'connected') relay.ninjaOneConnected();
  });

  const remote = new RemoteLauncher({
    source: options.dashboardUrls ?? ninjaOneDashboardUrls(ninjaone),
    opener,
    audit: cache.audit,
    logger,
    actor: technician,
  });
  const demo = new DemoWorkspace(
    {
      cache,
      ninjaone,
      psa,
      relay,
      sync,
      logger: logger.child({ service: 'demo' }),
      onChange: (active) => bus.emit('app.demoChanged', { active }),
      changed,
    },
    options.demoOptions,
  );
  const preparedExports = new PreparedExports();
  const handlers: Handlers = {
    ...appHandlers(cache, { version: options.version, demo, changed }),
    ...assetHandlers(cache, {
      technician,
      changed,
      ninjaone,
      opener,
      shareSilence: (id, until, reason) =>
        relay.configured ? relay.silence(id, until, reason) : Promise.resolve(),
    }),
    ...alertHandlers(cache, { technician, changed, ninjaone, psa, arrivals }),
    ...dashboardHandlers(cache),
    ...exportHandlers(cache, preparedExports),
    ...inventoryHandlers(cache),
    ...ninjaOneHandlers(ninjaone, () => relay.ninjaOneDisconnecting()),
    ...psaHandlers(psa),
    ...ticketHandlers(cache, psa, opener),
    ...psaTicketHandlers(psa, opener),
    ...notificationHandlers(notificationPreferences),
    ...desktopHandlers(desktopPreferences),
    ...remoteHandlers(remote),
    ...syncHandlers(cache, sync),
    ...relayHandlers(relay),
    ...ruleHandlers(cache),
  };
  const server = new RpcServer(handlers, {
    validateOutputs: options.validateOutputs ?? process.env.ALGA_CONSOLE_STRICT === '1',
    logger,
  });
  bus.attach((name, payload) => server.emit(name, payload));

  logger.info('core started', { cache: cache.path, devices: cache.devices.count() });
  sync.start().catch((error: unknown) => syncLogger.error('sync: the scheduler did not start', { error }));
  if (options.demo || demo.active) {
    demo.start().catch((error: unknown) => logger.error('demo: the demo workspace did not start', { error }));
  }
  relay.start().catch((error: unknown) => logger.error('relay: the stream did not start', { error }));
  const core: Core = {
    cache,
    server,
    logger,
    secrets,
    psa,
    trustedOrigins,
    notifier,
    openAlertCounts,
    downloads: (id) => {
      const entry = preparedExports.take(id);
      return entry ? { fileName: entry.fileName, body: () => csvStream(cache, entry.request) } : null;
    },
    close: async () => {
      await demo.close();
      await relay.close();
      await sync.stop();
      await dashboardHistory.close();
      await psa.close();
      ninjaone.close();
      notifier.close();
      cache.close();
    },
  };
  return core;
}
