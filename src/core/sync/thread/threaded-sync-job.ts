import { Worker } from 'node:worker_threads';
import { AppError, isAppError } from '../../../shared/rpc/errors';
import type { SyncKind } from '../../cache/repositories/sync-state';
import type { Logger } from '../../log/logger';
import type { NinjaOneClient } from '../../ninjaone';
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
 * The core's sync job with every run on a thread of its own (see `sync-thread.ts`): a full pass of a
 * large fleet writes for minutes, and the technician's lists, searches and details must not wait
 * for it. What stays on the core's thread is small: the probe, the status sweep, webhook refreshes,
 * confirming a held deletion.
 */
export class ThreadedSyncJob implements SyncJob {
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
    const { hooks, logger } = this.options;
    const client = await this.options.client();
    const tokens = client.transport.tokens;
    const limiter = client.transport.limiter;
    const data: ThreadData = {
      cachePath: this.options.cachePath,
      endpoint: client.endpoint,
      clientId: client.clientId,
      retry: this.options.retry,
    };
    const worker = new Worker(threadUrl(), { workerData: data, execArgv: [] });
    const send = (message: ToThread): void => worker.postMessage(message);
    // Slots the thread holds in the request budget, and acquires it may withdraw.
    const slots = new Map<number, () => void>();
    const pending = new Map<number, AbortController>();
    const answer = (id: number, work: () => Promise<unknown>): void => {
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
    const asked = (id: number, question: Ask): void => {
      if (question.what === 'token') answer(id, () => tokens!.accessToken(ctx.signal));
      else if (question.what === 'renew')
        answer(id, () => tokens!.renewAfterRejection(question.rejected, ctx.signal));
      else if (question.what === 'throttled') answer(id, () => Promise.resolve(limiter.throttled()));
      else {
        const withdraw = new AbortController();
        pending.set(id, withdraw);
        answer(id, async () => {
          const slot = await limiter.acquire(AbortSignal.any([ctx.signal, withdraw.signal]), question.priority);
          pending.delete(id);
          slots.set(id, slot.release);
          return { waitedMs: slot.waitedMs };
        });
      }
    };
    const onAbort = (): void => send({ type: 'cancel' });
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await new Promise<SyncKind>((resolve, reject) => {
        worker.on('message', (message: FromThread) => {
          switch (message.type) {
            case 'ask':
              return asked(message.id, message.ask);
            case 'withdraw':
              pending.get(message.id)?.abort();
              return;
            case 'release':
              slots.get(message.id)?.();
              slots.delete(message.id);
              return;
            case 'pause':
              return limiter.pauseUntil(message.until);
            case 'succeeded':
              return limiter.succeeded();
            case 'progress':
              return ctx.progress(message.phase, message.done, message.total);
            case 'changed':
              return hooks.changed(message.change);
            case 'alertsChanged':
              return hooks.alertsChanged(message.change);
            case 'organizationsSynced':
              return hooks.organizationsSynced();
            case 'log':
              return logger[message.level](message.msg, message.fields);
            case 'done':
              Object.assign(ctx.counts, message.counts);
              ctx.warnings.push(...message.warnings);
              if (message.error) reject(AppError.fromShape(message.error));
              else resolve(message.kind!);
          }
        });
        worker.once('error', (error) =>
          reject(new AppError('internal', `The sync thread failed: ${error.message}`)),
        );
        worker.once('exit', (code) =>
          reject(new AppError('internal', `The sync thread stopped before the sync ended (exit ${code}).`)),
        );
        send({ type: 'run', kind, runId: ctx.runId });
      });
    } finally {
      ctx.signal.removeEventListener('abort', onAbort);
      for (const release of slots.values()) release();
      for (const withdraw of pending.values()) withdraw.abort();
      await worker.terminate();
    }
  }
}
