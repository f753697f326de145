import type { Logger } from '../../../node/logger';
import type { PsaConnection } from '../connection';
import { backoffDelay, type BackoffPolicy } from '../../time/backoff';
import type { Timing } from '../../time/clock';
import { connectionCodes, networkCodes, type OutboxProcessor } from './outbox-processor';
import type { OutboxRepository } from './outbox-repository';

export interface OutboxWorkerOptions {
  /** How often the worker asks whether an unreachable PSA is back (one cheap GET, not one per row). */
  probe: BackoffPolicy;
  /** Rows per pass. */
  batch: number;
}

/**
 * Sends queued tickets in the background: rows when their backoff is over, and every row waiting on
 * the network as soon as a probe (or any other call) finds the PSA reachable again. While the PSA is
 * unreachable it sends one probe per backoff step instead of retrying every row.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  /** The pass under way, so that stopping can wait for it to let go of the cache. */
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private unreachable = false;
  private probeFailures = 0;
  private probeAt = 0;
  /** After a pass failed unexpectedly, no new pass before this time (no busy loop on a bug). */
  private cooldownUntil = 0;

  constructor(
    private readonly deps: {
      outbox: OutboxRepository;
      processor: OutboxProcessor;
      connection: PsaConnection;
      timing: Timing;
      logger: Logger;
    },
    private readonly options: OutboxWorkerOptions,
  ) {}

  /** Starts working; rows cut off in `sending` by a crash are due at once (their next_attempt_at is past). */
  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** No new pass after this; resolves when the one under way (if any) has finished with the cache. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Run a pass now (a row was queued, the connection changed). */
  wake(): void {
    this.schedule(0);
  }

  /** Something reached the PSA: rows waiting on the network go now. */
  networkBack(): void {
    if (!this.unreachable) return;
    this.unreachable = false;
    this.probeFailures = 0;
    const due = this.deps.outbox.requeueWaitingOn(networkCodes);
    this.deps.logger.info('outbox: Alga PSA is reachable again', { due });
    this.wake();
  }

  /** The connection was saved again: rows blocked on the key or the address go now. */
  connectionChanged(): void {
    this.unreachable = false;
    this.probeFailures = 0;
    this.deps.outbox.requeueWaitingOn([...connectionCodes, ...networkCodes]);
    this.wake();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = null;
        void this.tick();
      },
      Math.max(0, delayMs),
    );
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.guardedPass();
    await this.running;
    this.running = null;
    if (this.stopped) return;
    if (this.again) {
      this.again = false;
      this.wake();
    } else this.scheduleNext();
  }

  private async guardedPass(): Promise<void> {
    try {
      if (this.deps.connection.settings()) await this.pass();
    } catch (error) {
      this.deps.logger.error('outbox: worker pass failed', { error });
      this.cooldownUntil = this.deps.timing.now() + this.options.probe.maxMs;
    }
  }

  private async pass(): Promise<void> {
    const { timing, outbox, processor } = this.deps;
    if (this.unreachable) {
      if (timing.now() < this.probeAt) return;
      if (!(await this.probe())) return;
    }
    for (;;) {
      const ids = outbox.due(timing.now(), this.options.batch);
      if (!ids.length || this.stopped) return;
      for (const id of ids) {
        const result = await processor.attempt(id);
        if (result.errorCode && networkCodes.includes(result.errorCode)) {
          this.markUnreachable();
          return;
        }
      }
    }
  }

  private markUnreachable(): void {
    this.unreachable = true;
    this.probeFailures += 1;
    this.probeAt =
      this.deps.timing.now() +
      backoffDelay(this.probeFailures, this.options.probe, {
        kind: 'equal',
        random: this.deps.timing.random,
      });
  }

  private async probe(): Promise<boolean> {
    try {
      await (await this.deps.connection.client()).probe();
      this.deps.connection.noteHealth(null);
      this.networkBack();
      return true;
    } catch (error) {
      this.deps.connection.noteHealth(error);
      this.markUnreachable();
      return false;
    }
  }

  private scheduleNext(): void {
    const next = this.deps.outbox.nextDueAt();
    const candidates = [next, this.unreachable ? this.probeAt : null].filter((t): t is number => t !== null);
    if (!candidates.length) return;
    const at = this.unreachable ? Math.max(Math.min(...candidates), this.probeAt) : Math.min(...candidates);
    this.schedule(Math.max(at, this.cooldownUntil) - this.deps.timing.now());
  }
}
