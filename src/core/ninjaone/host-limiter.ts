import { defaultRequestBudget, type RequestBudget } from '../../shared/contract/ninjaone';
import type { Timing } from '../time/clock';
import { cancelled } from './timing';

export type { RequestBudget };

/** Interactive calls (remote connect, a device action) go before the background walks waiting. */
export type RequestPriority = 'interactive' | 'background';

/**
 * What a transport asks of its host's request budget. `HostLimiter` is the budget itself; a sync
 * running on its own thread gets a stand-in that asks the core's one (see `sync/thread`).
 */
export interface RequestLimiter {
  acquire(
    signal?: AbortSignal,
    priority?: RequestPriority,
  ): Promise<{ release: () => void; waitedMs: number }>;
  pauseUntil(at: number): void;
  /** NinjaOne answered 429: slows down and returns the streak (1 for the first in a row). */
  throttled(): number | Promise<number>;
  succeeded(): void;
}

interface Waiter {
  priority: RequestPriority;
  grant(): void;
}

/**
 * The one request budget of a NinjaOne host in this process, shared by every client of the host
 * (sync, status sweep, remote connect, device actions, token renewals): a token bucket (steady rate,
 * burst), at most `concurrency` requests in flight, and a pause of the whole host when NinjaOne
 * answers 429, for its Retry-After or, without one, for a backoff that grows with each 429 in a row.
 * A 429 also halves the rate the host is sent (NinjaOne's real limit is lower than the budget), and
 * each success wins back a fiftieth of the budget, so a console settles under the server's limit
 * instead of meeting it again and again. Waiters are served in order, interactive ones first.
 */
export class HostLimiter implements RequestLimiter {
  private budget: RequestBudget = defaultRequestBudget;
  /** The rate sent now: the budget's, or less after 429s. */
  private rate = defaultRequestBudget.requestsPerSecond;
  private tokens: number = defaultRequestBudget.burst;
  private refilledAt: number;
  private active = 0;
  private readonly waiting: Waiter[] = [];
  private pausedUntil = 0;
  private pumping = false;
  /** 429s in a row without a success between them: the backoff of the next pause. */
  private throttledInARow = 0;

  constructor(
    private readonly timing: Timing,
    readonly concurrency: number,
  ) {
    this.refilledAt = timing.now();
  }

  get current(): RequestBudget & { currentRate: number } {
    return { ...this.budget, currentRate: this.rate };
  }

  configure(budget: RequestBudget): void {
    if (budget.requestsPerSecond === this.budget.requestsPerSecond && budget.burst === this.budget.burst)
      return;
    this.refill(this.timing.now());
    this.budget = budget;
    this.rate = budget.requestsPerSecond;
    this.tokens = Math.min(this.tokens, budget.burst);
    void this.pump();
  }

  pauseUntil(at: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, at);
  }

  /** NinjaOne answered 429: slows down and returns the streak (1 for the first in a row). */
  throttled(): number {
    this.refill(this.timing.now());
    this.rate = Math.max(minimumRate, this.rate / 2);
    return ++this.throttledInARow;
  }

  /** A request went through: the next 429 starts the backoff over, and the rate climbs back. */
  succeeded(): void {
    this.throttledInARow = 0;
    if (this.rate < this.budget.requestsPerSecond) {
      this.refill(this.timing.now());
      this.rate = Math.min(this.budget.requestsPerSecond, this.rate + this.budget.requestsPerSecond / 50);
    }
  }

  /**
   * Waits for the host's pause to end, a token and a slot; resolves with the release of the slot and
   * how long the wait took.
   */
  async acquire(
    signal?: AbortSignal,
    priority: RequestPriority = 'background',
  ): Promise<{ release: () => void; waitedMs: number }> {
    const started = this.timing.now();
    if (!this.tryTake(started)) await this.queue(priority, signal);
    let released = false;
    return {
      waitedMs: this.timing.now() - started,
      release: () => {
        if (released) return;
        released = true;
        this.active--;
        void this.pump();
      },
    };
  }

  /** The fast path: nobody waiting, not paused, a token and a slot free. */
  private tryTake(now: number): boolean {
    if (this.waiting.length > 0 || this.pausedUntil > now || this.active >= this.concurrency) return false;
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    this.active++;
    return true;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.refilledAt);
    this.refilledAt = now;
    this.tokens = Math.min(this.budget.burst, this.tokens + (elapsed * this.rate) / 1000);
  }

  private queue(priority: RequestPriority, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(cancelled());
      const onAbort = (): void => {
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(cancelled());
      };
      const waiter: Waiter = {
        priority,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const at =
        priority === 'interactive'
          ? this.waiting.findIndex((w) => w.priority === 'background')
          : this.waiting.length;
      this.waiting.splice(at < 0 ? this.waiting.length : at, 0, waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      void this.pump();
    });
  }

  /** Hands out tokens and slots to the waiters in order, sleeping through pauses and empty buckets. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiting.length > 0 && this.active < this.concurrency) {
        const now = this.timing.now();
        if (this.pausedUntil > now) {
          await this.timing.sleep(this.pausedUntil - now);
          continue;
        }
        this.refill(now);
        if (this.tokens < 1) {
          await this.timing.sleep(Math.ceil(((1 - this.tokens) * 1000) / this.rate));
          continue;
        }
        this.tokens -= 1;
        this.active++;
        this.waiting.shift()!.grant();
      }
    } finally {
      this.pumping = false;
    }
  }
}

/** However many 429s, a host is still sent a request every two seconds. */
const minimumRate = 0.5;

const limiters = new WeakMap<Timing, Map<string, HostLimiter>>();

/**
 * The limiter of a host: one per host (and clock: in production every client shares the real one;
 * tests with virtual clocks get their own) in the process; whichever client asks first sets the
 * concurrency.
 */
export function limiterFor(host: string, timing: Timing, concurrency = 6): HostLimiter {
  let byHost = limiters.get(timing);
  if (!byHost) limiters.set(timing, (byHost = new Map()));
  let limiter = byHost.get(host);
  if (!limiter) byHost.set(host, (limiter = new HostLimiter(timing, concurrency)));
  return limiter;
}
