import { Worker } from 'node:worker_threads';
import { AppError, isAppError } from '../../../shared/rpc/errors';
import type { SyncKind } from '../../cache/repositories/sync-state';
import type { Logger } from '../../../node/logger';
import type { NinjaOneClient, TokenProvider } from '../../ninjaone';
import type { RequestLimiter } from '../../ninjaone/host-limiter';
import type { RetryPolicy } from '../../ninjaone/retry';
import type { NinjaOneSyncJob } from '../ninjaone-sync-job';
import type { SyncHooks } from '../run-scope';
import type { StatusSweepResult } from '../status-sweep';
import type { StaleDevices, SyncContext, SyncJob } from '../sync-job';
import type { Ask, FromThread, ThreadData, ToThread } from './protocol';

/**
 * The thread's entry: from source (tsx, vitest) the .mjs that registers the TypeScript loader; in the
 * built console its own bundle next to the core's (see electron.vite.config.ts). The name is a
 * variable so the bundler does not take the URL for an asset of its own.
 */
function threadUrl(): URL {
  const file = import.meta.url.endsWith('.ts') ? 'sync-thread.mjs' : 'sync-thread.js';
  return new URL(`./${file}`, import.meta.url);
}

export interface ThreadedSyncJobOptions {
  cachePath: string;
  /** The same client factory the job uses: its session, endpoint and request budget serve the thread. */
  client(): Promise<NinjaOneClient>;
  hooks: SyncHooks;
  logger: Logger;
  retry?: Partial<RetryPolicy>;
}

/**
 * The core's sync job with every run on a thread of its own (see `sync-thread.ts`), started at the
 * first run and kept: a full pass of a large fleet writes for minutes, and the technician's lists,
 * searches and details must not wait for it. What stays on the core's thread is small: the probe,
 * the status sweep, webhook refreshes, confirming a held deletion.
 */
export class ThreadedSyncJob implements SyncJob {
  private worker: Worker | null = null;
  private current: CurrentRun | null = null;

  constructor(
    private readonly inline: NinjaOneSyncJob,
    private readonly options: ThreadedSyncJobOptions,
  ) {}

  connected(): Promise<boolean> {
    return this.inline.connected();
  }

  unfinished(): SyncKind | null {
    return this.inline.unfinished();
  }

  probe(signal: AbortSignal): Promise<void> {
    return this.inline.probe(signal);
  }

  refreshDevices(stale: StaleDevices, signal: AbortSignal): Promise<boolean> {
    return this.inline.refreshDevices(stale, signal);
  }

  sweepStatus(signal: AbortSignal): Promise<StatusSweepResult> {
    return this.inline.sweepStatus(signal);
  }

  confirmDeletion(runId: number): { devices: number; organizations: number } {
    return this.inline.confirmDeletion(runId);
  }

