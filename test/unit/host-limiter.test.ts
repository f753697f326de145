import { describe, expect, it } from 'vitest';
import { HostLimiter } from '../../src/core/ninjaone/host-limiter';
import { fakeTiming } from '../support/ninjaone';

/**
 * The request budget of a NinjaOne host: a burst goes at once, then requests follow the steady rate;
 * a technician's request overtakes the sync's queued walk; a cancelled waiter leaves the queue; a
 * new budget applies to requests already waiting.
 */
describe('host request budget', () => {
  it('lets a burst through at once, then spaces requests at the steady rate', async () => {
    const timing = fakeTiming();
    const limiter = new HostLimiter(timing, 100);
    limiter.configure({ requestsPerSecond: 4, burst: 3 });
    const started = timing.now();
    const at: number[] = [];
    for (let i = 0; i < 7; i++) {
      const { release } = await limiter.acquire();
      at.push(timing.now() - started);
      release();
    }
    expect(at).toEqual([0, 0, 0, 250, 500, 750, 1000]);
  });

  it('never has more requests in flight than its concurrency', async () => {
    const timing = fakeTiming();
    const limiter = new HostLimiter(timing, 2);
    limiter.configure({ requestsPerSecond: 1000, burst: 1000 });
    const first = await limiter.acquire();
    await limiter.acquire();
    let third = false;
    const pending = limiter.acquire().then((slot) => {
      third = true;
      return slot;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(third).toBe(false);
    first.release();
    await pending;
    expect(third).toBe(true);
  });

  it('serves a waiting interactive request before the background walks queued ahead of it', async () => {
    const timing = fakeTiming();
    const limiter = new HostLimiter(timing, 1);
    limiter.configure({ requestsPerSecond: 1000, burst: 1000 });
    const busy = await limiter.acquire();
    const order: string[] = [];
    const queued = [
      limiter.acquire(undefined, 'background').then((s) => (order.push('page 1'), s.release())),
      limiter.acquire(undefined, 'background').then((s) => (order.push('page 2'), s.release())),
      limiter.acquire(undefined, 'interactive').then((s) => (order.push('remote connect'), s.release())),
    ];
    busy.release();
    await Promise.all(queued);
    expect(order).toEqual(['remote connect', 'page 1', 'page 2']);
  });

  it('drops a cancelled waiter from the queue', async () => {
    const timing = fakeTiming();
    const limiter = new HostLimiter(timing, 1);
    const busy = await limiter.acquire();
    const stop = new AbortController();
    const cancelled = limiter.acquire(stop.signal);
    stop.abort();
    await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
    busy.release();
    const next = await limiter.acquire();
    expect(next.waitedMs).toBe(0);
  });

  it('applies a raised budget at once, without waiting out the old rate', async () => {
    const timing = fakeTiming();
    const limiter = new HostLimiter(timing, 100);
    limiter.configure({ requestsPerSecond: 0.5, burst: 1 });
    (await limiter.acquire()).release();
    limiter.configure({ requestsPerSecond: 100, burst: 1 });
    const { waitedMs } = await limiter.acquire();
    expect(waitedMs).toBe(10);
  });

  it('halves its rate after each 429 and wins it back with successes', () => {
    const timing = fakeTiming();
    const limiter = new HostLimiter(timing, 6);
    limiter.configure({ requestsPerSecond: 8, burst: 8 });
    expect(limiter.throttled()).toBe(1);
    expect(limiter.throttled()).toBe(2);
    expect(limiter.current.currentRate).toBe(2);
    for (let i = 0; i < 10; i++) limiter.succeeded();
    expect(limiter.current.currentRate).toBeCloseTo(3.6);
    for (let i = 0; i < 100; i++) limiter.succeeded();
    expect(limiter.current.currentRate).toBe(8);
    expect(limiter.throttled()).toBe(1);
  });
});
