import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import type { Logger } from '../node/logger';
import {
  clientCredentialsTokens,
  NinjaOneClient,
  resolveEndpoint,
  type NinjaOneClientOptions,
} from '../core/ninjaone';
import { PsaClient } from '../core/psa/client';
import type { PsaClientTuning } from '../core/psa/connection';
import type { BackoffPolicy } from '../core/time/backoff';
import { webhookSecretCheck } from './auth/webhook-secret';
import { BackstopPoller } from './backstop/poller';
import type { OptionalSecrets, RelayConfig } from './config';
import type { RelayContext } from './context';
import { metricsListener, relayApp, requireMetricsToken } from './http/app';
import { GroupCommitter } from './intake/group-commit';
import type { LedgerCommand } from './ledger/ledger-decision';
import { RelayMetrics } from './metrics';
import { TicketWork } from './rules/ticket-work';
import { RulesWorker } from './rules/worker';
import { openStore } from './store/open-store';
import type { AppendResult, IncomingWebhook, RelayStore } from './store/store';
import { EventHub } from './stream/hub';

export interface RelayOptions {
  config: RelayConfig;
  webhookSecret: string;
  logger: Logger;
  /** Injected in tests that move time (retention, claim expiry). */
  now?: () => number;
  /** How often open streams are checked for revoked tokens (default 1 s). */
  tokenCheckMs?: number;
  /** The secrets of the optional parts (rules editing, rule tickets, backstop); a part without one is off. */
  secrets?: Partial<OptionalSecrets>;
  /** Alga PSA client tuning (tests make retries instant). */
  psaClient?: Partial<PsaClientTuning>;
  /** NinjaOne client tuning for the backstop (tests make retries instant). */
  ninjaOneClient?: Pick<NinjaOneClientOptions, 'retry' | 'timing'>;
  /** SQLite writes on a writer thread (default) or on this thread (a relay embedded in the console). */
  sqliteWriter?: 'thread' | 'inline';
  /** Backoff between attempts of a rule's PSA work (default 5 s doubling to 5 min). */
  rulesRetry?: BackoffPolicy;
  /** How often the rules worker looks for work it was not woken for (default 1 s). */
  rulesIntervalMs?: number;
}

export interface Relay {
  readonly url: string;
  readonly port: number;
  /** `/metrics` on its own loopback listener, when `metricsPort` is set. */
  readonly metricsUrl: string | null;
  readonly store: RelayStore;
  readonly metrics: RelayMetrics;
  readonly rules: RulesWorker;
  /** The NinjaOne backstop poll, when the relay has NinjaOne client credentials. */
  readonly backstop: BackstopPoller | null;
  /** Applies retention now (it also runs on a timer); returns how many events were removed. */
  prune(): Promise<number>;
  /** Graceful: stops accepting, ends streams, finishes in-flight requests, then closes the store. */
  close(): Promise<void>;
}

const MAX_BATCH = 1000;
const PRUNE_CHUNK = 5000;
/** A stream client this far behind is caught up from the store instead of growing its buffer. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Live writes to stream clients are spaced at least this far apart: bounds fan-out cost under load. */
const FLUSH_INTERVAL_MS = 5;

