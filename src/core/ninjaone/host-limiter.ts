import { cancelled, type Timing } from './timing';

/**
 * At most `limit` requests in flight per NinjaOne host, shared by every client of that host (sync,
 * remote connect, status checks). A 429 with Retry-After pauses the whole host, so a burst of
 * requests does not keep hammering a server that asked for quiet.
 */
export class HostLimiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private pausedUntil = 0;

  constructor(readonly limit: number) {}

  pauseUntil(at: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, at);
  }

  async acquire(timing: Timing, signal?: AbortSignal): Promise<() => void> {
    for (let wait = this.pausedUntil - timing.now(); wait > 0; wait = this.pausedUntil - timing.now()) {
      await timing.sleep(wait, signal);
    }
    // A released slot is handed straight to the next waiter, so the count never overshoots.
    if (this.active >= this.limit) await this.queue(signal);
    else this.active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    };
  }

  private queue(signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.waiting.indexOf(take);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(cancelled());
      };
      const take = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.waiting.push(take);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}

const limiters = new WeakMap<Timing, Map<string, HostLimiter>>();

/**
 * The limiter of a host: one per host (and clock: in production every client shares the real one;
 * tests with virtual clocks get their own) in the process; whichever client asks first sets the limit.
 */
export function limiterFor(host: string, limit: number, timing: Timing): HostLimiter {
  let byHost = limiters.get(timing);
  if (!byHost) limiters.set(timing, (byHost = new Map()));
  let limiter = byHost.get(host);
  if (!limiter) byHost.set(host, (limiter = new HostLimiter(limit)));
  return limiter;
}
