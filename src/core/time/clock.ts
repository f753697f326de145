/**
 * Time, injectable so tests take none. Two views of the one clock, by what the caller does with it:
 * schedulers set timers (`Clock`); request code waits inline and jitters its retries (`Timing`).
 * This module imports nothing of ours, so the shell, the relay and the core all use it.
 */

/** Time and timers, for code that schedules work (the sync, dashboard history). */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Real timers that never keep the process alive on their own. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Time as the API clients see it. Tests pass a fake so retries and backoff take no real time;
 * everything that waits (backoff, Retry-After, pauses) goes through here.
 */
export interface Timing {
  now(): number;
  /** Resolves after `ms`, or rejects with `cancelled()` when the signal aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** [0, 1): the jitter source. */
  random(): number;
}

/** Real time; an aborted sleep rejects with the error `cancelled` makes (it names the service). */
export function realTimingWith(cancelled: () => Error): Timing {
  return {
    now: () => Date.now(),
    random: () => Math.random(),
    sleep: (ms, signal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(cancelled());
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, ms);
        const onAbort = (): void => {
          clearTimeout(timer);
          reject(cancelled());
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
  };
}
