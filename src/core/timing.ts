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
