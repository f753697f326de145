import { backoffDelay } from '../time/backoff';

/**
 * When to try again and how long to wait: 429, 5xx, timeouts and dropped connections are retried
 * with exponential backoff and full jitter, or after exactly the server's Retry-After (seconds or an
 * HTTP date) when it sends one, capped; after `maxAttempts` the caller gets a typed error.
 */
export interface RetryPolicy {
  /** Total attempts, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest Retry-After honoured; longer ones wait this long. */
  retryAfterCapMs: number;
  /** Per attempt. */
  timeoutMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  retryAfterCapMs: 60_000,
  timeoutMs: 30_000,
};

/** Milliseconds to wait from a Retry-After header, or null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

/**
 * The wait before attempt `attempt + 1` (attempt counts from 1): the server's Retry-After when it
 * sent one (capped), else backoff with full jitter.
 */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | null,
  policy: RetryPolicy,
  random: () => number,
): number {
  if (retryAfterMs !== null) return Math.min(retryAfterMs, policy.retryAfterCapMs);
  return backoffDelay(
    attempt,
    { baseMs: policy.baseDelayMs, maxMs: policy.maxDelayMs },
    { kind: 'full', random },
  );
}