  async run(kind: SyncKind, ctx: SyncContext): Promise<SyncKind> {
    if (this.current) throw new AppError('conflict', 'A sync is already running on the sync thread.');
    const client = await this.options.client();
    const worker = this.thread();
    const run: CurrentRun = {
      ctx,
      tokens: client.transport.tokens,
      limiter: client.transport.limiter,
      slots: new Map(),
      pending: new Map(),
      settle: () => undefined,
    };
    const onAbort = (): void => worker.postMessage({ type: 'cancel' } satisfies ToThread);
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await new Promise<SyncKind>((resolve, reject) => {
        run.settle = (outcome) => ('kind' in outcome ? resolve(outcome.kind) : reject(outcome.error));
        this.current = run;
        worker.postMessage({
          type: 'run',
          kind,
          runId: ctx.runId,
          endpoint: client.endpoint,
          clientId: client.clientId,
        } satisfies ToThread);
      });
    } finally {
      this.current = null;
      ctx.signal.removeEventListener('abort', onAbort);
      for (const release of run.slots.values()) release();
      for (const withdraw of run.pending.values()) withdraw.abort();
    }
  }

  /** Ends the thread (the core is closing); a run in progress ends cancelled. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ type: 'close' } satisfies ToThread);
    // A thread busy in a long write still ends: it is given a moment to close its connection.
    const timer = setTimeout(() => void worker.terminate(), 5_000);
    await exited;
    clearTimeout(timer);
  }

  /** The thread, started at the first run and kept for the next (starting one loads the whole sync). */
  private thread(): Worker {
    if (this.worker) return this.worker;
    const data: ThreadData = { cachePath: this.options.cachePath, retry: this.options.retry };
    const worker = new Worker(threadUrl(), { workerData: data, execArgv: [] });
    worker.on('message', (message: FromThread) => this.received(worker, message));
    const lost = (why: string): void => {
      if (this.worker === worker) this.worker = null;
      this.current?.settle({ error: new AppError('internal', why) });
    };
    worker.on('error', (error) => lost(`The sync thread failed: ${error.message}`));
    worker.on('exit', (code) => lost(`The sync thread stopped before the sync ended (exit ${code}).`));
    this.worker = worker;
    return worker;
  }

  private received(worker: Worker, message: FromThread): void {
    const run = this.current;
    const { hooks, logger } = this.options;
    if (message.type === 'log') return logger[message.level](message.msg, message.fields);
    if (!run) return;
    const send = (reply: ToThread): void => worker.postMessage(reply);
    switch (message.type) {
      case 'ask':
        return this.answer(run, message.id, message.ask, send);
      case 'withdraw':
        run.pending.get(message.id)?.abort();
        return;
      case 'release':
        run.slots.get(message.id)?.();
        run.slots.delete(message.id);
        return;
      case 'pause':
        return run.limiter.pauseUntil(message.until);
      case 'succeeded':
        return run.limiter.succeeded();
      case 'progress':
        return run.ctx.progress(message.phase, message.done, message.total);
      case 'changed':
        return hooks.changed(message.change);
      case 'alertsChanged':
        return hooks.alertsChanged(message.change);
      case 'organizationsSynced':
        return hooks.organizationsSynced();
      case 'done':
        Object.assign(run.ctx.counts, message.counts);
        run.ctx.warnings.push(...message.warnings);
        run.settle(message.error ? { error: AppError.fromShape(message.error) } : { kind: message.kind! });
    }
  }

  /** A question of the thread's, answered from the core's session and request budget. */
  private answer(run: CurrentRun, id: number, question: Ask, send: (reply: ToThread) => void): void {
    const reply = (work: () => Promise<unknown>): void => {
      work().then(
        (value) => send({ type: 'answer', id, value }),
        (error: unknown) =>
          send({
            type: 'answer',
            id,
            error: (isAppError(error) ? error : new AppError('internal', String(error))).toShape(),
          }),
      );
    };
    const { ctx, tokens, limiter } = run;
    if (question.what === 'token') return reply(() => required(tokens).accessToken(ctx.signal));
    if (question.what === 'renew')
      return reply(() => required(tokens).renewAfterRejection(question.rejected, ctx.signal));
    if (question.what === 'throttled') return reply(() => Promise.resolve(limiter.throttled()));
    const withdraw = new AbortController();
    run.pending.set(id, withdraw);
    reply(async () => {
      const slot = await limiter.acquire(AbortSignal.any([ctx.signal, withdraw.signal]), question.priority);
      run.pending.delete(id);
      run.slots.set(id, slot.release);
      return { waitedMs: slot.waitedMs };
    });
  }
}

interface CurrentRun {
  ctx: SyncContext;
  tokens: TokenProvider | undefined;
  limiter: RequestLimiter;
  /** Budget slots the thread holds, and acquires it may still withdraw, by question id. */
  slots: Map<number, () => void>;
  pending: Map<number, AbortController>;
  settle(outcome: { kind: SyncKind } | { error: AppError }): void;
}

function required(tokens: TokenProvider | undefined): TokenProvider {
  if (!tokens)
    throw new AppError('not_connected', 'The console is not connected to NinjaOne. Connect it first.');
  return tokens;
}
