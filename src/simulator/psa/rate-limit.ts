import type { RateLimitSettings } from './control';

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until one token is back (only when refused). */
  retryAfterMs: number;
}

/**
 * `enforceApiRateLimit`: a token bucket per API key (120 burst, 60 a minute by default). It always
 * counts; it refuses only when enforcement is on, as `RATE_LIMIT_ENFORCE=true` does on the server.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private settings: () => RateLimitSettings,
    private readonly now: () => number,
  ) {}

  reset(): void {
    this.buckets.clear();
  }

  take(key: string): RateDecision {
    const { burst, refillPerMin, enforce } = this.settings();
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) * refillPerMin) / 60_000);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, limit: burst, remaining: Math.floor(bucket.tokens), retryAfterMs: 0 };
    }
    const retryAfterMs = Math.ceil(((1 - bucket.tokens) * 60_000) / refillPerMin);
    return { allowed: !enforce, limit: burst, remaining: 0, retryAfterMs };
  }
}
