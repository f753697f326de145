import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, isAppError } from '../../../shared/rpc/errors';
import { Cache } from '../../cache/cache';
import type { Logger, LogLevel } from '../../../node/logger';
import { NinjaOneClient, type TokenProvider } from '../../ninjaone';
import type { RequestLimiter, RequestPriority } from '../../ninjaone/host-limiter';
import { NinjaOneSyncJob } from '../ninjaone-sync-job';
import { emptyCounts, type SyncContext } from '../sync-job';
import type { Ask, FromThread, ThreadData, ToThread } from './protocol';

/**
 * The thread a sync runs on: its own cache connection (SQLite in WAL mode lets the core read while
 * this one writes), fetching, parsing, validating and writing off the core's event loop, so the
 * console's reads answer at once during a 50,000-device full sync. Tokens, the request budget,
 * hooks and logs are the core's, asked for and reported through messages.
 */
const port = parentPort!;
const data = workerData as ThreadData;
const post = (message: FromThread): void => port.postMessage(message);

let nextId = 1;
const waiting = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>();
function ask<T>(question: Ask, id = nextId++): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
    post({ type: 'ask', id, ask: question });
  });
}

const tokens: TokenProvider = {
  accessToken: () => ask<string>({ what: 'token' }),
  renewAfterRejection: (rejected) => ask<string>({ what: 'renew', rejected }),
};

/** The core's request budget for the host, asked over the message port. */
const limiter: RequestLimiter = {
  acquire: async (signal?: AbortSignal, priority: RequestPriority = 'background') => {
    const id = nextId++;
    const onAbort = (): void => post({ type: 'withdraw', id });
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const { waitedMs } = await ask<{ waitedMs: number }>({ what: 'acquire', priority }, id);
      return { waitedMs, release: () => post({ type: 'release', id }) };
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  },
  pauseUntil: (until) => post({ type: 'pause', until }),
  throttled: () => ask<number>({ what: 'throttled' }),
  succeeded: () => post({ type: 'succeeded' }),
};

const log =
  (level: LogLevel) =>
  (msg: string, fields?: Record<string, unknown>): void => {
    try {
      post({ type: 'log', level, msg, fields: fields && plain(fields) });
    } catch {
      // A field the structured clone cannot carry: the message goes without its fields.
      post({ type: 'log', level, msg });
    }
  };
const logger: Logger = {
  debug: log('debug'),
  info: log('info'),
  warn: log('warn'),
  error: log('error'),
  child: () => logger,
};

/**
 * Below the core's threads for the CPU: on a busy machine a technician's read must not wait for a
 * core behind the sync's parsing and writing (a sync a little slower is no one's wait). Linux keeps
 * a nice value per thread; elsewhere it would lower the whole console, so only there.
 */
const SYNC_THREAD_NICE = 10;
if (process.platform === 'linux') setPriority(SYNC_THREAD_NICE);

const cache = Cache.open(data.cachePath, { trusted: true });
let stop = new AbortController();

port.on('message', (message: ToThread) => {
  if (message.type === 'answer') {
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    if (!pending) return;
    if (message.error) pending.reject(AppError.fromShape(message.error));
    else pending.resolve(message.value);
  } else if (message.type === 'close') {
    cache.close();
    port.close();
  } else if (message.type === 'cancel') {
    stop.abort();
  } else {
    void run(message);
  }
});

async function run({ kind, runId, endpoint, clientId }: Extract<ToThread, { type: 'run' }>): Promise<void> {
  stop = new AbortController();
  const job = new NinjaOneSyncJob({
    cache,
    client: () =>
      Promise.resolve(new NinjaOneClient({ endpoint, clientId, tokens, limiter, retry: data.retry, logger })),
    connected: () => Promise.resolve(true),
    hooks: {
      changed: (change) => post({ type: 'changed', change }),
      alertsChanged: (change) => post({ type: 'alertsChanged', change }),
      organizationsSynced: () => post({ type: 'organizationsSynced' }),
    },
    logger,
  });
  const ctx: SyncContext = {
    runId,
    signal: stop.signal,
    counts: emptyCounts(),
    warnings: [],
    progress: (phase, done, total) => post({ type: 'progress', phase, done, total }),
  };
  let ran: 'full' | 'incremental' | null = null;
  let failure: AppError | null = null;
  try {
    ran = await job.run(kind, ctx);
  } catch (error) {
    failure = isAppError(error)
      ? error
      : new AppError(
          'internal',
          `The sync failed: ${error instanceof Error ? error.message : String(error)}`,
        );
  }
  post({ type: 'done', kind: ran, counts: ctx.counts, warnings: ctx.warnings, error: failure?.toShape() });
}

/** Log fields as the structured clone carries them (errors become their message and code). */
function plain(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [
      key,
      value instanceof Error ? { message: value.message, code: (value as { code?: unknown }).code } : value,
    ]),
  );
}
