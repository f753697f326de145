import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/core/time/backoff';

describe('backoffDelay', () => {
  const policy = { baseMs: 1000, maxMs: 10_000 };

  it('doubles from the base per attempt and stops at the cap, without jitter by default', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy))).toEqual([
      1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
    // Attempt 0 (nothing failed yet) waits the base, never less.
    expect(backoffDelay(0, policy)).toBe(1000);
  });

  it('grows by the policy factor when one is given', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, { baseMs: 100, maxMs: 1000, factor: 3 }))).toEqual([
      100, 300, 900, 1000,
    ]);
  });

  it('equal jitter keeps half the delay fixed, so no retry comes back sooner than half the schedule', () => {
    expect(backoffDelay(3, policy, { kind: 'equal', random: () => 0 })).toBe(2000);
    expect(backoffDelay(3, policy, { kind: 'equal', random: () => 0.5 })).toBe(3000);
    expect(backoffDelay(3, policy, { kind: 'equal', random: () => 0.999 })).toBe(3998);
    expect(backoffDelay(9, policy, { kind: 'equal', random: () => 0.999 })).toBe(9995);
  });

  it('full jitter spreads the delay from zero to the schedule', () => {
    expect(backoffDelay(3, policy, { kind: 'full', random: () => 0 })).toBe(0);
    expect(backoffDelay(3, policy, { kind: 'full', random: () => 0.999 })).toBe(3996);
    expect(backoffDelay(9, policy, { kind: 'full', random: () => 0.5 })).toBe(5000);
  });
});