export async function startRelay(options: RelayOptions): Promise<Relay> {
  const { config, logger } = options;
  const now = options.now ?? Date.now;
  const store = await openStore(config, logger, options.sqliteWriter);
  const hub = new EventHub(store, {
    heartbeatMs: config.heartbeatSeconds * 1000,
    tokenCheckMs: options.tokenCheckMs ?? 1000,
    maxBufferedBytes: MAX_BUFFERED_BYTES,
    flushIntervalMs: FLUSH_INTERVAL_MS,
    maxStreams: config.maxStreams,
    maxStreamsPerToken: config.maxStreamsPerToken,
    logger,
  });
  await hub.start();
  // Once retention has removed anything, an activity older than it may be one whose id is gone.
  const retentionCutoff = () => now() - config.retentionSeconds * 1000;
  const prunedAtStart = (await store.streamBounds()).prunedThrough > 0;
  const metrics = new RelayMetrics();
  const holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const secrets = options.secrets ?? {};
  const changeLedger = async (seriesUid: string, command: LedgerCommand) => {
    const result = await store.changeLedger(seriesUid, now(), command);
    if (result.event) hub.publish([result.event]);
    return result;
  };
  const psa =
    config.psaUrl && secrets.psaApiKey
      ? new PsaClient({
          baseUrl: config.psaUrl,
          apiKey: secrets.psaApiKey,
          tenantId: config.psaTenantId ?? null,
          logger: logger.child({ psa: true }),
          ...options.psaClient,
        })
      : null;
  const rules = new RulesWorker({
    store,
    work: new TicketWork({
      store,
      psa,
      publish: (events) => hub.publish(events),
      ledger: changeLedger,
      now,
      random: Math.random,
      retry: options.rulesRetry ?? { baseMs: 5_000, maxMs: 5 * 60_000 },
      claimTtlSeconds: config.claimTtlSeconds,
    }),
    publish: (events) => hub.publish(events),
    logger: logger.child({ part: 'rules' }),
    now,
    holder,
    psa: psa !== null,
    intervalMs: options.rulesIntervalMs,
  });
  store.onForeignCommit(() => rules.wake());
  const webhooks = new GroupCommitter<IncomingWebhook, AppendResult>(
    async (items) => {
      const { results, events } = await store.appendWebhooks(items, now());
      hub.publish(events);
      if (events.length > 0) rules.wake();
      return results;
    },
    MAX_BATCH,
    (size) => {
      metrics.commitBatches += 1;
      metrics.committedWebhooks += size;
    },
  );
  const ctx: RelayContext = {
    config,
    store,
    hub,
    metrics,
    logger,
    now,
    webhooks,
    checkSecret: webhookSecretCheck(options.webhookSecret),
    adminTokenHash: secrets.adminTokenHash ?? null,
    changeLedger,
    acceptedSince: prunedAtStart ? retentionCutoff() : 0,
  };
  const backstop =
    config.ninjaOneUrl && config.ninjaOneClientId && secrets.ninjaOneClientSecret
      ? new BackstopPoller({
          client: ninjaOneClient(config, secrets.ninjaOneClientSecret, options.ninjaOneClient, logger),
          store,
          submit: (webhook) => webhooks.submit(webhook),
          metrics,
          logger: logger.child({ part: 'backstop' }),
          now,
          holder,
          intervalMs: config.backstopIntervalSeconds * 1000,
          lookbackSeconds: config.backstopLookbackSeconds,
        })
      : null;

  let shuttingDown = false;
  const metricsToken = secrets.metricsToken ?? null;
  const app = await relayApp(ctx, {
    shuttingDown: () => shuttingDown,
    metricsAuth:
      config.metricsPort !== undefined ? 'off' : metricsToken ? requireMetricsToken(metricsToken) : 'off',
  });
  const metricsApp = config.metricsPort !== undefined ? await metricsListener(ctx) : null;
  const server = app.server;
  try {
    await app.listen({ port: config.port, host: config.host });
    await metricsApp?.listen({ port: config.metricsPort, host: '127.0.0.1' });
  } catch (error) {
    await app.close();
    await metricsApp?.close();
    hub.close();
    await store.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  const prune = async (): Promise<number> => {
    const cutoff = retentionCutoff();
    let total = 0;
    for (;;) {
      const removed = await store.pruneBefore(cutoff, PRUNE_CHUNK);
      total += removed;
      // Ids of activities up to the cutoff may be gone from now on: refuse those as replays.
      if (removed > 0) ctx.acceptedSince = Math.max(ctx.acceptedSince, cutoff);
      if (removed < PRUNE_CHUNK) break;
      // Let requests in between chunks.
      await new Promise((r) => setImmediate(r));
    }
    // What the removed events were the last word on: decisions, ledger entries, ended silences;
    // and rate-limit windows that have ended.
    const { requestCounts } = store;
    const windowsEnded = now() - config.rateLimitWindowSeconds * 1000;
    for (const prunePart of [
      () => store.pruneDecisions(cutoff, PRUNE_CHUNK),
      () => store.pruneLedger(PRUNE_CHUNK),
      () => store.pruneSilences(cutoff, PRUNE_CHUNK),
      ...(requestCounts ? [() => requestCounts.prune(windowsEnded, PRUNE_CHUNK)] : []),
    ])
      while ((await prunePart()) === PRUNE_CHUNK) await new Promise((r) => setImmediate(r));
    return total;
  };
  const pruneTimer = setInterval(
    () =>
      void prune().then(
        (removed) => removed > 0 && logger.info('retention removed old events', { removed }),
        (error: unknown) => logger.warn('retention failed; will retry', { error }),
      ),
    Math.min(60_000, config.retentionSeconds * 250),
  ).unref();

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      shuttingDown = true;
      clearInterval(pruneTimer);
      await backstop?.stop();
      const closed = app.close();
      hub.close();
      server.closeIdleConnections();
      // Connections finishing their last request close as soon as they are idle.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const force = setTimeout(() => server.closeAllConnections(), config.shutdownGraceSeconds * 1000);
      await closed;
      clearInterval(sweep);
      clearTimeout(force);
      await metricsApp?.close();
      await webhooks.idle();
      await rules.stop();
      await store.close();
      logger.info('relay stopped');
    })());

  rules.start();
  backstop?.start();
  logger.info('relay listening', {
    host: config.host,
    port,
    backend: store.backend,
    rulesEditing: ctx.adminTokenHash !== null,
    psa: psa?.host ?? null,
    backstop: backstop !== null,
  });
  const metricsUrl = metricsApp
    ? `http://127.0.0.1:${(metricsApp.server.address() as AddressInfo).port}/metrics`
    : null;
  return { url: `http://${host}:${port}`, port, metricsUrl, store, metrics, rules, backstop, prune, close };
}

function ninjaOneClient(
  config: RelayConfig,
  clientSecret: string,
  tuning: RelayOptions['ninjaOneClient'],
  logger: Logger,
): NinjaOneClient {
  const endpoint = resolveEndpoint({ host: config.ninjaOneUrl! });
  return new NinjaOneClient({
    endpoint,
    tokens: clientCredentialsTokens({
      endpoint,
      clientId: config.ninjaOneClientId!,
      clientSecret,
      scopes: ['monitoring'],
      ...(tuning?.timing ? { timing: tuning.timing } : {}),
      ...(tuning?.retry ? { retry: tuning.retry } : {}),
    }),
    logger: logger.child({ ninjaone: true }),
    ...tuning,
  });
}
