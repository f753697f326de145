import { backoffDelay } from '../../src/core/time/backoff';

/**
 * When to restart the core after it died. Quick successive crashes back off exponentially up to a
 * cap; a core that ran long enough to be called stable starts the count again. Main never gives up:
 * the window shows the reconnecting banner with the next attempt's time meanwhile.
 */
export interface RestartPolicy {
  initialDelayMs: number;
  factor: number;
  maxDelayMs: number;
  /** A core that ran at least this long before dying counts as a first failure again. */
  stableAfterMs: number;
}

export const defaultRestartPolicy: RestartPolicy = {
  initialDelayMs: 500,
  factor: 2,
  maxDelayMs: 30_000,
  stableAfterMs: 60_000,
};

export interface RestartDecision {
  /** 1 for the first restart after a stable run. */
  attempt: number;
  delayMs: number;
}

export function nextRestart(
  previousAttempt: number,
  uptimeMs: number,
  policy: RestartPolicy = defaultRestartPolicy,
): RestartDecision {
  const attempt = uptimeMs >= policy.stableAfterMs ? 1 : previousAttempt + 1;
  const delayMs = backoffDelay(attempt, {
    baseMs: policy.initialDelayMs,
    maxMs: policy.maxDelayMs,
    factor: policy.factor,
  });
  return { attempt, delayMs };
}
