import { AppError } from '../../shared/rpc/errors';

/**
 * Time as the client sees it. Tests pass a fake so retries and backoff take no real time; everything
 * that waits (backoff, Retry-After, host pauses, refresh-ahead) goes through here.
 */
export interface Timing {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** [0, 1): the jitter source. */
  random(): number;
}

export const realTiming: Timing = {
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

export function cancelled(): AppError {
  return new AppError('cancelled', 'The NinjaOne request was cancelled.');
}
