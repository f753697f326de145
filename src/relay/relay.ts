import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { Logger } from '../core/log/logger';
import {
  clientCredentialsTokens,
  NinjaOneClient,
  resolveEndpoint,
  type NinjaOneClientOptions,
} from '../core/ninjaone';
import { PsaClient } from '../core/psa/client';
import type { PsaClientTuning } from '../core/psa/connection';
import type { BackoffPolicy } from '../core/psa/timing';
import { webhookSecretCheck } from './auth/webhook-secret';
import { BackstopPoller } from './backstop/poller';
import type { OptionalSecrets, RelayConfig } from './config';
import type { RelayContext } from './context';
import { relayRequestHandler } from './http/router';
import { GroupCommitter } from './intake/group-commit';
import type { LedgerCommand } from './ledger/decide';
import { RelayMetrics } from './metrics';
import { TicketWork } from './rules/ticket-work';
import { RulesWorker } from './rules/worker';
import { PostgresRelayStore } from './store/postgres/pg-store';
import { SqliteRelayStore } from './store/sqlite/sqlite-store';
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

export async function openStore(
  config: RelayConfig,
  logger: Logger,
  sqliteWriter: 'thread' | 'inline' = 'thread',
): Promise<RelayStore> {
  if (config.databaseUrl)
    return PostgresRelayStore.open({ url: config.databaseUrl, schema: config.databaseSchema, logger });
  const path = resolve(config.db!);
  mkdirSync(dirname(path), { recursive: true });
  return SqliteRelayStore.open(path, { writer: sqliteWriter });
}

export async function startRelay(options: RelayOptions): Promise<Relay> {
  const { config, logger } = options;
  const now = options.now ?? Date.now;
  const store = await openStore(config, logger, options.sqliteWriter);
  const hub = new EventHub(store, {
    heartbeatMs: config.heartbeatSeconds * 1000,
    tokenCheckMs: options.tokenCheckMs ?? 1000,
    maxBufferedBytes: MAX_BUFFERED_BYTES,
    flushIntervalMs: FLUSH_INTERVAL_MS,
    logger,
  });
  await hub.start();
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
  const requestTimeout = config.requestTimeoutSeconds * 1000;
  const server = createServer(
    {
      requestTimeout,
      headersTimeout: requestTimeout,
      // How often Node looks for requests past their timeout (its default, 30 s, lets slow senders linger).
      connectionsCheckingInterval: Math.min(1000, requestTimeout),
      // Longer than a reverse proxy's upstream keep-alive (nginx: 60 s), so the proxy never reuses a
      // connection the relay is just closing (that POST would fail with 502).
      keepAliveTimeout: 65_000,
    },
    relayRequestHandler(ctx, () => shuttingDown),
  );
  // Requests Node refuses before they reach a handler: malformed, headers too large, too slow.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    logger.debug('refused a malformed or slow request', { code: error.code });
    const status =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? '408 Request Timeout'
        : error.code === 'HPE_HEADER_OVERFLOW'
          ? '431 Request Header Fields Too Large'
          : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  });
  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolveListen();
      });
    });
  } catch (error) {
    hub.close();
    await store.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  const prune = async (): Promise<number> => {
    const cutoff = now() - config.retentionSeconds * 1000;
    let total = 0;
    for (;;) {
      const removed = await store.pruneBefore(cutoff, PRUNE_CHUNK);
      total += removed;
      if (removed < PRUNE_CHUNK) break;
      // Let requests in between chunks.
      await new Promise((r) => setImmediate(r));
    }
    while ((await store.pruneDecisions(cutoff, PRUNE_CHUNK)) === PRUNE_CHUNK)
      await new Promise((r) => setImmediate(r));
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
      const closed = new Promise<void>((r) => server.close(() => r()));
      hub.close();
      server.closeIdleConnections();
      // Connections finishing their last request close as soon as they are idle.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const force = setTimeout(() => server.closeAllConnections(), config.shutdownGraceSeconds * 1000);
      await closed;
      clearInterval(sweep);
      clearTimeout(force);
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
  return { url: `http://${host}:${port}`, port, store, metrics, rules, backstop, prune, close };
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
