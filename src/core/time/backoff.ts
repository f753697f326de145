/**
 * How long to wait before trying again. Every retry in the product (sync failures and offline
 * probes, PSA requests and the ticket outbox, NinjaOne 5xx and 429s, the relay stream and its
 * ticket work, core restarts in the shell) takes its delay from here; they differ only in policy.
 */
export interface BackoffPolicy {
  /** Delay before the first retry. */
  baseMs: number;
  /** No delay grows beyond this. */
  maxMs: number;
  /** Growth per attempt; 2 (doubling) when absent. */
  factor?: number;
}

/**
 * How much of the delay is random, so that many clients retrying at once spread out:
 * - `equal`: half the delay is fixed, half random: never sooner than half the schedule;
 * - `full`: anywhere from 0 to the delay (a server that refused us sees the least load).
 */
export interface Jitter {
  kind: 'equal' | 'full';
  /** [0, 1). */
  random: () => number;
}

/** The wait before retry `attempt` (counting from 1): `baseMs * factor^(attempt - 1)`, capped, jittered when asked. */
export function backoffDelay(attempt: number, policy: BackoffPolicy, jitter?: Jitter): number {
  const delay = Math.min(policy.maxMs, policy.baseMs * (policy.factor ?? 2) ** Math.max(0, attempt - 1));
  if (!jitter) return delay;
  if (jitter.kind === 'full') return Math.floor(jitter.random() * delay);
  return Math.round(delay / 2 + (delay / 2) * jitter.random());
}
