import { AppError } from '../../shared/rpc/errors';
import { realTimingWith } from '../timing';

export type { Timing } from '../timing';

/** Real time for the PSA client and the outbox (a cancelled wait names Alga PSA). */
export const realTiming = realTimingWith(
  () => new AppError('cancelled', 'The Alga PSA request was cancelled.'),
);

export interface BackoffPolicy {
  /** Delay before the first retry. */
  baseMs: number;
  /** No delay grows beyond this. */
  maxMs: number;
}

/**
 * Exponential backoff with "equal jitter": half the doubled delay is fixed, half random, so retries
 * of many rows spread out but never come back sooner than half the schedule.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (exp / 2) * random());
}
