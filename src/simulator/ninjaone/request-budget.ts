import { routeMatches } from './faults';

/**
 * NinjaOne's rate limit as the simulator plays it: every endpoint (route) has its own token bucket,
 * refilled at `requestsPerSecond` up to `burst`; a request that finds it empty is answered 429, with
 * a Retry-After of the seconds until the next token, as an HTTP date, or with none (NinjaOne
 * publishes no limits and whether it sends the header is unknown, so clients must survive both).
 * Time is the simulator's clock, so tests that advance it refill the buckets.
 */
export interface RequestBudgetRule {
  requestsPerSecond: number;
  burst: number;
  /** How the 429 says when to come back (default seconds). */
  retryAfter?: 'seconds' | 'http-date' | 'absent';
  /** Which routes, as fault rules name them (default every API route). */
  route?: string;
}

export class SimRequestBudget {
  private rule_: RequestBudgetRule | null = null;
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  /** Requests answered 429, per route. */
  readonly limited = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  get rule(): RequestBudgetRule | null {
    return this.rule_;
  }

  set(rule: RequestBudgetRule | null): void {
    this.rule_ = rule;
    this.buckets.clear();
  }

  /** Null when the request may go on, else the 429's Retry-After header (absent: none). */
  take(routeKey: string, isApi: boolean): { retryAfter: string | null } | null {
    const rule = this.rule_;
    if (!rule || !routeMatches(rule.route, routeKey, isApi)) return null;
    const now = this.now();
    const bucket = this.buckets.get(routeKey) ?? { tokens: rule.burst, at: now };
    bucket.tokens = Math.min(rule.burst, bucket.tokens + ((now - bucket.at) * rule.requestsPerSecond) / 1000);
    bucket.at = now;
    this.buckets.set(routeKey, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return null;
    }
    this.limited.set(routeKey, (this.limited.get(routeKey) ?? 0) + 1);
    const seconds = Math.max(1, Math.ceil((1 - bucket.tokens) / rule.requestsPerSecond));
    const style = rule.retryAfter ?? 'seconds';
    if (style === 'absent') return { retryAfter: null };
    if (style === 'http-date')
      // An HTTP date is wall-clock time, whatever the simulated clock says.
      return { retryAfter: new Date(Date.now() + seconds * 1000).toUTCString() };
    return { retryAfter: String(seconds) };
  }
}

/** Checks a rule from the control API or options; returns the problem, or null. */
export function requestBudgetProblem(rule: unknown): string | null {
  if (!rule || typeof rule !== 'object') return 'the budget must be an object';
  const r = rule as Partial<RequestBudgetRule>;
  if (typeof r.requestsPerSecond !== 'number' || !(r.requestsPerSecond > 0))
    return 'requestsPerSecond must be a positive number';
  if (typeof r.burst !== 'number' || !Number.isInteger(r.burst) || r.burst < 1)
    return 'burst must be a positive integer';
  if (r.retryAfter !== undefined && !['seconds', 'http-date', 'absent'].includes(r.retryAfter))
    return 'retryAfter must be seconds, http-date or absent';
  if (r.route !== undefined && typeof r.route !== 'string') return 'route must be a string';
  return null;
}
